"""Reading by structure, piece by piece: Word's list numbers, hostile .odt files refused as
damaged, HTML source line breaks as spaces."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree  # type: ignore[import-untyped]

from questionnaire.importing.document import read_document
from questionnaire.importing.errors import DocumentError
from questionnaire.importing.lines import html_lines
from questionnaire.importing.numbering import WordNumbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def test_word_numbers_follow_numbering_xml() -> None:
    xml = f"""<w:numbering xmlns:w="{W}">
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="8"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"""
    numbers = WordNumbering(etree.fromstring(xml))
    shown = [numbers.label("7", 0), numbers.label("7", 1), numbers.label("7", 1), numbers.label("7", 2)]
    assert shown == ["1.", "1.1", "1.2", "a)"]
    assert numbers.label("7", 0) == "2."  # the same list goes on
    assert numbers.label("8", 0) == "5."  # another instance with its own start
    assert numbers.label("0", 0) is None and numbers.label("99", 0) is None
    assert [format_number(n, f) for n, f in ((4, "upperRoman"), (28, "lowerLetter"), (10**9, "i"))] == [
        "IV",
        "ab",
        "1000000000",
    ]


def _odt(content: str | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        if content is not None:
            archive.writestr("content.xml", content)
    return buffer.getvalue()


def _body(inner: str, styles: str = "") -> str:
    return (
        f'<office:document-content {NS} xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{inner}</office:text></office:body></office:document-content>"
    )


@pytest.mark.parametrize(
    "content",
    [
        None,
        "<office:document-content",
        _body("<text:span>" * 5000 + "x" + "</text:span>" * 5000),
        _body(
            '<text:list text:style-name="L1"><text:list-item><text:p>a</text:p></text:list-item></text:list>',
            '<text:list-style style:name="L1"><text:list-level-style-number text:level="x"/></text:list-style>',
        ),
    ],
    ids=["no-content", "cut", "too-deep", "bad-level"],
)
def test_a_damaged_odt_is_refused_with_a_message(content: str | None) -> None:
    with pytest.raises(DocumentError, match="danneggiato"):
        read_document(_odt(content))


def test_an_odt_entity_is_not_expanded_and_odd_counts_are_bounded() -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + _body(
        '<text:p>&b;</text:p><text:p>x<text:s text:c="99999999"/>y</text:p>'
    )
    lines = read_document(_odt(laughs)).lines
    assert "aaaaaaaaaa" not in " ".join(line.text for line in lines)
    assert len(lines[-1].text) < 110


def test_html_source_line_breaks_are_spaces_and_br_is_a_line() -> None:
    page = (
        "<html><body><div><p>Il processo\n   di assegnazione\n&egrave; coerente<br>seconda riga</p></div></body></html>"
    )
    assert [line.text for line in html_lines(page)] == ["Il processo di assegnazione è coerente", "seconda riga"]


def test_python_docx_still_gives_the_elements_our_reader_walks() -> None:
    """docx.py reads a paragraph's and a cell's XML through python-docx's private ``_p`` and
    ``_tc`` (paragraph_xml, cell_xml): if python-docx renames them, this fails first."""
    import docx

    from questionnaire.importing.docx import cell_xml, paragraph_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Sì")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert paragraph_xml(paragraph).tag == f"{w}p"
    first, second = table.rows[0].cells
    assert cell_xml(first).tag == f"{w}tc"
    assert cell_xml(first) is cell_xml(second)  # a merged cell: one element for both columns
