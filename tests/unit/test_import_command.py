"""`oivtui import` as a command: .docx and PDF, bad input, an existing session, next year, lazy imports."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_html, render_markdown
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form, Question
from questionnaire.form.rules import italian_date
from questionnaire.report.provenance import fingerprint
from tests.unit.test_cli import oivtui

SEED = Path(__file__).parent.parent / "data" / "seed_brescia_2024.md"


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "Error" not in done.stderr.split(":")[0]


# ---------------------------------------------------------------- .docx in the template's layout


def _marks(options: tuple[str, ...], value: object) -> str:
    return "   ".join(f"{'X' if value == o else '☐'} {o}" for o in options)


def _paragraphs(document: object, text: str, bold: bool = False) -> None:
    """Paragraphs of a free text; lines of a paragraph as line breaks; lists in Word's list style."""
    after_list = False
    for block in text.split("\n\n"):
        lines = block.split("\n")
        is_list, after_list = all(line.startswith("- ") for line in lines), after_list
        if is_list and not after_list:  # two Word lists in a row are one list: the second as lines
            after_list = True
            for line in lines:
                document.add_paragraph(line[2:], style="List Bullet")  # type: ignore[attr-defined]
            continue
        after_list = is_list
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold
            if number < len(lines) - 1:
                run.add_break()


def _columns(question: Question) -> list[str]:
    out = [""]
    for fld in question.fields:
        out += list(fld.options) if fld.kind == "choice" and len(fld.options) <= 2 else [fld.label]
    return out


def _table(document: object, question: Question, answers: Answers) -> None:
    columns = _columns(question)
    table = document.add_table(rows=1, cols=len(columns))  # type: ignore[attr-defined]
    for cell, label in zip(table.rows[0].cells, columns, strict=True):
        cell.text = label
    for row in question.rows:
        cells = table.add_row().cells
        values = [row.label]
        for fld in question.fields:
            value = answers.get(f"{question.id}/{row.key}/{fld.key}")
            if fld.kind == "choice" and len(fld.options) <= 2:
                values += ["X" if value == o else "" for o in fld.options]
            elif fld.kind == "choice":
                values.append(_marks(fld.options, value))
            else:
                values.append("" if value is None else str(value))
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


def _counts(document: object, question: Question, answers: Answers, agency: str) -> None:
    """«Numero …: 22 camerali e 3 dell'Azienda speciale X», as the seed writes the split."""
    for fld in question.fields:
        if fld.agency_share_of:
            continue
        value = f"{answers.get(f'{question.id}/{fld.key}')}"
        share = next((f for f in question.fields if f.agency_share_of == fld.key), None)
        shared = answers.get(f"{question.id}/{share.key}") if share else None
        if shared is not None:
            value += f" camerali e {shared} dell'Azienda speciale {agency}"
        document.add_paragraph(f"{fld.label}: {value}")  # type: ignore[attr-defined]


def _question(document: object, form: Form, question: Question, answers: Answers) -> None:
    if question.number or question.text != form.step(question.step).title:  # block 9 has its title only
        heading = document.add_paragraph()  # type: ignore[attr-defined]
        heading.add_run(question.title if question.number else question.text).bold = True
    for fld in question.fields:
        value = answers.get(f"{question.id}/{fld.key}")
        if value is None:
            continue
        if fld.kind == "choice":
            document.add_paragraph(_marks(fld.options, value) + ("" if value in fld.options else f"   X {value}"))  # type: ignore[attr-defined]
        elif fld.kind == "lines":
            document.add_paragraph().add_run(fld.label).bold = True  # type: ignore[attr-defined]
            for item in value:  # type: ignore[union-attr]
                document.add_paragraph(item)  # type: ignore[attr-defined]
        elif fld.annotation:
            document.add_paragraph().add_run(fld.label).bold = True  # type: ignore[attr-defined]
            _paragraphs(document, str(value))
        else:
            _paragraphs(document, str(value))


def template_docx(session: Session) -> bytes:
    """The session's answers in the layout of the official Word template: letterhead, title,
    the staff table with X in the boxes, questions in bold, answers and examples under them."""
    import docx

    form, answers = session.form, session.answers
    header = answers.data["header"]
    document = docx.Document()
    for doc in form.documents:
        document.add_paragraph().add_run(header["administration"]).bold = True
        document.add_paragraph().add_run(f"{doc.title} triennio {header['triennium']}").bold = True
        document.add_paragraph(f"PIAO adottato il {italian_date(header['piao_date'])}")
        for section_id in doc.sections:
            section = form.section(section_id)
            if section.number:
                document.add_heading(section.label, level=1)
            for step_id in section.steps:
                step = form.step(step_id)
                if step.kind == "block":
                    document.add_heading(step.label, level=2)
                for question in step.questions:
                    if step.kind == "table":
                        document.add_paragraph().add_run(question.title).bold = True
                        _table(document, question, answers)
                    elif step.kind == "counts":
                        document.add_heading(question.title, level=3)
                        _counts(document, question, answers, header["special_agency"])
                    elif step.kind == "block":
                        _question(document, form, question, answers)
        document.add_paragraph(f"{header['place']}, {italian_date(header['signature_date'])}")
        document.add_paragraph(header["signatory_role"])
        for name in header["signatories"]:
            document.add_paragraph(f"F.to {name}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_in_the_template_layout_imports_with_every_answer_in_place(tmp_path: Path) -> None:
    original = example_session()
    source = tmp_path / "monitoraggio.docx"
    source.write_bytes(template_docx(original))
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(source), str(target)]) == 0
    back = storage.load(target)
    for question in original.form.questions:
        for address in question.addresses():
            assert back.answers.get(address) == original.answers.get(address), address
    assert fingerprint(back.answers) == fingerprint(original.answers)
    assert back.imported is not None and back.imported.kind == "Word (.docx)"


# ---------------------------------------------------------------- PDF


def chromium_pdf(html: str, folder: Path) -> Path:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no chromium to print the HTML report to PDF")
    page, pdf = folder / "r.html", folder / "r.pdf"
    page.write_text(html, "utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}"]
    subprocess.run([browser, *flags, page.as_uri()], capture_output=True, timeout=120, check=False)
    if not pdf.exists():
        pytest.skip("chromium did not print the PDF")
    return pdf


def test_a_pdf_printed_from_the_html_report_gives_back_every_option_and_number(tmp_path: Path) -> None:
    original = example_session()
    pdf = chromium_pdf(render_html(original), tmp_path)
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(pdf), str(target)]) == 0
    back = storage.load(target)
    form = original.form
    texts = same = 0
    for question in form.questions:
        for address in question.addresses():
            fld = form.field_at(address)
            if address == "header/piao_date":  # not in a report: found by the fingerprint, which a PDF's text misses
                continue
            if fld.kind in ("choice", "integer", "date", "triennium", "line", "lines"):
                assert back.answers.get(address) == original.answers.get(address), address
            elif original.answers.get(address) is not None:
                texts += 1
                wanted, got = original.answers.get(address), back.answers.get(address)
                same += " ".join(str(wanted).split()) == " ".join(str(got).split())
    assert same >= 0.75 * texts  # a PDF's text: paragraphs and line breaks look alike, list bullets are drawn


def _pdf(encrypt: bool) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt("segreta")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("readme.md", b"# Un file qualsiasi\n\nNon c'entra nulla.\n", "nessuna domanda del monitoraggio riconosciuta"),
        ("rotto.docx", b"PK\x03\x04" + b"\x00rotto" * 50, "il file .docx è danneggiato"),
        ("rotto.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "PDF"),
        ("vuoto.pdf", _pdf(encrypt=False), "non ha un livello di testo"),
        ("cifrato.pdf", _pdf(encrypt=True), "protetto da una password"),
        ("binario.bin", b"\x00\x01\x02\xff" * 100, "non è un documento"),
        ("vuoto.txt", b"", "nessuna domanda"),
    ],
    ids=["readme.md", "rotto.docx", "rotto.pdf", "vuoto.pdf", "cifrato.pdf", "binario.bin", "vuoto.txt"],
)
def test_a_document_that_is_no_filing_or_damaged_is_refused_and_nothing_written(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2, done.stderr
    assert said in done.stderr
    no_traceback(done)
    assert not (tmp_path / "s.toml").exists()
    assert not list((tmp_path / ".local").rglob("*.toml")) if (tmp_path / ".local").exists() else True


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    source = tmp_path / "enorme.txt"
    with open(source, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2
    assert "è troppo grande (50 MB; al massimo 20 MB)" in done.stderr
    assert not (tmp_path / "s.toml").exists()


def test_an_existing_session_is_never_written_over(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    target.write_text("mio", "utf-8")
    done = oivtui("import", SEED, target)
    assert done.returncode == 2
    assert "esiste già" in done.stderr
    assert target.read_text("utf-8") == "mio"


def test_the_document_is_never_modified_and_a_session_without_name_goes_to_the_data_folder(tmp_path: Path) -> None:
    source = tmp_path / "seed.txt"
    source.write_bytes(SEED.read_bytes())
    done = oivtui("import", source)
    assert done.returncode == 0, done.stderr
    assert source.read_bytes() == SEED.read_bytes()
    created = list((tmp_path / ".local" / "share" / "oivtui" / "sessioni").glob("sessione-2024-2026*.toml"))
    assert len(created) == 1
    assert "Nuova sessione" in done.stdout and "Blocco 16" in done.stdout


def test_the_format_is_told_by_the_content_not_the_name(tmp_path: Path) -> None:
    source = tmp_path / "resoconto.txt"
    source.write_text(render_html(example_session()), "utf-8")
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(source), str(target)]) == 0
    assert storage.load(target).imported.kind == "HTML"  # type: ignore[union-attr]


# ---------------------------------------------------------------- next year


def test_anno_successivo_moves_the_triennium_on_as_new_from_does(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(SEED), str(target), "--anno-successivo"]) == 0
    session = storage.load(target)
    header = session.answers.data["header"]
    assert header["triennium"] == "2025-2027"
    assert "signature_date" not in header and "piao_date" not in header
    assert session.previous is not None
    assert session.previous.get("header/signature_date") == dt.date(2024, 2, 26)
    assert session.previous.get("7B/objectives") == session.answers.get("7B/objectives") == 22
    assert "header" in session.to_review


def test_the_import_record_survives_a_save_and_is_read_leniently(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(SEED), str(target)]) == 0
    doc = tomllib.loads(target.read_text("utf-8"))
    assert doc["imported"]["source"] == SEED.name
    assert doc["imported"]["excerpts"]["3.2/choice"] == "Raramente."
    text = target.read_text("utf-8").replace('source = "seed_brescia_2024.md"', "source = 3")
    target.write_text(text, "utf-8")
    assert storage.load(target).imported.source == ""  # type: ignore[union-attr]


# ---------------------------------------------------------------- lazy imports


@pytest.mark.parametrize("command", ["validate", "export"])
def test_validate_and_export_do_not_load_the_document_readers(tmp_path: Path, command: str) -> None:
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(SEED), str(target)]) == 0
    code = (
        "import sys, contextlib, io\nfrom oivtui.cli import main as cli\n"
        f"with contextlib.redirect_stdout(io.StringIO()): cli.main([{command!r}, {str(target)!r}])\n"
        "readers = ('docx', 'pypdf', 'lxml', 'pdfplumber', 'pdfminer')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in readers)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


# ---------------------------------------------------------------- ask


def test_ask_says_where_each_imported_answer_was_read(tmp_path: Path) -> None:
    from oivtui.ask.walk import run

    target = tmp_path / "s.toml"
    assert cli.main(["import", str(SEED), str(target)]) == 0
    out = io.StringIO()
    run(target, stdin=io.BytesIO(b"\n\n!\n"), stdout=out)
    said = out.getvalue()
    assert "Importato da un documento: da rivedere." in said
    assert "[dal documento: «triennio 2024 – 2026»]" in said  # the triennium, read from the title


def _flipped(data: bytes, seed: int, flips: int = 20) -> bytes:
    import random

    chance, out = random.Random(seed), bytearray(data)
    for _ in range(flips):
        out[chance.randrange(200, len(out))] = chance.randrange(256)
    return bytes(out)


@pytest.mark.parametrize("seed", range(4))
def test_a_docx_with_damaged_bytes_is_refused_without_a_traceback(tmp_path: Path, seed: int) -> None:
    source = tmp_path / "rovinato.docx"
    source.write_bytes(_flipped(template_docx(example_session()), seed))
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("oivtui: ") and "danneggiato" in done.stderr
    no_traceback(done)


def test_a_docx_that_would_unpack_to_gigabytes_is_refused_unread(tmp_path: Path) -> None:
    import zipfile

    source = tmp_path / "bomba.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w") as part:
        for _ in range(210):
            part.write(bytes(1024 * 1024))
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2
    assert "troppo grande una volta decompresso" in done.stderr


def test_a_truncated_pdf_is_refused_with_one_italian_line(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    source = tmp_path / "troncato.pdf"
    source.write_bytes(out.getvalue()[:-60])
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("oivtui: ")  # no pypdf warnings


def test_validate_names_the_steps_of_an_imported_session_as_imported(tmp_path: Path) -> None:
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(SEED), str(target)]) == 0
    done = oivtui("validate", target)
    assert done.returncode == 1
    assert (
        "Blocco 1 – Definizione degli obiettivi strategici: da rivedere: è importato da un documento e non è "
        "ancora confermato. [b1]" in done.stdout.splitlines()
    )
    assert "Dati generali – Amministrazione: «Amministrazione» è obbligatorio. [header/administration]" in done.stdout


def test_a_docx_bold_option_and_wingdings_boxes_are_read_as_marks(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    form = example_session().form
    document = docx.Document()
    for qid, how in (("1.1", "bold"), ("1.2", "sym")):
        document.add_paragraph().add_run(f"{qid} - {form.question(qid).text}").bold = True
        answer = document.add_paragraph()
        if how == "bold":
            answer.add_run("Sì").bold = True
            answer.add_run("   No")
        else:
            for option, glyph in (("Sì", "F0A8"), ("No", "F0FE")):
                run = answer.add_run()
                sym = OxmlElement("w:sym")
                sym.set(qn("w:font"), "Wingdings")
                sym.set(qn("w:char"), glyph)
                run._r.append(sym)
                answer.add_run(f" {option}   ")
        document.add_paragraph("Il testo della risposta.")
    source = tmp_path / "segni.docx"
    document.save(str(source))
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(source), str(target)]) == 0
    answers = storage.load(target).answers
    assert (answers.get("1.1/choice"), answers.get("1.2/choice")) == ("Sì", "No")
    assert answers.get("1.2/text") == "Il testo della risposta."


# ---------------------------------------------------------------- the form it is read against

VARIANT_FORM = "civit-23-2013-piano-performance"


def test_a_report_on_another_form_comes_back_on_that_form(tmp_path: Path) -> None:
    """An oivtui report names its form in its last line: a «Piano della performance» report
    imported gave a session on the PIAO form, with the PIAO's wording on screen."""
    session = example_session()
    session.form_id = VARIANT_FORM
    source = tmp_path / "relazione-2021.md"
    source.write_text(render_markdown(session), "utf-8")
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(source), str(target)]) == 0
    back = storage.load(target)
    assert back.form_id == VARIANT_FORM
    assert fingerprint(back.answers) == fingerprint(session.answers)


def test_modulo_reads_a_document_on_that_form_and_its_plans_adoption_date(tmp_path: Path) -> None:
    """A filing from before the PIAO says «Piano della performance … adottato il …»: with
    ``--modulo`` the session follows that form, and the date is read under the form's own name of the plan."""
    text = SEED.read_text("utf-8").replace("PIAO", "Piano della performance")
    lines = text.splitlines()
    lines.insert(2, "Il Piano della performance 2019-2021 è stato adottato il 30/01/2019.")
    source = tmp_path / "relazione-2019.md"
    source.write_text("\n".join(lines), "utf-8")
    target = tmp_path / "s.toml"
    done = oivtui("import", source, target, "--modulo", VARIANT_FORM)
    assert done.returncode == 0, done.stderr
    session = storage.load(target)
    assert session.form_id == VARIANT_FORM
    assert session.answers.get("header/piao_date") == dt.date(2019, 1, 30)
    assert session.imported is not None
    assert "adottato il 30/01/2019" in session.imported.excerpts["header/piao_date"]


def test_an_unknown_modulo_is_refused_with_the_list(tmp_path: Path) -> None:
    done = oivtui("import", SEED, tmp_path / "s.toml", "--modulo", "nessuno")
    assert done.returncode == 2
    assert "scelta non valida 'nessuno'" in done.stderr and VARIANT_FORM in done.stderr
    assert not (tmp_path / "s.toml").exists()
    no_traceback(done)


def test_a_report_on_a_form_this_version_lacks_says_which_form_it_was_read_on(tmp_path: Path) -> None:
    """A report made by a newer oivtui, on a form not packaged here: read on the default form, and said."""
    text = render_markdown(example_session())
    assert "modulo civit-23-2013 " in text
    source = tmp_path / "relazione-2026.md"
    source.write_text(text.replace("modulo civit-23-2013 ", "modulo civit-99-2030 "), "utf-8")
    target = tmp_path / "s.toml"
    done = oivtui("import", source, target)
    assert done.returncode == 0, done.stderr
    assert storage.load(target).form_id == "civit-23-2013"
    assert (
        "Il resoconto dichiara il modulo «civit-99-2030», che questa versione di oivtui non ha: letto sul modulo "
        f"civit-23-2013. Per leggerlo su un altro: --modulo, tra: civit-23-2013, {VARIANT_FORM}." in done.stdout
    )
