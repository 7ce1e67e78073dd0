"""A document's bytes as lines, its format told from its content (not its name): .docx, PDF,
HTML, or text (Markdown or plain, which reads the same)."""

from __future__ import annotations

import re
from typing import NamedTuple

from questionnaire.form.model import Form
from questionnaire.importing.errors import DocumentError
from questionnaire.importing.lines import Line, html_lines, markdown_lines
from questionnaire.importing.recognise import opens_block
from questionnaire.report.provenance import Provenance, find_provenance

#: Larger documents are refused before anything is read: a filing is a few hundred KB of text at
#: most; a .docx or a PDF may carry images.
MAX_BYTES = 20 * 1024 * 1024
#: The most text (Markdown, plain, HTML) read: the seed is 29 KB.
MAX_TEXT_BYTES = 2 * 1024 * 1024


class Document(NamedTuple):
    lines: list[Line]
    #: The format as the user is told it: "testo", "HTML", "Word (.docx)", "PDF".
    kind: str
    #: The provenance line of a report written by oivtui, when the document is one.
    provenance: Provenance | None = None
    #: (before, after): a page break read as a paragraph's end that may have ended only a line.
    joins: tuple[tuple[str, str], ...] = ()


def kind_of(data: bytes) -> str:
    """ "docx", "odt", "pdf", "html", "text", or "" for bytes that are none of them."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04"):
        from questionnaire.importing.odt import is_odt

        return "odt" if is_odt(data) else "docx"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if b"\x00" in head:
        return ""
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        lowered.startswith(b"<") and b"<body" in data[:65536].lower()
    ):
        return "html"
    return "text"


def read_document(
    data: bytes, table_labels: tuple[str, ...] = (), table_options: tuple[tuple[str, str], ...] = ()
) -> Document:
    """The lines of a document; :class:`DocumentError` when it cannot be read. ``table_labels``:
    the row labels of the form's tables, for finding the pages of a PDF whose tables are read by
    the place of their text (:func:`table_labels`); ``table_options``: the two options a table's
    header row may head columns with, for placing a lone mark under one (:func:`table_options`)."""
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"è troppo grande ({len(data) // (1024 * 1024)} MB; al massimo {MAX_BYTES // (1024 * 1024)} MB)."
        )
    kind = kind_of(data)
    if kind == "odt":
        from questionnaire.importing.odt import odt_lines  # lxml: only for an .odt

        return Document(odt_lines(data), "LibreOffice (.odt)")
    if kind == "docx":
        from questionnaire.importing.docx import docx_lines  # python-docx: only for a .docx

        return Document(docx_lines(data), "Word (.docx)")
    if kind == "pdf":
        from questionnaire.importing.pdf import pdf_lines  # pypdf: only for a PDF

        lines, joins = pdf_lines(data, table_labels, table_options)
        text = "\n".join(line.text for line in lines)
        return Document(lines, "PDF", find_provenance(_one_line_provenance(text)), joins)
    if not kind:
        raise DocumentError("non è un documento di testo, HTML, Word (.docx), LibreOffice (.odt) o PDF.")
    if len(data) > MAX_TEXT_BYTES:
        most = MAX_TEXT_BYTES // (1024 * 1024)
        raise DocumentError(
            f"è troppo grande per un monitoraggio in testo ({len(data) // 1024} KB; al massimo {most} MB)."
        )
    text = _decode(data)
    if kind == "html":
        return Document(html_lines(text), "HTML", find_provenance(text))
    provenance = find_provenance(text)
    return Document(markdown_lines(text if provenance else unwrap(text)), "testo o Markdown", provenance)


_ITEM = re.compile(r"^\s*[-*+•]\s")


def unwrap(text: str) -> str:
    """A text whose lines were wrapped at a width (``pdftotext``, a mail), its paragraphs' lines
    joined again: a line that reaches the usual width goes on in the next. A text whose
    paragraphs are one line each (Markdown, the seed) has no usual width and is left alone."""
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip() and "\t" not in line)
    if len(widths) < 10:
        return text
    usual = widths[int(len(widths) * 0.9)]
    if usual > 160:
        return text
    out: list[str] = []
    for line in lines:
        above = out[-1] if out else ""
        wrapped = above.strip() and not above.endswith(("  ", "\\")) and len(above.rstrip()) >= 0.75 * usual
        opens = opens_block(line)
        if wrapped and line.strip() and not opens:
            out[-1] = f"{above.rstrip()} {line.strip()}"
            continue
        if opens and above.strip() and not _ITEM.match(line):
            out.append("")  # a question or a label is no lazy continuation of the list above it
        out.append(line)
    return "\n".join(out)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"non è testo leggibile (byte 0x{data[exc.start]:02x}): salvalo come UTF-8.") from None
    return text


def _one_line_provenance(text: str) -> str:
    """The provenance line of a report printed to PDF, which the page may have wrapped over lines."""
    marker = "Generato da oivtui"
    at = text.rfind(marker)
    if at < 0:
        return ""
    tail = " ".join(text[at:].split())
    end = tail.find(" ", tail.find("delle risposte:") + len("delle risposte: "))
    line = tail if end < 0 else tail[:end]
    return f"*{line}*"


def table_labels(forms: list[Form]) -> tuple[str, ...]:
    """The row labels of the tables of ``forms`` (the staff table's «Non dirigenti»…)."""
    return tuple(dict.fromkeys(row.label for form in forms for question in form.questions for row in question.rows))


def table_options(forms: list[Form]) -> tuple[tuple[str, str], ...]:
    """The two options of each choice of the tables of ``forms`` that has two, each one word (the
    staff table's «Sì»/«No»): a header row heads its two columns with them."""
    pairs = (
        field.options
        for form in forms
        for question in form.questions
        if question.rows
        for field in question.fields
        if field.kind == "choice"
    )
    return tuple(dict.fromkeys((a, b) for a, b in (p for p in pairs if len(p) == 2) if " " not in a + b))
