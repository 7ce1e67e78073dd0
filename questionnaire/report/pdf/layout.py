"""Both monitoring documents as one A4 PDF meant for archiving (PDF/A-2b identification), drawn
with oivtui's own small PDF writer (:mod:`questionnaire.report.pdf.writer`).

The content is :func:`questionnaire.report.blocks.report_blocks`: the Markdown report's blocks,
in its order, as plain text. Every string reaches the page as glyphs of the embedded font (no
markup is ever read), so an answer is text whatever it holds. The same answers give the same
bytes: no clock time, the document ID is the answers' fingerprint, the dates are the signature
date. What is and is not checked about PDF/A is in docs/pdf.md.
"""

from __future__ import annotations

from questionnaire.report.blocks import (
    Block,
    Bullets,
    Contents,
    Heading,
    Letterhead,
    NewDocument,
    Notice,
    Para,
    Provenance,
    Signature,
    Table,
    report_blocks,
)
from questionnaire.report.markdown import ReportData
from questionnaire.report.pdf.faces import faces, printable
from questionnaire.report.pdf.metadata import (
    LANGUAGE,
    author,
    document_id,
    signature_datetime,
    subject,
    title,
    xmp,
)
from questionnaire.report.pdf.writer import CREATOR, PRODUCER
from questionnaire.report.pdf.writer.canvas import Canvas
from questionnaire.report.pdf.writer.document import Metadata, write_pdf

BODY, LINE = 10.0, 5.0  # points, millimetres
HEADINGS = {1: (15.0, 7.5), 2: (13.0, 6.5), 3: (11.5, 6.0), 4: (10.5, 5.5), 5: (10.0, 5.0)}
DRAFT_RED = (170, 0, 0)
GREY = (90, 90, 90)
#: Font sizes (points) of table cells and of the page number, and the draft's line over each page:
#: ``oivtui import`` tells table lines and page furniture by them (questionnaire/importing/pdf_ours.py).
TABLE_SIZE, FOOT_SIZE = 9.0, 8.0
DRAFT_LINE = "BOZZA — documento non definitivo, da non firmare né pubblicare così"
BLACK = (0, 0, 0)


# ---------------------------------------------------------------- the page furniture


def _draft_mark(pdf: Canvas) -> None:
    """«BOZZA» at the top of the page and across it, in red and light grey."""
    pdf.set_font("B", 90)
    pdf.text_colour = (244, 232, 232)
    with pdf.rotation(55, x=pdf.w / 2, y=pdf.h / 2):
        pdf.text(pdf.w / 2 - pdf.string_width("BOZZA") / 2, pdf.h / 2 + 10, "BOZZA")
    pdf.set_xy(pdf.l_margin, 9)
    pdf.set_font("B", TABLE_SIZE)
    pdf.text_colour = DRAFT_RED
    pdf.cell(0, 5, DRAFT_LINE, align="C")
    pdf.set_xy(pdf.l_margin, pdf.t_margin)


def _footers(pdf: Canvas) -> None:
    """«Pagina N di M» at the foot of every page."""
    pages = pdf.finish()
    pdf.auto_break = False
    for number, page in enumerate(pages, 1):
        pdf.page = page
        pdf.set_y(-14)
        pdf.set_font("", FOOT_SIZE)
        pdf.text_colour = GREY
        pdf.cell(0, 5, f"Pagina {number} di {len(pages)}", align="C")


# ---------------------------------------------------------------- lines

PT = 25.4 / 72  # millimetres in a point


def _font(pdf: Canvas, style: str = "", size: float = BODY) -> None:
    pdf.set_font(style, size)


def wrap(pdf: Canvas, text: str, width: float, first: float = 0.0) -> list[str]:
    """``text`` (printable) broken into lines of at most ``width`` mm in the current font, at spaces,
    or anywhere in a word longer than a line; the first line is ``first`` mm shorter. Linear in the
    length of the text.

    A line broken at a space keeps that space at its end (invisible): the lines put end to end are
    the text again, and a reader of the PDF (``oivtui import``) tells a wrapped line from a line
    the user ended."""
    em = pdf.size * PT / 1000
    face = pdf.face
    width_of = face.width
    space = width_of(" ") * em
    lines: list[str] = []
    for hard in (line.rstrip(" ") for line in text.split("\n")):  # a space at its end would read as a wrap
        line: list[str] = []
        room, used = width - first, 0.0
        for word in hard.split(" "):
            size = width_of(word) * em
            gap = space if line else 0.0
            if used + gap + size <= room:
                line.append(word)
                used += gap + size
                continue
            if line:
                lines.append(" ".join(line) + " ")
                room, line, used = width, [], 0.0
            if size > room:  # a word longer than a line: cut it where it overflows
                pieces, word, size = _cut(word, [width_of(c) * em for c in word], room, width)
                lines.extend(pieces)
            line, used = [word], size
        lines.append(" ".join(line))
        first = 0.0
    return lines


def _cut(word: str, sizes: list[float], room: float, width: float) -> tuple[list[str], str, float]:
    """A word too long for ``room``: the pieces that fill whole lines (the first ``room`` wide, the
    others ``width``), then what is left and its width. Each piece holds at least one character."""
    pieces, start, run = [], 0, 0.0
    for at, size in enumerate(sizes):
        if run + size > room and at > start:
            pieces.append(word[start:at])
            start, run, room = at, 0.0, width
        run += size
    return pieces, word[start:], run


def _text(pdf: Canvas, text: str, style: str = "", size: float = BODY, height: float = LINE, indent: float = 0) -> None:
    _font(pdf, style, size)
    width = pdf.epw - indent
    for line in wrap(pdf, printable(text), width):
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, height, line, newline=True)


def _keep(pdf: Canvas, height: float) -> None:
    """A new page unless ``height`` more millimetres fit on this one."""
    if pdf.will_page_break(height):
        pdf.add_page()


# ---------------------------------------------------------------- blocks


def _heading_height(pdf: Canvas, block: Heading) -> float:
    size, height = HEADINGS.get(block.level, HEADINGS[5])
    _font(pdf, "B", size)
    return len(wrap(pdf, printable(block.text), pdf.epw)) * height + 4


def _heading(pdf: Canvas, block: Heading, then: Block | None) -> None:
    """A heading, on a new page unless it fits with the next heading and three lines of text."""
    after = 0.0
    if isinstance(then, Heading):
        after = _heading_height(pdf, then)
    elif isinstance(then, Table):  # a short table follows its heading to the next page
        after = min(_layout(pdf, then)[-1], pdf.eph / 2)
    _keep(pdf, _heading_height(pdf, block) + after + 3 * LINE)
    size, height = HEADINGS.get(block.level, HEADINGS[5])
    pdf.ln(3 if block.level > 2 else 5)
    _text(pdf, block.text, "B", size, height)
    pdf.ln(1)


def _para(pdf: Canvas, block: Para) -> None:
    if not block.label:
        _text(pdf, block.text, block.style)
        pdf.ln(1.5)
        return
    label = printable(block.label)
    _font(pdf, "B")
    indent = pdf.string_width(label)
    _font(pdf)
    lines = wrap(pdf, printable(block.text), pdf.epw, first=indent)
    _font(pdf, "B")
    pdf.cell(indent, LINE, label)
    _font(pdf)
    for line in lines:
        pdf.cell(0, LINE, line, newline=True)
    pdf.ln(1.5)


def _bullets(pdf: Canvas, block: Bullets) -> None:
    _font(pdf)
    for item in block.items:
        _keep(pdf, LINE)
        pdf.cell(6, LINE, "•", align="C")
        _text(pdf, item, indent=6)
    pdf.ln(1.5)


def _signature(pdf: Canvas, block: Signature) -> None:
    _font(pdf)
    _keep(pdf, (len(block.lines) + 3) * LINE)  # the signature block stays together
    pdf.ln(LINE)
    _text(pdf, block.lines[0])
    pdf.ln(LINE / 2)
    for line in block.lines[1:]:
        _text(pdf, line)


def _notice(pdf: Canvas, block: Notice) -> None:
    pdf.text_colour = DRAFT_RED
    _text(pdf, block.lines[0], "B", 11, 6)
    pdf.text_colour = BLACK
    for line in block.lines[1:]:
        _text(pdf, line, "" if line.startswith("•") else "B", 9, 4.5)
    pdf.draw_colour = DRAFT_RED
    pdf.line(pdf.l_margin, pdf.y + 2, pdf.w - pdf.r_margin, pdf.y + 2)
    pdf.draw_colour = BLACK
    pdf.ln(5)


def _provenance(pdf: Canvas, block: Provenance) -> None:
    pdf.ln(LINE * 2)
    pdf.text_colour = GREY
    _text(pdf, block.text, "I", 7.5, 3.8)
    pdf.text_colour = BLACK


# ---------------------------------------------------------------- tables

CELL, PAD = 4.5, 1.2  # a table's line height and cell padding, mm


def _weight(header: str, align: str) -> float:
    return 1.2 if align == "C" else 1.7 if align == "R" else 3.2 if header else 2.2


def _cells(pdf: Canvas, cells: tuple[str, ...], widths: list[float], style: str) -> list[list[str]]:
    _font(pdf, style, TABLE_SIZE)
    return [wrap(pdf, printable(cell), width - 2 * PAD) for cell, width in zip(cells, widths, strict=True)]


def _row(pdf: Canvas, lines: list[list[str]], widths: list[float], aligns: tuple[str, ...], count: int) -> None:
    """The first ``count`` lines of each cell, boxed, at the current position."""
    top, x = pdf.y, pdf.l_margin
    height = count * CELL + 2 * PAD
    for cell, width, align in zip(lines, widths, aligns, strict=True):
        pdf.rect(x, top, width, height)
        for number, line in enumerate(cell[:count]):
            pdf.set_xy(x + PAD, top + PAD + number * CELL)
            pdf.cell(width - 2 * PAD, CELL, line if align == "L" else line.rstrip(" "), align=align)
        x += width
    pdf.set_xy(pdf.l_margin, top + height)


def _room(pdf: Canvas) -> int:
    return int((pdf.page_break_trigger - pdf.y - 2 * PAD) // CELL)


Cells = list[list[str]]


def _layout(pdf: Canvas, block: Table) -> tuple[list[float], Cells, list[Cells], float]:
    """The columns' widths, the header's and each row's lines, and the whole table's height."""
    weights = [_weight(h, a) for h, a in zip(block.header, block.align, strict=True)]
    widths = [pdf.epw * w / sum(weights) for w in weights]
    header = _cells(pdf, block.header, widths, "B")
    rows = [_cells(pdf, cells, widths, "") for cells in block.rows]
    return widths, header, rows, sum(max(map(len, r)) * CELL + 2 * PAD for r in [header, *rows])


def _table(pdf: Canvas, block: Table) -> None:
    """A table with its header row; a short one kept on one page, a row taller than the page
    split across pages, the header repeated on each."""
    widths, header, rows, whole = _layout(pdf, block)
    center = tuple("C" for _ in block.header)
    if whole < pdf.eph / 2:
        _keep(pdf, whole)
    _font(pdf, "B", TABLE_SIZE)
    _row(pdf, header, widths, center, max(map(len, header)))
    for lines in rows:
        while any(lines):
            count = min(max(map(len, lines)), _room(pdf))
            if count < min(3, max(map(len, lines))):
                pdf.add_page()
                _font(pdf, "B", TABLE_SIZE)
                _row(pdf, header, widths, center, max(map(len, header)))
                continue
            _font(pdf, "", TABLE_SIZE)
            _row(pdf, lines, widths, block.align, count)
            lines = [cell[count:] for cell in lines]
    pdf.ln(3)


def _letterhead(pdf: Canvas, block: Letterhead) -> None:
    """The form's letterhead, bold, with a rule under it."""
    for line in block.lines:
        _text(pdf, line, "B", 9.5, 4.8)
    pdf.draw_colour = GREY
    pdf.line(pdf.l_margin, pdf.y + 1.5, pdf.w - pdf.r_margin, pdf.y + 1.5)
    pdf.draw_colour = BLACK
    pdf.ln(5)


def _block(pdf: Canvas, block: Block, then: Block | None) -> None:
    if isinstance(block, Letterhead):
        _letterhead(pdf, block)
    elif isinstance(block, Heading):
        _heading(pdf, block, then)
    elif isinstance(block, Para):
        _para(pdf, block)
    elif isinstance(block, Contents):
        _para(pdf, Para("\n".join(block.lines)))
    elif isinstance(block, Bullets):
        _bullets(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Signature):
        _signature(pdf, block)
    elif isinstance(block, Notice):
        _notice(pdf, block)
    elif isinstance(block, NewDocument):
        pdf.add_page()
    else:
        _provenance(pdf, block)


# ---------------------------------------------------------------- public API


def render_pdf(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> bytes:
    """Both documents as one A4 PDF: the same blocks as the Markdown report, the same bytes each time.

    A copy for publication (``provenance=False``) has no provenance line, no session file name in
    its metadata, and a document ID that is not the fingerprint (:func:`document_id`)."""
    marked, blocks = report_blocks(data, draft=draft, provenance=provenance)
    fonts = faces()
    pdf = Canvas(fonts)
    if marked:
        pdf.header = lambda: _draft_mark(pdf)
    pdf.add_page()
    for block, then in zip(blocks, [*blocks[1:], None], strict=True):
        _block(pdf, block, then)
    _footers(pdf)
    meta = Metadata(
        title=title(data, marked),
        author=author(data),
        subject=subject(data),
        creator=CREATOR,
        producer=PRODUCER,
        language=LANGUAGE,
        created=signature_datetime(data),
        xmp=xmp(data, marked, PRODUCER, provenance),
    )
    return write_pdf(pdf.finish(), list(fonts.values()), meta, document_id(data, provenance))
