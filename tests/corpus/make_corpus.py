"""Make the corpus of tests/corpus/ again (see README.md there): needs pandoc, LibreOffice
(soffice) and Chromium on the PATH; the tests need none of them, they read the committed files.

    .venv/bin/python -m tests.corpus.make_corpus
    .venv/bin/python -m tests.corpus.make_corpus --held-out   # only the held-out sessions' documents
    .venv/bin/python -m tests.corpus.make_corpus --fresh      # only the fresh ones (issue 27's review)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from oivtui.files import storage
from oivtui.files.example import example_session
from tests.corpus import template, word
from tests.corpus.sessions import FRESH, HELD_OUT, SESSIONS

HERE = Path(__file__).parent
SEED = HERE.parent / "data" / "seed_brescia_2024.md"
DOCS = HERE / "documents"
ANSWERS = HERE / "answers"

#: Each hand: how the session's writer fills the template in.
HANDS = {
    "seed": template.Hand(),
    "comune": template.Hand(
        choice="word",
        yes="SI'",
        no="NO",
        dotted=True,
        nucleo=True,
        blanks=True,
        capitals="COMUNE DI MONTICHIARI (Provincia di Brescia)",
        left_out=("b9",),
    ),
    "regione": template.Hand(choice="x", yes="SÌ"),
    "universita": template.Hand(yes="si", blanks=True),
    # Held out: made after the readers were written (``--held-out`` makes only these).
    "ministero": template.Hand(dotted=True),
    "asl": template.Hand(
        choice="word",
        yes="SI'",
        no="NO",
        dotted=True,
        blanks=True,
        capitals="AZIENDA SANITARIA LOCALE ROMA 1 (Regione Lazio)",
        left_out=("b11",),
    ),
    # Fresh: made after issue 27's review and scored once before its fixes (``--fresh``).
    "provincia": template.Hand(choice="x", nucleo=True, capitals="PROVINCIA DI CUNEO"),
    "ateneo": template.Hand(capitals="UNIVERSITÀ DEGLI STUDI DI SCIENZE GASTRONOMICHE (Prov. di Cuneo)"),
}


def run(*command: str) -> None:
    print("$", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def soffice(source: Path, fmt: str, target: Path) -> None:
    """LibreOffice Writer opens ``source`` and saves it as ``fmt`` (its own filters)."""
    with tempfile.TemporaryDirectory() as out:
        profile = f"-env:UserInstallation=file://{out}/profile"
        run("soffice", profile, "--headless", "--convert-to", fmt, "--outdir", out, str(source))
        shutil.move(next(p for p in Path(out).iterdir() if p.suffix == f".{fmt}"), target)


def chromium(source: Path, target: Path) -> None:
    run(
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={target}",
        source.resolve().as_uri(),
    )


def pandoc(source: Path, target: Path, *extra: str) -> None:
    run("pandoc", str(source), "-o", str(target), *extra)


def seed_markdown() -> str:
    """The seed with its converter's checkbox inputs as the ☒/☐ a template shows."""
    text = SEED.read_text("utf-8")
    text = re.sub(r'<input checked="" type="checkbox"/>', "☒", text)
    return re.sub(r'<input type="checkbox"/>', "☐", text)


def held_out(work: Path) -> None:
    """The documents of the sessions made after the readers were written: a Ministero's template
    as a CMS publishes it and printed by Chromium, and through pandoc and LibreOffice to PDF; an
    ASL's in another hand, as Word writes it (Wingdings symbols) and through pandoc and LibreOffice;
    the Ministero's as Word writes it with legacy check boxes, printed by LibreOffice."""
    for name, make in HELD_OUT.items():
        session = make()
        hand = HANDS[name]
        storage.save(session, ANSWERS / f"{name}.toml")
        items = template.blocks(session, hand)
        source = work / f"{name}.md"
        source.write_text(template.markdown(items, hand), "utf-8")
        pandoc(source, work / f"{name}.docx")
        soffice(work / f"{name}.docx", "pdf", DOCS / f"{name}-libreoffice.pdf")
        if name == "ministero":
            (DOCS / f"{name}-cms.html").write_text(template.cms_html(items, hand), "utf-8")
            chromium(DOCS / f"{name}-cms.html", DOCS / f"{name}-cms-chromium.pdf")
            word.write(items, hand, work / f"{name}-word-formfields.docx", "formfield")
            soffice(work / f"{name}-word-formfields.docx", "pdf", DOCS / f"{name}-word-formfields.pdf")
        else:
            word.write(items, hand, DOCS / f"{name}-word-symbols.docx", "sym")
            soffice(DOCS / f"{name}-word-symbols.docx", "pdf", DOCS / f"{name}-word-symbols.pdf")


def fresh(work: Path) -> None:
    """The documents of the sessions made after issue 27's review: a Provincia's template as
    Markdown, through pandoc to Word and printed by LibreOffice; a Università's as pandoc's web
    page, printed by Chromium (its letterhead «(Prov. di Cuneo)»)."""
    for name, make in FRESH.items():
        session = make()
        hand = HANDS[name]
        storage.save(session, ANSWERS / f"{name}.toml")
        source = work / f"{name}.md"
        source.write_text(template.markdown(template.blocks(session, hand), hand), "utf-8")
        if name == "provincia":
            pandoc(source, work / f"{name}.docx")
            soffice(work / f"{name}.docx", "pdf", DOCS / f"{name}-libreoffice.pdf")
        else:
            pandoc(source, work / f"{name}.html", "--standalone", "--metadata", "title=Monitoraggio")
            chromium(work / f"{name}.html", DOCS / f"{name}-pandoc-chromium.pdf")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    ANSWERS.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="corpus-"))
    if sys.argv[1:] == ["--fresh"]:
        fresh(work)
        shutil.rmtree(work)
        return
    held_out(work)
    fresh(work)
    if sys.argv[1:] == ["--held-out"]:
        shutil.rmtree(work)
        return
    # The seed itself, converted as a user converts it.
    seed_md = work / "seed.md"
    seed_md.write_text(seed_markdown(), "utf-8")
    pandoc(seed_md, DOCS / "seed-pandoc.docx")
    pandoc(seed_md, DOCS / "seed-pandoc.odt")
    pandoc(seed_md, DOCS / "seed-pandoc.html", "--standalone", "--metadata", "title=Monitoraggio")
    soffice(DOCS / "seed-pandoc.docx", "docx", DOCS / "seed-libreoffice.docx")
    soffice(DOCS / "seed-pandoc.docx", "odt", DOCS / "seed-libreoffice.odt")
    soffice(DOCS / "seed-pandoc.docx", "pdf", DOCS / "seed-libreoffice.pdf")
    chromium(DOCS / "seed-pandoc.html", DOCS / "seed-chromium.pdf")
    # The template filled in from the example (the seed typed in) and from sessions of our own.
    example = example_session()
    storage.save(example, ANSWERS / "seed.toml")
    items = template.blocks(example, HANDS["seed"])
    word.write(items, HANDS["seed"], DOCS / "seed-word-symbols.docx", "sym")
    soffice(DOCS / "seed-word-symbols.docx", "pdf", DOCS / "seed-word-symbols.pdf")
    for name, make in SESSIONS.items():
        session = make()
        hand = HANDS[name]
        storage.save(session, ANSWERS / f"{name}.toml")
        items = template.blocks(session, hand)
        source = work / f"{name}.md"
        source.write_text(template.markdown(items, hand), "utf-8")
        (DOCS / f"{name}-cms.html").write_text(template.cms_html(items, hand), "utf-8")
        chromium(DOCS / f"{name}-cms.html", DOCS / f"{name}-cms-chromium.pdf")
        if name == "comune":
            pandoc(source, DOCS / "comune-pandoc.docx")
            soffice(DOCS / "comune-pandoc.docx", "odt", DOCS / "comune-libreoffice.odt")
            soffice(DOCS / "comune-pandoc.docx", "pdf", DOCS / "comune-libreoffice.pdf")
        elif name == "regione":
            word.write(items, hand, DOCS / "regione-word-formfields.docx", "formfield")
            soffice(DOCS / "regione-word-formfields.docx", "pdf", DOCS / "regione-word-formfields.pdf")
            pandoc(source, DOCS / "regione-pandoc.odt")
        else:
            word.write(items, hand, DOCS / "universita-word-controls.docx", "control")
            soffice(DOCS / "universita-word-controls.docx", "pdf", DOCS / "universita-word-controls.pdf")
            soffice(DOCS / "universita-word-controls.docx", "odt", DOCS / "universita-libreoffice.odt")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
