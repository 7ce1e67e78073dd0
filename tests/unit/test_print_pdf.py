"""The HTML page printed by a real browser (headless Chromium, as Debian packages it): every page says
«Pagina N di M» with the PDF's own count, and no signature block is split or left without the lines
above it, wherever the answers before it push it. Skipped where Chromium or poppler-utils is missing.

tests/unit/test_print_css.py checks the same rules without a browser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from oivtui.files.example import example_session
from oivtui.reports.render import render_html

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs Chromium and poppler-utils (apt-get install chromium poppler-utils)",
)

PLACE_DATE, ROLE, NAME = (
    "Brescia, 26 febbraio 2024",
    "Organismo con funzioni analoghe all'OIV",
    "F.to Prof. Cristian Carini",
)
#: The last line above each document's signature.
ABOVE = ("Non dirigenti", "Numero obiettivi operativi assegnati all'Azienda Speciale: 3")


def printed(page: str, folder: Path) -> list[str]:
    """The text of each page of ``page`` printed to PDF by Chromium."""
    source, pdf = folder / "resoconto.html", folder / "resoconto.pdf"
    source.write_text(page, "utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={folder / 'profilo'}",
        f"--print-to-pdf={pdf}",
        source.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert pages is not None, info
    count = int(pages[1])
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for n in range(1, count + 1)
    ]


def test_every_page_is_numbered_with_the_pdfs_own_count(tmp_path: Path) -> None:
    page = render_html(example_session())
    pages = printed(page, tmp_path)
    # The staff tables' first column is wide enough for its words («Dirigent / i di I / fascia e»).
    for word in ("Dirigenti", "assimilabili"):
        assert sum(len(re.findall(rf"\b{word}\b", text)) for text in pages) == page.count(word), word
    assert 10 <= len(pages) <= 20
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Pagina {number} di {len(pages)}\s*$", text), f"page {number}"
        assert "Camera di Commercio di Brescia" in text.splitlines()[0]
    # Each page's running header names its own document: the first document ends on the page of
    # its signature, the second starts on the next page (how many pages each fills is the browser's).
    first = next(n for n, text in enumerate(pages, start=1) if NAME in text)
    assert first < len(pages) and "Monitoraggio sull'avvio del Ciclo" in pages[first]
    assert all("Assegnazione degli obiettivi organizzativi e individuali" in p.splitlines()[0] for p in pages[:first])
    assert all("Avvio del Ciclo della sezione Performance del PIAO" in p.splitlines()[0] for p in pages[first:])


@pytest.mark.parametrize("lines", [0, 28, 32, 36, 40])
def test_no_signature_block_is_split_or_left_alone(tmp_path: Path, lines: int) -> None:
    """Lines added before the annex move document 2's signature across a page end: without the
    print rules, 32 split it (place and date on one page, role and name on the next) and 36 left it
    alone on the last page; 28 left the provenance line alone."""
    session = example_session()
    session.answers.set("b16.notes/text", "\n".join(f"riga {n}" for n in range(lines + 1)))
    # Words, not lines: where the browser wraps a line is its own.
    pages = [" ".join(text.split()) for text in printed(render_html(session), tmp_path)]
    signed = [text for text in pages if NAME in text]
    assert len(signed) == 2
    for text, above in zip(signed, ABOVE, strict=True):
        assert PLACE_DATE in text and ROLE in text and above in text
    assert sum(PLACE_DATE in text for text in pages) == 2
    assert "impronta SHA-256 delle risposte" in pages[-1] and NAME in pages[-1]
