"""A PDF with a text layer as lines, read with pypdf. A PDF has no paragraphs, only lines placed
on the page: a line that stops well short of the page's widest ends its paragraph, one that
reaches it goes on in the next (the words are joined with a space, as the page wrapped them).
A PDF that oivtui wrote is read by where its lines stand instead (:mod:`.pdf_ours`)."""

from __future__ import annotations

import ctypes
import io
import logging
import re
import zlib
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from questionnaire.importing.errors import DocumentError
from questionnaire.importing.lines import Line, split_lines
from questionnaire.importing.pdf_ours import SOFT_HYPHEN, Join, Row, ours_lines
from questionnaire.importing.recognise import example_label, notes_label, opens_block, signature_of, systems_label

if TYPE_CHECKING:
    from pypdf import PageObject
    from pypdfium2 import PdfDocument, PdfTextPage

    from questionnaire.importing.pdf_tables import PageTable

#: The Creator and Producer of oivtui's former PDF writer (read by :mod:`.pdf_ours`).
FORMER_CREATOR, FORMER_PRODUCER = "oivtui", "oivtui-pdf"
_HYPHEN_BREAK = re.compile(SOFT_HYPHEN + r" *\n *")
#: Bounds for a hostile PDF: pages read, and characters of text kept.
MAX_PAGES = 400
MAX_CHARS = 2_000_000
#: A line shorter than this share of the widest line of its page ends its paragraph.
SHORT_LINE = 0.8
_ITEM = re.compile(r"^(?:[-•–▪◦]|\d{1,2}[.)]|[a-z][.)])\s+")
_ENDS = re.compile(r"[.:;!?]$")
#: A numbered heading or question opens a paragraph: «1.1 - Gli…», «2 Obiettivi…», «7A - …».
_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2}|[AB])?\s*[-–—.)]\s+\S|^\d{1,2}(?:\.\d{1,2})?[AB]?\s+[A-ZÀ-Ý]")
#: Typographic ligatures a PDF printer writes as one glyph (ﬁ, ﬀ, ﬃ…): the letters they stand for.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
#: A signatory's line: «F.to Dott. Mario Rossi», «F. ot …», «Firmato: …».
_SIGNED = re.compile(r"^(?:F\.\s*to|F\.\s*ot|Firmato)\s*[.:]?\s+\S")
#: Page furniture, not the document's text: «Pagina 3 di 13», a draft's «BOZZA».
_FURNITURE = re.compile(r"^(?:Pagina \d+ di \d+|BOZZA|\d+\s*/\s*\d+)$", re.I)


class Pages(NamedTuple):
    rows: list[Row]
    #: The PDF says it was written by oivtui (its Creator and Producer, or Typst and its keywords).
    ours: bool
    #: Typeset by Typst (today's report), not by oivtui's former writer.
    typst: bool = False


def pdf_pages(data: bytes) -> Pages:
    """The rows of every page; DocumentError when the PDF is damaged, encrypted or has no text.
    PDFium (pypdfium2, C) opens the PDF and reads its text: a tenth of the time pypdf's pure Python
    takes on a browser's PDF (0.03 s against 0.45 s for seed-chromium.pdf). A PDF oivtui wrote is
    read with pypdf, as :mod:`.pdf_ours` expects its rows (the space a wrapped line ends with, the
    ActualText of a hyphen Typst added, where each line ends)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise DocumentError(_PASSWORD) from None
        if exc.err_code == pdfium.raw.FPDF_ERR_SECURITY:
            raise DocumentError(_CIPHER) from None
        raise DocumentError("il PDF è danneggiato o non si legge.") from None
    try:
        info = document.get_metadata_dict()
        # Written by oivtui: today by Typst (its keywords name the form), before by oivtui's own
        # writer (not by the fpdf2 of oivtui 0.1, whose lines keep no wrapping space).
        creator, keywords, producer = (info.get(key, "") for key in ("Creator", "Keywords", "Producer"))
        former = creator == FORMER_CREATOR and producer.split(" ")[0] == FORMER_PRODUCER
        typst = creator.startswith("Typst ") and keywords.startswith("modulo ")
        ours = former or typst
        rows = _pypdf_rows(data) if ours else _pdfium_rows(document)
    except pdfium.PdfiumError:  # a page PDFium cannot load: its words are English, ours say what to do
        raise DocumentError("il PDF è danneggiato o non si legge (una pagina non si apre).") from None
    finally:
        document.close()
    if not any(row.text.strip() for row in rows):
        raise DocumentError(
            "il PDF non ha un livello di testo (è una scansione: le pagine sono immagini), quindi non c'è nulla "
            "da leggere. Un programma di riconoscimento del testo (OCR) può aggiungerlo, per esempio "
            "«ocrmypdf -l ita scansione.pdf con-testo.pdf»; poi importa il PDF che ne risulta."
        )
    return Pages(rows, ours, typst)


_PASSWORD = "il PDF è protetto da una password: salvane una copia senza protezione."
_CIPHER = "il PDF è protetto con una cifratura che non si può leggere: salvane una copia senza protezione."


def _pdfium_rows(document: PdfDocument) -> list[Row]:
    """Every page's lines as PDFium breaks its text, each placed where its first
    character stands. PDFium writes a hyphen it takes for a word broken at a line's end as U+FFFE
    and joins the two lines: the hyphen is put back, the words stay joined."""
    import pypdfium2.raw as pdfium_c

    from questionnaire.importing.pdf_boxes import boxed_rows

    rows: list[Row] = []
    size = 0
    x, y = ctypes.c_double(), ctypes.c_double()
    for number in range(min(len(document), MAX_PAGES)):
        page = document[number]
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range().replace("\ufffe", "-")
            size += len(text)
            if size > MAX_CHARS:
                raise DocumentError("il PDF contiene troppo testo per essere un monitoraggio.")
            at = 0
            page_rows: list[Row] = []
            for line in text.split("\r\n"):
                shown = line
                words: tuple[tuple[str, float], ...] = ()
                lead = _units(line[: len(line) - len(line.lstrip())])
                where = (0.0, 0.0, 0.0, False)
                if line.strip():
                    index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, at + lead)
                    if index >= 0 and pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y):
                        font = pdfium_c.FPDFText_GetFontSize(textpage, index)
                        bold = pdfium_c.FPDFText_GetFontWeight(textpage, index) >= _BOLD
                        where = (y.value, x.value, font, bold)
                        origins = _origins(textpage, at + lead, line[lead:].rstrip())
                        shown = _in_visual_order(line, origins, font)
                        words = _words(line[lead:].rstrip(), origins) if shown == line else ()
                page_rows.append(Row(shown, number, *where, words=words))
                at += _units(line) + 2
            rows += boxed_rows(page, textpage, page_rows)  # check boxes drawn, not written
        finally:
            textpage.close()
            page.close()
    return rows


#: The weight of a bold face.
_BOLD = 600


def _origins(textpage: PdfTextPage, start: int, text: str) -> list[tuple[float, float]] | None:
    """Where each character of ``text`` (the page's text from the text index ``start`` on) was
    drawn: each character found in PDFium's own list by its text index, and checked to be the
    same character (PDFium's hyphen for a word it joined, U+FFFE or U+0002, as «-»). None when one
    is not: PDFium may leave out or add a character (a control character), and every origin after
    it would be another character's."""
    import pypdfium2.raw as pdfium_c

    if any(ord(char) > 0xFFFF for char in text):
        return None
    x, y = ctypes.c_double(), ctypes.c_double()
    out = []
    for at, char in enumerate(text):
        index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, start + at)
        if index < 0 or _drawn(pdfium_c.FPDFText_GetUnicode(textpage, index)) != char:
            return None
        if not pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y):
            return None
        out.append((x.value, y.value))
    return out


def _drawn(code: int) -> str:
    """The character PDFium's code stands for in the text it gives (its generated hyphen as «-»)."""
    return "-" if code in (0xFFFE, 0x0002) else chr(code)


def _words(text: str, origins: list[tuple[float, float]] | None) -> tuple[tuple[str, float], ...]:
    """Each word of the line and the left edge of its first character."""
    if origins is None or len(origins) != len(text):
        return ()
    out = []
    for match in re.finditer(r"\S+", text):
        out.append((match.group(), origins[match.start()][0]))
    return tuple(out)


def _in_visual_order(line: str, origins: list[tuple[float, float]] | None, size: float) -> str:
    """The line's words in the order they stand from left to right. A PDF may draw a line's text
    out of that order (LibreOffice draws a table cell's check boxes, in another font, after its
    words): «☐ ☒ 50% - 100%» is drawn «☐ 50% - 100% ☒». Only a line whose every word stands on one
    baseline is reordered, and only when a word stands more than a character's width left of the
    one drawn before it (an accent drawn back over its letter moves less)."""
    text = line.strip()
    if origins is None or len(origins) != len(text) or size <= 0:
        return line
    words: list[tuple[float, float, str]] = []  # (left, baseline, text)
    start = None
    for at, char in enumerate(text + " "):
        back = start is not None and at < len(text) and origins[at][0] < origins[at - 1][0] - size
        if start is not None and (char.isspace() or back):
            words.append((origins[start][0], origins[start][1], text[start:at]))
            start = None
        if start is None and not char.isspace():
            start = at
    lefts = [left for left, _y, _w in words]
    if all(b >= a - size for a, b in zip(lefts, lefts[1:], strict=False)):
        return line
    if max(y for _x, y, _w in words) - min(y for _x, y, _w in words) > 0.3 * size:
        return line  # more than one baseline: a word PDFium joined over a line break, a superscript
    return " ".join(word for _x, _y, word in sorted(words, key=lambda word: word[0]))


def _units(text: str) -> int:
    """The length of ``text`` as PDFium counts it (UTF-16 code units)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _pypdf_rows(data: bytes) -> list[Row]:
    """The rows of every page as pypdf reads them (a PDF oivtui wrote: :mod:`.pdf_ours`)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL  # a damaged file's warnings: our message says it
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(_PASSWORD)
        rows: list[Row] = []
        size = 0
        for number, page in enumerate(reader.pages[:MAX_PAGES]):
            page_rows = _page_rows(page, number)
            size += sum(len(row.text) + 1 for row in page_rows)
            if size > MAX_CHARS:
                raise DocumentError("il PDF contiene troppo testo per essere un monitoraggio.")
            rows += page_rows
    except DocumentError:
        raise
    except DependencyError:  # AES without the optional cryptography package (pypdf's own words are English)
        raise DocumentError(
            "il PDF è protetto con una cifratura (AES) che questa installazione non sa leggere: salvane una copia "
            "senza protezione, o reinstalla oivtui con tutte le sue dipendenze (tra cui cryptography)."
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        raise DocumentError(f"il PDF è danneggiato o non si legge ({type(exc).__name__}).") from None
    except zlib.error:
        raise DocumentError("il PDF è danneggiato o non si legge (dati compressi rovinati).") from None
    except NotImplementedError:
        raise DocumentError(_CIPHER) from None
    finally:
        quiet.setLevel(level)
    return rows


def _page_rows(page: PageObject, number: int) -> list[Row]:
    """The page's text split at its line ends, as ``extract_text`` gives it; each row with the
    place, size and face of its first piece of text and, when ``measure`` is given, where its last
    piece ends (pypdf hands each piece to a visitor, in order)."""
    pieces: list[tuple[str, float, float, float, str]] = []
    replaced: list[str] = []  # the ActualText of each marked content being drawn ("" for none)
    # A hyphen drawn inside a marked content whose ActualText says which one it is, not yet seen by
    # ``visit``. Typst draws the hyphen it adds to break a word and the hyphen typed with one glyph,
    # which its ToUnicode map gives as either; the ActualText of the other says what it is.
    hyphen = [""]

    def before(operator: bytes, operands: list[object], cm: object, tm: object) -> None:
        if operator == b"BDC":
            props = operands[1] if len(operands) == 2 and isinstance(operands[1], dict) else {}
            replaced.append(_text_string(props.get("/ActualText", "")))
        elif operator == b"BMC":
            replaced.append("")
        elif operator == b"EMC" and replaced:
            replaced.pop()
        elif operator in (b"Tj", b"TJ") and replaced and replaced[-1] in _HYPHENS:
            hyphen[0] = replaced[-1]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1.0
        x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        if hyphen[0] and text.strip():
            if text.strip() in _HYPHENS:  # the one a typesetter added to break a word, or one typed
                text = text.replace(text.strip(), hyphen[0])
            hyphen[0] = ""
        pieces.append((text, x, y, size * scale, name))

    page.extract_text(visitor_text=visit, visitor_operand_before=before)
    # The zero-width spaces that let a long word break (questionnaire/report/pdf/typeset.py) out.
    pieces = [(text.replace("\u200b", ""), x, y, size, font) for text, x, y, size, font in pieces]
    rows: list[Row] = []
    text: list[str] = []
    where: tuple[float, float, float, bool] | None = None
    for piece, x, y, size, font in pieces:
        for at, part in enumerate(piece.split("\n")):
            if at:
                rows.append(Row("".join(text), number, *(where or (0.0, 0.0, 0.0, False))))
                text, where = [], None
            text.append(part)
            if part.strip():
                if where is None:
                    where = (y, x, size, "Bold" in font)
    rows.append(Row("".join(text), number, *(where or (0.0, 0.0, 0.0, False))))
    return rows


#: A hyphen as typed, and as a typesetter adds it to break a word.
_HYPHENS = ("-", SOFT_HYPHEN)


def _text_string(value: object) -> str:
    """A PDF text string as pypdf hands it from a content stream: str, or bytes in UTF-16 with its mark."""
    if isinstance(value, bytes):
        return value[2:].decode("utf-16-be", "replace") if value.startswith(b"\xfe\xff") else value.decode("latin-1")
    return str(value)


def pdf_lines(
    data: bytes, table_labels: tuple[str, ...] = (), table_options: tuple[tuple[str, str], ...] = ()
) -> tuple[list[Line], tuple[Join, ...]]:
    """The PDF's lines, wrapped lines joined back into paragraphs, running heads and feet left out;
    and, for a PDF oivtui wrote, the places where a page break hides whether a paragraph ended.
    On a page that holds one of ``table_labels`` (the row labels of the form's tables), a ruled
    table is read by where its text stands (:mod:`.pdf_tables`): its rows and cells as they are;
    on one without rules, a lone mark under one of ``table_options`` is placed (:mod:`.pdf_marks`)."""
    pages = pdf_pages(data)
    if pages.ours:
        return ours_lines(pages.rows, pages.typst)
    out: list[Line] = []
    # The rows come page after page: one pass, not one over all the rows for each page.
    by_page = [list(rows) for _n, rows in groupby(pages.rows, key=attrgetter("page"))]
    texts = ["\n".join(r.text for r in rows) for rows in by_page]
    texts = [_HYPHEN_BREAK.sub("", text).replace(SOFT_HYPHEN, "-") for text in texts]  # a word broken by Typst
    running = _running(texts)
    tables: dict[int, list[PageTable]] = {}
    if table_labels:
        from questionnaire.importing.pdf_tables import page_tables, pages_with

        tables = page_tables(data, pages_with(texts, table_labels), table_labels)
    listing = False  # after «Specificare i sistemi…», over page breaks too
    for rows_of_page in by_page:
        placed = tables.get(rows_of_page[0].page, []) if rows_of_page else []
        if table_labels and not placed:
            from questionnaire.importing.pdf_marks import placed_marks

            rows_of_page = placed_marks(rows_of_page, table_labels, table_options)
        shown = [(row.text.strip().translate(_LIGATURES), row) for row in rows_of_page]
        shown = [(text, row) for text, row in shown if _shape(text) not in running]
        widest = max((len(text) for text, _row in shown), default=0)
        paragraph = ""
        done: set[int] = set()
        for text, row in shown:
            inside = next((at for at, t in enumerate(placed) if t.bottom - 2 <= row.y <= t.top + 2), None)
            if inside is not None:
                if inside not in done:
                    done.add(inside)
                    paragraph = _flush(out, paragraph)
                    out.extend(placed[inside].lines)
                continue
            if not text or _FURNITURE.match(text):
                paragraph = _flush(out, paragraph) if text == "" else paragraph
                continue
            label = _is_label(text)
            opens = label or opens_block(text) or _ITEM.match(text) or _HEADING.match(text)
            wrapped = paragraph and text[:1].islower()  # a system's name the page wrapped goes on in lower case
            if paragraph and (opens or (listing and not wrapped)):
                paragraph = _flush(out, paragraph)
            listing = systems_label(text) or (listing and not opens)  # the systems: one a line
            paragraph = f"{paragraph} {text}".strip() if paragraph else text
            if label or len(text) < SHORT_LINE * widest or (_ENDS.search(text) and len(text) < 0.9 * widest):
                paragraph = _flush(out, paragraph)
        _flush(out, paragraph)
    return out, ()


def _shape(row: str) -> str:
    return re.sub(r"\d+", "#", row.strip())


def _running(pages: list[str]) -> set[str]:
    """Lines at the top or the bottom of most pages (a page's head and foot, its number)."""
    if len(pages) < 3:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        rows = [row for row in page.split("\n") if row.strip()]
        for shape in {_shape(row) for row in rows[:3] + rows[-3:]}:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, count in seen.items() if count >= 0.6 * len(pages)}


def _is_label(row: str) -> bool:
    """A line that is only a label of the form, or a signatory's «F.to NAME»: always a paragraph
    of its own (the signatories stand one under the other, each line as short as the others)."""
    return (
        bool(_SIGNED.match(row))
        or example_label(row) == (True, "")
        or notes_label(row) == (True, "")
        or systems_label(row)
        or signature_of(row) is not None
    )


def _flush(out: list[Line], paragraph: str) -> str:
    if paragraph:
        kind = "item" if _ITEM.match(paragraph) and paragraph[:1] in "-•–▪◦" else "para"
        text = "- " + _ITEM.sub("", paragraph, count=1) if kind == "item" else paragraph
        out.extend(split_lines(text, kind, False, ()))  # type: ignore[arg-type]
    return ""
