"""The PDF report (typeset by Typst), read back with pypdf: pages and their running header and
numbers, text in the Markdown report's order, the structure tree (headings, tables, lists), fonts,
metadata, PDF/A-2a and PDF/UA-1 identification, the same bytes each time, and hostile answers as
plain text."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from functools import cache
from typing import Any

import pytest
from pypdf import PdfReader

from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown, render_pdf
from questionnaire.report.blocks import ITEM_MARK, clean, is_item
from questionnaire.report.pdf.faces import INVISIBLE, printable
from questionnaire.report.provenance import fingerprint
from tests.reliability.test_hostile_answers import HTML_ONLY
from tests.unit.test_markdown_structure import HOSTILE, LONG
from tests.unit.test_report import ISSUE_15, KNOWN_DIFFERENT, exact, seed_units, units

#: The example session: document 1 on one page, document 2 on ten, each numbered on its own.
PAGES = (1, 10)


@cache
def example_pdf() -> bytes:
    return render_pdf(example_session())


def reader(raw: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(raw))


def page_texts(raw: bytes) -> list[str]:
    """Each page's text, the zero-width spaces that let a long word break left out."""
    return [page.extract_text().replace("\u200b", "") for page in reader(raw).pages]


def body(text: str) -> str:
    """A page's text without its furniture: the running header (its first line, on a page that has
    one) and the page number."""
    lines = text.split("\n")
    if lines[0] == "BOZZA":  # a draft's mark across the page
        lines = lines[1:]
    if len(lines) > 1 and re.search(r"Assegnazione degli obiettivi|Avvio del ciclo|BOZZA", lines[0], re.I):
        if not lines[0].startswith(("OIV", "BOZZA —")):
            lines = lines[1:]
    return re.sub(r"Pagina \d+ di \d+\s*$", "", "\n".join(lines))


def plain(raw: bytes) -> str:
    """The text of every page, furniture out, words that Typst broke with a hyphen whole again (as
    ``oivtui import`` reads them), normalised as the seed tests normalise the report."""
    from questionnaire.importing.pdf import pdf_lines

    return exact("\n".join(line.text.removeprefix("- ") for line in pdf_lines(raw)[0]))


def structure(raw: bytes) -> Counter[str]:
    """How many elements of each type the structure tree holds (/H1, /Table, /TH, /L, /LI…)."""
    found: Counter[str] = Counter()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and "/S" in node:
            found[str(node["/S"])] += 1
            if "/K" in node:
                walk(node["/K"])

    walk(reader(raw).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def in_order(wanted: list[str], text: str) -> list[str]:
    """The items of ``wanted`` not found in ``text`` one after the other (each after the one before)."""
    missing, at = [], 0
    for item in wanted:
        found = text.find(item, at)
        if found < 0:
            missing.append(item)
        else:
            at = found + len(item)
    return missing


# ---------------------------------------------------------------- pages and text


def test_each_document_numbers_its_own_pages_from_pagina_1() -> None:
    texts = page_texts(example_pdf())
    assert len(texts) == sum(PAGES)
    numbers = [(n, total) for total in PAGES for n in range(1, total + 1)]
    for text, (number, total) in zip(texts, numbers, strict=True):
        assert text.rstrip().endswith(f"Pagina {number} di {total}")
    firsts = [text for text in texts if "Pagina 1 di" in text]
    assert len(firsts) == len(PAGES) and all(text.startswith("OIV\nOrganismo indipendente") for text in firsts)


def test_a_running_header_on_every_page_after_a_documents_first() -> None:
    texts = page_texts(example_pdf())
    header = "Camera di Commercio di Brescia Avvio del Ciclo della sezione Performance del PIAO"
    assert texts[2].startswith(header)  # page 3, the second of document 2
    assert all(text.startswith(header) for text in texts[2:])
    assert not any(text.startswith("Camera di Commercio") for text in texts[:2])  # each document's first page
    draft = page_texts(render_pdf(example_session(), draft=True))
    assert draft[2].startswith("BOZZA\nCamera di Commercio di Brescia BOZZA Avvio del Ciclo")  # the mark, the header


def test_a_long_administration_wraps_in_the_running_header_with_plain_spaces() -> None:
    """The header is set ragged: a name that wraps is not stretched across its column (the body's
    justification would put gaps of three spaces and more between its words)."""
    import pdfplumber

    session = example_session()
    name = "Azienda Sanitaria Provinciale di Reggio Calabria – Dipartimento Amministrativo, Area Programmazione"
    session.answers.set("header/administration", name)
    with pdfplumber.open(io.BytesIO(render_pdf(session))) as pdf:
        words = pdf.pages[2].extract_words()
    top = min(word["top"] for word in words)
    first_line = [word for word in words if abs(word["top"] - top) < 1]
    assert [word["text"] for word in first_line[:3]] == ["Azienda", "Sanitaria", "Provinciale"]
    assert len(first_line) < len(name.split())  # it wrapped within its column
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(first_line)]
    assert max(gaps) < 4, gaps  # a space at 8 pt is about 2.5 pt


def test_the_structure_tree_holds_headings_tables_and_lists() -> None:
    found = structure(example_pdf())
    assert found["/H1"] == 2 and found["/H2"] and found["/H3"] and found["/H4"]
    assert found["/Table"] == 2 and found["/TH"] == 8 and found["/TD"] >= 24
    assert found["/L"] >= 5 and found["/LI"] >= 30 and found["/LI"] == found["/LBody"]


def test_each_list_item_has_one_marker() -> None:
    """7.1's items are typed «a. …»: that letter is the item's marker, with no bullet before it."""
    text = plain(example_pdf())
    assert "a. Istruttoria e concessione dei contributi" in text
    assert "• a." not in text and "•  a." not in text
    assert "1 - Riposizionamento della visibilità" in text and "• 1 -" not in text


def test_the_check_box_marks_are_said_as_selected_or_not() -> None:
    """Each ☒ and ☐ is drawn as an artifact with an image beside it whose alternative text a screen
    reader says."""
    alts: Counter[str] = Counter()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and "/S" in node:
            if "/Alt" in node:
                alts[str(node["/Alt"])] += 1
            if "/K" in node:
                walk(node["/K"])

    walk(reader(example_pdf()).trailer["/Root"]["/StructTreeRoot"]["/K"])
    marks = Counter(c for c in plain(example_pdf()) if c in "☒☐")
    assert alts == {"selezionato": marks["☒"], "non selezionato": marks["☐"]}
    assert marks["☒"] == 4


def test_every_block_of_the_markdown_report_is_in_the_pdf_in_the_same_order() -> None:
    markdown = units(render_markdown(example_session()))
    assert len(markdown) > 250
    assert in_order(markdown, plain(example_pdf())) == []


def test_every_phrase_of_the_seed_is_extractable_in_order() -> None:
    known = (*KNOWN_DIFFERENT, *ISSUE_15)
    wanted = [u for u in seed_units() if not any(u == k or u.startswith(k + " ") for k in known)]
    text = plain(example_pdf())
    # The seed writes a short answer and its text as one paragraph («Sì, prima della …»); the report
    # writes «Risposta: Sì» and the text beneath it: look for the two parts.
    parts: list[str] = []
    for unit in wanted:
        head, sep, rest = re.split(r"([,.] )", unit, maxsplit=1) if re.search(r"[,.] ", unit) else (unit, "", "")
        short = sep and len(head.split()) <= 3 and f"Risposta: {head}" in text
        whole = unit if unit in text else unit.removesuffix(".")  # «Raramente.»: the seed's full stop
        parts += [head, rest] if short else [whole]
    assert len(parts) > 200
    assert in_order(parts, text) == []


def test_the_staff_table_shows_the_marks_and_the_numbers() -> None:
    text = plain(example_pdf())
    assert "Dirigenti di I fascia e assimilabili 1 1 ☒ 50% - 100% ☐ 1% - 49% ☐ 0%" in text
    assert "Non dirigenti ☐ ☐" in text


def test_the_annex_counts_and_the_signature_are_there() -> None:
    text = plain(example_pdf())
    assert "Numero obiettivi operativi: 22 dell'amministrazione e 3 dell'Azienda Speciale Pro Brixia" in text
    assert (
        text.count("Brescia, 26 febbraio 2024 Organismo con funzioni analoghe all'OIV F.to Prof. Cristian Carini") == 2
    )


def test_the_signature_block_is_on_one_page_with_the_last_lines_of_the_body() -> None:
    pages = [body(text) for text in page_texts(example_pdf())]
    for text in pages:
        if "Brescia, 26 febbraio 2024" in text:
            assert "F.to Prof. Cristian Carini" in text
            above = text[: text.index("Brescia, 26 febbraio 2024")].split("\n")
            assert len([line for line in above if line.strip()]) >= 2


def test_a_signature_never_stands_alone_on_a_page() -> None:
    """Whatever the length of the answers before it, lines of the body go with the signature."""
    for lines in range(0, 60, 4):
        session = example_session()
        session.answers.set("16.2/text", "\n".join(f"Riga {n} della risposta finale" for n in range(lines)))
        last = body(page_texts(render_pdf(session))[-1])
        above = [line for line in last[: last.index("Brescia, 26 febbraio 2024")].split("\n") if line.strip()]
        assert len(above) >= 2, lines


# ---------------------------------------------------------------- draft


def test_a_draft_is_marked_on_every_page_and_says_what_is_missing() -> None:
    texts = page_texts(render_pdf(Session()))
    assert len(texts) > 1
    for text in texts:
        mark, first = text.split("\n")[:2]  # the mark across the page, then the page's first line
        assert mark == "BOZZA"
        assert first.startswith("BOZZA — documento non definitivo") or " BOZZA " in first
    assert "Da completare o correggere:" in texts[0]


def test_a_drafts_first_page_says_it_is_a_draft_once() -> None:
    """The notice that opens a draft starts with the draft's line: the page over it does not repeat
    it; the other document's first page, with no notice, has the line over it."""
    texts = page_texts(render_pdf(Session()))
    firsts = [text for text in texts if re.search(r"Pagina 1 di \d+\s*$", text)]
    assert len(firsts) == 2
    assert [text.count("BOZZA — documento non definitivo") for text in firsts] == [1, 1]
    assert "Da completare o correggere:" in firsts[0]
    assert "Da completare o correggere:" not in firsts[1]


def test_a_complete_report_has_no_draft_mark() -> None:
    assert "BOZZA" not in "".join(page_texts(example_pdf()))


# ---------------------------------------------------------------- fonts, metadata, PDF/A identification


def test_only_the_packaged_fonts_are_embedded_with_a_tounicode_map() -> None:
    fonts = {}
    for page in reader(example_pdf()).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = ("/FontFile2" in descriptor, "/ToUnicode" in font)
    assert {name.split("+")[1] for name in fonts} == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    assert set(fonts.values()) == {(True, True)}


def test_the_invisible_characters_are_unicodes_control_and_format_characters() -> None:
    expected = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf")}
    found = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE.fullmatch(chr(c))}
    assert found - {chr(c) for c in range(0xD800, 0xE000)} == expected - {"\t", "\n"}


def test_info_and_xmp_metadata_agree() -> None:
    pdf = reader(example_pdf())
    info, xmp = pdf.metadata, pdf.xmp_metadata
    title = "Monitoraggio OIV – Camera di Commercio di Brescia – triennio 2024 – 2026"
    assert info is not None and xmp is not None
    assert info.title == title and xmp.dc_title == {"x-default": title}
    # The author is the OIV that signs (the signatories' role), not the administration it monitors.
    assert info.author == "Organismo con funzioni analoghe all'OIV" and xmp.dc_creator == [info.author]
    assert info.subject and xmp.dc_description == {"x-default": info.subject}
    assert xmp.dc_language == ["it-IT"] and pdf.trailer["/Root"]["/Lang"] == "it-IT"
    assert info["/CreationDate"] == "D:20240226000000Z"
    assert str(xmp.xmp_create_date) == str(xmp.xmp_modify_date) == "2024-02-26 00:00:00"
    digest = fingerprint(example_session().answers)
    assert info["/Keywords"] == f"modulo civit-23-2013 2024.1, impronta SHA-256 delle risposte: {digest}"
    assert bool(pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])


def test_xmp_identifies_pdf_a_2a_and_pdf_ua_1() -> None:
    xml = reader(example_pdf()).xmp_metadata.stream.get_data().decode("utf-8")  # type: ignore[union-attr]
    assert "<pdfaid:part>2</pdfaid:part>" in xml and "<pdfaid:conformance>A</pdfaid:conformance>" in xml
    assert "<pdfuaid:part>1</pdfuaid:part>" in xml
    assert bool(reader(example_pdf()).trailer["/Root"]["/MarkInfo"]["/Marked"])


def test_no_session_file_name_in_the_pdf(tmp_path: object) -> None:
    from oivtui.files.session import Session as Saved

    session = example_session()
    session.path = __import__("pathlib").Path("/tmp/riservato-mario.toml")
    assert isinstance(session, Saved)
    raw = render_pdf(session)
    assert b"riservato-mario" not in raw and "riservato-mario" not in plain(raw)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_error() -> None:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(example_pdf())
        file.flush()
        done = subprocess.run(["qpdf", "--check", file.name], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_the_output_intent_is_srgb() -> None:
    intents = reader(example_pdf()).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile's signature


# ---------------------------------------------------------------- the same bytes


def test_two_exports_give_the_same_bytes() -> None:
    assert render_pdf(example_session()) == example_pdf()


def test_a_one_character_change_changes_the_fingerprint_and_the_bytes() -> None:
    session = example_session()
    session.answers.set("1.1/text", str(session.answers.get("1.1/text")) + "!")
    raw = render_pdf(session)
    assert raw != example_pdf()
    info = reader(raw).metadata
    assert info is not None and fingerprint(session.answers) in str(info["/Keywords"])


# ---------------------------------------------------------------- hostile answers


def test_hostile_answers_come_out_as_their_own_text() -> None:
    cases = HOSTILE + HTML_ONLY
    session = example_session()
    session.answers.set("1.1/text", "\n\n".join(cases))
    session.answers.set("header/administration", cases[17])  # <script>alert(1)</script>
    raw = render_pdf(session)
    text = plain(raw)
    lines = [line.strip() for case in cases for line in clean(case).split("\n")]
    lines = [line[len(ITEM_MARK) :] if is_item(line) else line for line in lines]  # «- voce»: a list item
    wanted = [" ".join(printable(line).split()) for line in lines]
    assert in_order([w for w in wanted if w], text) == []
    assert "<script>alert(1)</script>" in text and "[link](http://example.com)" in text
    pdf = reader(raw)
    assert pdf.metadata is not None and "– <script>alert(1)</script> – triennio" in str(pdf.metadata.title)
    catalog = pdf.trailer["/Root"]
    assert not {"/Names", "/AcroForm", "/AA", "/URI"} & set(catalog)
    for page in pdf.pages:
        assert "/Annots" not in page and "/AA" not in page


def test_characters_the_font_lacks_become_the_replacement_character() -> None:
    session = example_session()
    session.answers.set("1.1/text", "漢字 e emoji 🙂, bidi \u202eoverride\u202c, nul\x00 tab\tfine, ☒ ☐ € «»")
    text = plain(render_pdf(session))
    assert (
        "\ufffd\ufffd e emoji \ufffd, bidi ‹U+202E›override‹U+202C›, nul\ufffd tab fine, ☒ ☐ €" in text
    )  # bidi: issue 26


@pytest.mark.parametrize("place", ["1.1/text", "tab.2/dirigenti_i/reasons"])
def test_a_100kb_line_is_broken_into_lines_and_kept_whole(place: str) -> None:
    session = example_session()
    if place.endswith("/reasons"):
        session.answers.set("tab.2/dirigenti_i/coherent", "No")  # the reasons are printed for a «No» only
    session.answers.set(place, LONG[1])
    pages = page_texts(render_pdf(session))
    assert len(pages) > 25
    # Footers out, and the table's header row, repeated on each page the row runs over.
    text = "".join(body(page) for page in pages).replace("\n", "")
    assert LONG[1] in text.replace("Sì No (se no) motivazioni", "")


def test_a_heading_stays_with_its_table() -> None:
    """In an empty session's draft, the long notice pushes question 2 of document 1 near a page's foot."""
    pages = page_texts(render_pdf(Session()))
    where = [n for n, text in enumerate(pages) if "2 - Il processo di assegnazione degli obiettivi" in text]
    assert len(where) == 1
    assert "(se no) motivazioni" in pages[where[0]]


def test_a_copy_for_publication_has_no_provenance_line() -> None:
    raw = render_pdf(example_session(), provenance=False)
    text = plain(raw)
    assert "Generato da oivtui" not in text and "impronta SHA-256" not in text
    assert reader(raw).metadata["/Keywords"] == "modulo civit-23-2013 2024.1"  # type: ignore[index]
    assert "Generato da oivtui · modulo civit-23-2013 2024.1 · impronta SHA-256" in plain(example_pdf())


def test_a_comune_without_an_azienda_speciale_is_never_asked_about_one() -> None:
    """Relevance: the agency counts do not apply (the header names no agency), and the PDF, like the
    Markdown report, leaves them out; a «No» shows its reasons."""
    from tests.comune import comune_session

    text = plain(render_pdf(comune_session()))
    assert "Azienda Speciale" not in text
    assert "Obiettivi assegnati senza colloquio." in text
