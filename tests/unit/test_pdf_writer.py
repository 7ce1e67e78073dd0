"""Our own PDF writer (questionnaire/report/pdf/writer/), read back: the font subsets embedded as the report
draws them (glyph IDs kept, composite glyphs whole, widths that agree with the font program), and
a cross-reference table that points at every object."""

from __future__ import annotations

import re

from oivtui.files.example import example_session
from oivtui.reports.render import render_pdf
from questionnaire.report.pdf.faces import FONT_FILES, FONTS
from questionnaire.report.pdf.writer.truetype import TrueType, _offsets, parse
from tests.unit.test_report_pdf import example_pdf, reader

#: «È» is drawn from two glyphs of DejaVu Sans: E and a capital grave accent that no character maps to.
E_GRAVE, CAPITAL_GRAVE = "È", 5925


def embedded(raw: bytes, face: str) -> TrueType:
    """The font program embedded for ``face`` (DejaVuSansBook…), read with our own reader."""
    for page in reader(raw).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"].endswith("+" + face):
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                return parse(descriptor["/FontFile2"].get_data(), face)
    raise AssertionError(f"{face} not embedded")


def outline(font: TrueType, glyph: int) -> bytes:
    offsets = _offsets(font.tables)
    return font.tables["glyf"][offsets[glyph] : offsets[glyph + 1]]


def test_a_composite_glyph_is_embedded_with_its_parts() -> None:
    session = example_session()
    session.answers.set("1.1/text", f"{E_GRAVE}RA {E_GRAVE}LITE")
    font = embedded(render_pdf(session), "DejaVuSansBook")
    whole = parse((FONTS / FONT_FILES[""][0]).read_bytes(), "")
    assert outline(font, whole.cmap[ord(E_GRAVE)]) == outline(whole, whole.cmap[ord(E_GRAVE)])
    assert outline(font, CAPITAL_GRAVE) == outline(whole, CAPITAL_GRAVE) != b""


def test_the_subsets_keep_glyph_ids_and_only_the_glyphs_drawn() -> None:
    raw = example_pdf()
    for style, (file, name) in FONT_FILES.items():
        whole = parse((FONTS / file).read_bytes(), name)
        font = embedded(raw, name)
        assert len(_offsets(font.tables)) == len(_offsets(whole.tables))  # CIDToGIDMap /Identity holds
        assert outline(font, whole.cmap[ord("a")]) == outline(whole, whole.cmap[ord("a")])
        assert not outline(font, whole.cmap[ord("Ж")])  # Cyrillic: not in the report
        assert "cmap" not in font.tables and "name" not in font.tables, style


def test_the_widths_agree_with_the_embedded_font_program() -> None:
    """PDF/A-2, 6.2.11.5: each glyph's width in W is its advance in the font program."""
    raw = example_pdf()
    for page in reader(raw).pages[:1]:
        for font in page["/Resources"]["/Font"].values():
            cid = font.get_object()["/DescendantFonts"][0].get_object()
            program = parse(cid["/FontDescriptor"]["/FontFile2"].get_data(), "")
            widths, at, checked = cid["/W"], 0, 0
            while at < len(widths):
                first, run = widths[at], widths[at + 1]
                for n, width in enumerate(run):
                    assert width == round(program.advances[first + n] * 1000 / program.units)
                    checked += 1
                at += 2
            assert checked > 20


def test_every_cross_reference_points_at_its_object() -> None:
    raw = example_pdf()
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", raw)[1])  # type: ignore[index]
    header = re.match(rb"xref\n0 (\d+)\n", raw[start:])
    assert header is not None
    count = int(header[1])
    table = raw[start + header.end() : start + header.end() + 20 * count]
    entries = [table[at : at + 20] for at in range(0, len(table), 20)]
    assert entries[0] == b"0000000000 65535 f \n"
    for number, entry in enumerate(entries[1:], 1):
        offset = int(entry[:10])
        assert entry[10:] == b" 00000 n \n"
        assert raw[offset:].startswith(b"%d 0 obj\n" % number), number
