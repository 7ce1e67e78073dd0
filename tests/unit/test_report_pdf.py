"""The PDF report, read back with pypdf: pages, text in the Markdown report's order, fonts, metadata,
PDF/A-2b identification, the same bytes each time, ``verify``, and hostile answers as plain text."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from pypdf import PdfReader

from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown, render_pdf
from questionnaire.report.blocks import ITEM_MARK, clean, is_item
from questionnaire.report.pdf.faces import printable
from questionnaire.report.provenance import fingerprint
from tests.reliability.test_hostile_answers import HTML_ONLY
from tests.unit.test_markdown_structure import HOSTILE, LONG
from tests.unit.test_report import ISSUE_15, KNOWN_DIFFERENT, exact, seed_units, units

PAGES = 13  # the example session: document 1 on page 1, document 2 on 12 pages


@cache
def example_pdf() -> bytes:
    return render_pdf(example_session())


def reader(raw: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(raw))


def document_id(raw: bytes) -> bytes:
    """The first of the trailer's two IDs, as bytes (pypdf decodes it as text)."""
    first = reader(raw).trailer["/ID"][0]
    return bytes(getattr(first, "original_bytes", first))


def page_texts(raw: bytes) -> list[str]:
    return [page.extract_text() for page in reader(raw).pages]


def plain(raw: bytes) -> str:
    """The text of every page, footers out, normalised as the seed tests normalise the report."""
    texts = [re.sub(r"Pagina \d+ di \d+\s*$", "", text) for text in page_texts(raw)]
    return exact("\n".join(texts))


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


def test_the_example_fills_thirteen_pages_each_numbered_of_the_total() -> None:
    texts = page_texts(example_pdf())
    assert len(texts) == PAGES
    for number, text in enumerate(texts, 1):
        assert text.rstrip().endswith(f"Pagina {number} di {PAGES}")


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
    parts = []
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


def test_the_signature_block_is_on_one_page() -> None:
    for text in page_texts(example_pdf()):
        if "Brescia, 26 febbraio 2024" in text:
            assert "F.to Prof. Cristian Carini" in text


# ---------------------------------------------------------------- draft


def test_a_draft_is_marked_on_every_page_and_says_what_is_missing() -> None:
    texts = page_texts(render_pdf(Session()))
    assert len(texts) > 1
    for text in texts:
        assert "BOZZA — documento non definitivo" in text
    assert "Da completare o correggere:" in texts[0]


def test_a_complete_report_has_no_draft_mark() -> None:
    assert "BOZZA" not in "".join(page_texts(example_pdf()))


# ---------------------------------------------------------------- fonts, metadata, PDF/A identification


def test_every_font_is_embedded_with_a_tounicode_map() -> None:
    fonts = {}
    for page in reader(example_pdf()).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = ("/FontFile2" in descriptor, "/ToUnicode" in font)
    assert {name.split("+")[1] for name in fonts} == {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansOblique"}
    assert set(fonts.values()) == {(True, True)}


def test_info_and_xmp_metadata_agree() -> None:
    pdf = reader(example_pdf())
    info, xmp = pdf.metadata, pdf.xmp_metadata
    title = "Monitoraggio OIV – Camera di Commercio di Brescia – triennio 2024 – 2026"
    assert info is not None and xmp is not None
    assert info.title == title and xmp.dc_title == {"x-default": title}
    assert info.author == "Camera di Commercio di Brescia" and xmp.dc_creator == [info.author]
    assert info.subject and xmp.dc_description == {"x-default": info.subject}
    assert xmp.dc_language == ["it-IT"] and pdf.trailer["/Root"]["/Lang"] == "it-IT"
    assert info["/CreationDate"] == "D:20240226000000Z"
    assert str(xmp.xmp_create_date) == str(xmp.xmp_modify_date) == "2024-02-26 00:00:00"
    assert xmp.pdf_producer == info.producer and xmp.xmp_creator_tool == info.creator == "oivtui"


def test_xmp_identifies_pdf_a_2b() -> None:
    metadata = reader(example_pdf()).trailer["/Root"]["/Metadata"].get_object()
    xml = metadata.get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xml
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xml
    assert "/Filter" not in metadata  # readable by tools that do not inflate streams


def test_the_output_intent_is_srgb() -> None:
    intents = reader(example_pdf()).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile's signature


def test_the_file_is_a_pdf_1_7_with_a_binary_comment_and_the_fingerprint_as_id() -> None:
    raw = example_pdf()
    assert raw.startswith(b"%PDF-1.7\n%") and all(b > 127 for b in raw[10:14])
    digest = fingerprint(example_session().answers)
    assert document_id(raw) == bytes.fromhex(digest)


# ---------------------------------------------------------------- the same bytes


def test_two_exports_give_the_same_bytes() -> None:
    assert render_pdf(example_session()) == example_pdf()


def test_a_one_character_change_changes_the_id_and_the_bytes() -> None:
    session = example_session()
    session.answers.set("1.1/text", str(session.answers.get("1.1/text")) + "!")
    raw = render_pdf(session)
    assert raw != example_pdf()
    assert document_id(raw) == bytes.fromhex(fingerprint(session.answers))


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
    assert pdf.metadata is not None and pdf.metadata.author == "<script>alert(1)</script>"
    catalog = pdf.trailer["/Root"]
    assert not {"/Names", "/AcroForm", "/AA", "/URI"} & set(catalog)
    for page in pdf.pages:
        assert "/Annots" not in page and "/AA" not in page


def test_characters_the_font_lacks_become_the_replacement_character() -> None:
    session = example_session()
    session.answers.set("1.1/text", "漢字 e emoji 🙂, bidi \u202eoverride\u202c, nul\x00 tab\tfine")
    text = plain(render_pdf(session))
    assert "\ufffd\ufffd e emoji \ufffd, bidi ‹U+202E›override‹U+202C›, nul\ufffd tab fine" in text  # bidi: issue 26


@pytest.mark.parametrize("place", ["1.1/text", "tab.2/dirigenti_i/reasons"])
def test_a_100kb_line_is_broken_into_lines_and_kept_whole(place: str) -> None:
    session = example_session()
    if place.endswith("/reasons"):
        session.answers.set("tab.2/dirigenti_i/coherent", "No")  # the reasons are printed for a «No» only
    session.answers.set(place, LONG[1])
    pages = page_texts(render_pdf(session))
    assert len(pages) > 30
    # Footers out, and the table's header row, repeated on each page the row runs over.
    text = "".join(re.sub(r"Pagina \d+ di \d+\s*$", "", page) for page in pages).replace("\n", "")
    assert LONG[1] in text.replace("Sì No (se no) motivazioni", "")


def test_a_heading_stays_with_its_table() -> None:
    """In an empty session's draft, the long notice pushes question 2 of document 1 near a page's foot."""
    pages = page_texts(render_pdf(Session()))
    where = [n for n, text in enumerate(pages) if "2 - Il processo di assegnazione degli obiettivi" in text]
    assert len(where) == 1
    assert "(se no) motivazioni" in pages[where[0]]


def test_a_copy_for_publication_has_no_provenance_line() -> None:
    text = plain(render_pdf(example_session(), provenance=False))
    assert "Generato da oivtui" not in text and "impronta SHA-256" not in text
    assert "Generato da oivtui" in plain(example_pdf())


def test_a_comune_without_an_azienda_speciale_is_never_asked_about_one() -> None:
    """Relevance: the agency counts do not apply (the header names no agency), and the PDF, like the
    Markdown report, leaves them out; a «No» shows its reasons."""
    from tests.comune import comune_session

    text = plain(render_pdf(comune_session()))
    assert "Azienda Speciale" not in text
    assert "Obiettivi assegnati senza colloquio." in text
