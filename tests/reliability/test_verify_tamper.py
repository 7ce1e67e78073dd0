"""Reports changed after export against ``verify``: none may pass, a signature must.

Each run takes a report (PDF, Markdown or HTML) and changes it as someone would: in a PDF an
incremental update that draws another character, another face, another page size or a note over
a page, that changes the title, the metadata or adds an action run on opening (half of them after
a real PAdES signature), or a flipped bit in the report itself; in Markdown and HTML a character
changed anywhere, the provenance line included. ``verify`` must fail every one. Every fourth run
also signs the PDF (once or twice) without changing it: that must pass.

``OIVTUI_FAULT_RUNS`` scales the runs (16 in CI, 200 with OIVTUI_FAULT_RUNS=200);
``OIVTUI_FAULT_SEED`` replays a run.
"""

from __future__ import annotations

import os
import random
import string
from collections import Counter

import pytest

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.files.session import Session
from oivtui.reports.render import render_html, render_markdown, render_pdf
from oivtui.reports.verify import verify
from tests.pdftamper import change_glyph, document_edit, flip_byte, page_edit, sign
from tests.reliability.faults import scaled

RUNS = scaled(16, 1)
SEED = int(os.environ.get("OIVTUI_FAULT_SEED") or random.randrange(1 << 30))


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    path = tmp_path_factory.mktemp("tamper") / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return storage.load(path)


def changed_text(text: str, rng: random.Random) -> str:
    """One character of the report changed into another letter or digit (anywhere, the provenance
    line and the HTML's markup included)."""
    at = rng.randrange(len(text))
    while text[at] in "\r\n":
        at = rng.randrange(len(text))
    new = rng.choice([c for c in string.ascii_letters + string.digits if c != text[at]])
    return text[:at] + new + text[at + 1 :]


def test_no_tampered_report_passes_verify_and_a_signature_does(session: Session) -> None:
    rng = random.Random(SEED)
    pdf = render_pdf(session)
    texts = {"md": render_markdown(session), "html": render_html(session)}
    assert verify(pdf, session).ok and all(verify(text, session).ok for text in texts.values())
    signed = sign(pdf)
    tally: Counter[str] = Counter()
    passed: list[str] = []
    for run in range(RUNS):
        kind = rng.choice(["glyph", "page", "document", "bit", "md", "html"])
        after_signature = kind in ("glyph", "page", "document") and rng.random() < 0.5
        if kind in texts:
            report: str | bytes = changed_text(texts[kind], rng)
        else:
            make = {"glyph": change_glyph, "page": page_edit, "document": document_edit, "bit": flip_byte}[kind]
            report = make(rng)(signed if after_signature else pdf)
        label = f"{kind}{' after a signature' if after_signature else ''}"
        tally[label] += 1
        verdict = verify(report, session)
        if verdict.ok:
            passed.append(f"run {run} ({label}, seed {SEED}): {verdict.messages}")
        if run % 4 == 0:
            twice = rng.random() < 0.5
            good = sign(signed, field="Controfirma") if twice else sign(pdf)
            tally["signed, unchanged"] += 1
            if not verify(good, session).ok:
                passed.append(f"run {run} (a signature, seed {SEED}) was refused: {verify(good, session).messages}")
    print(
        f"\nverify-tamper (seed {SEED}): {RUNS} tampered reports, {dict(sorted(tally.items()))}; wrong verdicts: "
        f"{len(passed)}"
    )
    assert not passed, "\n".join(passed)
