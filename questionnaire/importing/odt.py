"""An OpenDocument text (.odt, LibreOffice's own format) as lines, read from its ``content.xml``
as LibreOffice shows it: headings, paragraphs with their bold spans, lists with their numbers
rendered from the list style («1.», «a)»), tables row by row (merged cells once), line breaks
(``text:line-break``) inside a paragraph, and check boxes (LibreOffice's content controls and form
check boxes) as ☒ / ☐. lxml (python-docx's own dependency) parses it, with entities and the
network off."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from questionnaire.importing.errors import DocumentError
from questionnaire.importing.lines import TICKED, UNTICKED, Line, split_lines, tidy
from questionnaire.importing.numbering import format_number

#: The most an .odt may unpack to (a zip bomb is refused before it is unpacked).
MAX_UNPACKED = 200 * 1024 * 1024
MIMETYPE = b"application/vnd.oasis.opendocument.text"
_NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "form": "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


T_P, T_H, T_SPAN, T_S, T_TAB, T_BR = (
    _q(n) for n in ("text:p", "text:h", "text:span", "text:s", "text:tab", "text:line-break")
)
T_LIST, T_ITEM, T_HEADER = _q("text:list"), _q("text:list-item"), _q("text:list-header")
TABLE, ROW, CELL, COVERED = (
    _q("table:table"),
    _q("table:table-row"),
    _q("table:table-cell"),
    _q("table:covered-table-cell"),
)
_SKIPPED = {
    _q(n) for n in ("text:note", "text:tracked-changes", "office:annotation", "text:bookmark-ref", "draw:frame")
}
_SKIPPED |= {_q("text:sequence-decls"), _q("office:forms"), _q("table:table-columns"), _q("table:table-column")}
_ROW_GROUPS = {_q(n) for n in ("table:table-header-rows", "table:table-rows", "table:table-row-group")}


def is_odt(data: bytes) -> bool:
    """An OpenDocument text: a zip whose first entry is its ``mimetype``."""
    return data[:4] == b"PK\x03\x04" and MIMETYPE in data[:200]


def odt_lines(data: bytes) -> list[Line]:
    """The lines of an .odt; DocumentError when it is damaged."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise DocumentError("il file .odt è troppo grande una volta decompresso (oltre 200 MB).")
            content = etree.fromstring(archive.read("content.xml"), parser)
            styles = (
                etree.fromstring(archive.read("styles.xml"), parser) if "styles.xml" in archive.namelist() else None
            )
    except DocumentError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
        EOFError,
        zlib.error,
    ) as exc:
        raise DocumentError(f"il file .odt è danneggiato ({type(exc).__name__}).") from None
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    try:
        reader = _Reader(content, styles)
        return list(reader.block(body)) if body is not None else []
    except (RecursionError, ValueError) as exc:
        raise DocumentError(f"il file .odt è danneggiato ({type(exc).__name__}).") from None


class _Reader:
    def __init__(self, content: Any, styles: Any | None) -> None:
        self.bold_styles: set[str] = set()
        self.list_levels: dict[str, dict[int, tuple[str, str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}  # list style → count per level, continued across lists
        parents: dict[str, str] = {}
        weights: dict[str, bool] = {}
        for root in (styles, content):
            if root is None:
                continue
            for style in root.iter(_q("style:style")):
                name = style.get(_q("style:name")) or ""
                parent = style.get(_q("style:parent-style-name"))
                if parent:
                    parents[name] = parent
                props = style.find(_q("style:text-properties"))
                weight = props.get(_q("fo:font-weight")) if props is not None else None
                if weight is not None:
                    weights[name] = weight in ("bold", "600", "700", "800", "900")
            for list_style in root.iter(_q("text:list-style")):
                self._list_style(list_style)
        for name in set(weights) | set(parents):
            seen, at = 0, name
            while at not in weights and at in parents and seen < 20:
                at, seen = parents[at], seen + 1
            if weights.get(at):
                self.bold_styles.add(name)

    def _list_style(self, node: Any) -> None:
        levels: dict[int, tuple[str, str, str, int]] = {}
        for level in node:
            depth = int(level.get(_q("text:level")) or 1) - 1
            if level.tag == _q("text:list-level-style-number"):
                fmt = level.get(_q("style:num-format")) or ""
                prefix = level.get(_q("style:num-prefix")) or ""
                suffix = level.get(_q("style:num-suffix")) or ""
                levels[depth] = (fmt, prefix, suffix, int(level.get(_q("text:start-value")) or 1))
            else:
                levels[depth] = ("", "", "", 1)
        self.list_levels[node.get(_q("style:name")) or ""] = levels

    # ---------------------------------------------------------------- blocks

    def block(self, node: Any, list_style: str = "", depth: int = -1, number: str = "") -> Iterator[Line]:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag in (T_P, T_H):
                yield from self.paragraph(child, heading=tag == T_H, number=number, listed=depth >= 0)
                number = ""  # only the item's first paragraph carries its number
            elif tag == T_LIST:
                style = child.get(_q("text:style-name")) or list_style
                if child.get(_q("text:continue-numbering")) != "true" and not child.get(_q("text:continue-list")):
                    if depth < 0:
                        self.counters.pop(style, None)
                for item in child:
                    if item.tag not in (T_ITEM, T_HEADER):
                        continue
                    label = self._label(style, depth + 1, item) if item.tag == T_ITEM else ""
                    yield from self.block(item, style, depth + 1, label)
            elif tag == TABLE:
                yield from self.table(child)
            else:
                yield from self.block(child, list_style, depth, number)

    def _label(self, style: str, depth: int, item: Any) -> str:
        levels = self.list_levels.get(style, {})
        fmt, prefix, suffix, start = levels.get(depth, ("", "", "", 1))
        counts = self.counters.setdefault(style, [])
        while len(counts) <= depth:
            counts.append(levels.get(len(counts), ("", "", "", 1))[3] - 1)
        del counts[depth + 1 :]
        override = item.get(_q("text:start-value"))
        counts[depth] = int(override) if override and override.isdigit() and len(override) < 7 else counts[depth] + 1
        if not fmt:
            return "- "
        return f"{prefix}{format_number(counts[depth], fmt)}{suffix} "

    def paragraph(self, node: Any, heading: bool, number: str, listed: bool) -> list[Line]:
        parts: list[str] = []
        bold: list[str] = []
        plain = [False]
        self._inline(node, parts, bold, plain, node.get(_q("text:style-name")) in self.bold_styles)
        text = "".join(parts)
        if not text.strip():
            return []
        kind = "heading" if heading else "item" if listed else "para"
        strong = heading or (bool(bold) and not plain[0])
        if number:
            text = number + text.lstrip()
        return split_lines(text, kind, strong, tuple(tidy(b) for b in bold if b.strip()))  # type: ignore[arg-type]

    def _inline(self, node: Any, parts: list[str], bold: list[str], plain: list[bool], is_bold: bool) -> None:
        def add(text: str | None) -> None:
            if not text:
                return
            parts.append(text)
            if is_bold:
                bold.append(text)
            elif text.strip():
                plain[0] = True

        add(node.text)
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag == T_S:
                count = child.get(_q("text:c")) or "1"
                parts.append(" " * min(int(count) if count.isdigit() and len(count) < 4 else 1, 100))
            elif tag == T_TAB:
                parts.append("\t")
            elif tag == T_BR:
                parts.append("\n")
            elif tag == _q("loext:content-control") and child.get(_q("loext:checkbox")) == "true":
                parts.append(TICKED if child.get(_q("loext:checked")) == "true" else UNTICKED)
            else:
                style = child.get(_q("text:style-name"))
                self._inline(child, parts, bold, plain, is_bold if style is None else style in self.bold_styles)
            add(child.tail)

    # ---------------------------------------------------------------- tables

    def table(self, node: Any) -> Iterator[Line]:
        for row in self._rows(node):
            cells = [c for c in row if c.tag == CELL]
            if len(cells) == 1:
                yield from self.block(cells[0])
                continue
            texts = tuple(self._cell(c) for c in cells)
            if any(texts):
                yield Line("\t".join(texts), "row", False, (), texts, True)

    def _rows(self, node: Any) -> Iterator[Any]:
        for child in node:
            if child.tag == ROW:
                yield child
            elif child.tag in _ROW_GROUPS:
                yield from self._rows(child)

    def _cell(self, cell: Any) -> str:
        texts = []
        for line in self.block(cell):
            texts.append(" ".join(line.cells) if line.kind == "row" else line.text)
        return tidy(" ".join(" ".join(texts).replace("\t", " ").split(" ")))
