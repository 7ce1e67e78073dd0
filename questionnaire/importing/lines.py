"""A document as a flat list of lines, whatever its format: the one shape the filing parser reads.

Markdown (and plain text, read as Markdown) goes through markdown-it to HTML; HTML is walked with
the standard library's parser; .docx and PDF build their lines in their own modules. Each line
keeps what the parser needs: its kind (heading, paragraph, list item, table row), whether it is
all bold, its bold parts, the cells of a row, and whether it opens a new paragraph.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Literal, NamedTuple

LineKind = Literal["heading", "para", "item", "row"]

#: A ticked box, as documents write one: ☒ ☑ ✓ ✔ ■, [x], (x), or a checkbox input that is checked.
TICKED = "☒"
UNTICKED = "☐"
_INPUT_BOX = re.compile(r"<input\b(?P<attrs>[^>]*)/?>", re.IGNORECASE)
#: The checkbox inputs a PDF-to-Markdown converter writes (not a user's escaped ``\<input``).
_CONVERTER_BOX = re.compile(r'(?<!\\)<input (?P<attrs>(?:checked="" )?type="checkbox")/>')
_BOX_MARKS = (
    # Wingdings boxes as a PDF printer writes their glyphs (Unicode's private area, U+F0FE …).
    (re.compile("[\uf0fe\uf0fd\uf078]"), TICKED),
    (re.compile("[\uf0a8\uf06f\uf071]"), UNTICKED),
    (re.compile(r"[☑✓✔✗✘■]"), TICKED),
    (re.compile(r"\[\s*[xX]\s*\]|\(\s*[xX]\s*\)"), TICKED),
    (re.compile(r"[□❑◻]|\[\s*\]|\(\s\)"), UNTICKED),
)
_SPACES = re.compile(r"[ \u00a0]+")


class Line(NamedTuple):
    """One line of a document."""

    text: str
    kind: LineKind = "para"
    #: The whole line is bold (or a heading): how documents mark questions and labels.
    strong: bool = False
    #: The bold parts of the line, for a bold option among plain ones.
    bold: tuple[str, ...] = ()
    #: The cells of a table row (``kind == "row"``).
    cells: tuple[str, ...] = ()
    #: The line starts a paragraph (or a list item, a heading): blank line before it in a text.
    first: bool = True
    #: Which list a list item belongs to: two lists one after the other are two texts' paragraphs.
    group: int = 0


def boxes(text: str) -> str:
    """Every checkbox mark as ☒ or ☐ (HTML inputs from a PDF converter included)."""

    def box(match: re.Match[str]) -> str:
        return TICKED if "checked" in match["attrs"].lower() else UNTICKED

    text = _INPUT_BOX.sub(box, text)
    for pattern, mark in _BOX_MARKS:
        text = pattern.sub(mark, text)
    return text


def tidy(text: str) -> str:
    """A line's text without the spaces around it (inside, kept: a user's double space is theirs)."""
    return text.strip(" \t\u00a0")


def spaced(text: str) -> str:
    """Runs of spaces made one, and none around."""
    return _SPACES.sub(" ", text).strip()


def plain(text: str) -> str:
    """A line's text for recognising marks and labels: boxes normalised, runs of spaces made one."""
    return spaced(boxes(text))


def split_lines(block: str, kind: LineKind, strong: bool, bold: tuple[str, ...]) -> list[Line]:
    """A block of text (newlines inside) as lines; lines holding tabs are table rows."""
    out: list[Line] = []
    for number, raw in enumerate(block.split("\n")):
        if not raw.strip():
            continue
        if "\t" in raw.strip():
            cells = tuple(tidy(c) for c in raw.strip().split("\t"))
            out.append(Line("\t".join(cells), "row", False, (), cells, not out))
            continue
        shown = tidy(raw)
        out.append(Line(shown, kind, strong, bold, (), number == 0 or not out))
    return out


# ---------------------------------------------------------------- HTML


_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "pre", "caption", "div", "section"}
_BLOCKS |= {"article", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "address", "table", "hr"}
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD = {"strong", "b"}
_SKIPPED = {"script", "style", "head", "title", "blockquote"}


class _Walker(HTMLParser):
    """The lines of an HTML page: one per paragraph line, heading, list item and table row."""

    def __init__(self, source_breaks: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        #: A line break in the source is a line (Markdown rendered by markdown-it, whose soft breaks
        #: are the text's own lines), not a space as HTML's whitespace rules say (a web page).
        self._source_breaks = source_breaks
        self._pre = 0
        self.lines: list[Line] = []
        self._text: list[str] = []
        self._kind: LineKind = "para"
        self._bold_depth = 0
        self._bold_parts: list[str] = []
        self._plain = False  # some text of the block was not bold
        self._skip = 0
        self._cells: list[str] | None = None
        self._lists: list[list[int]] = []  # per open list: [next number] (ordered) or [] (bullets)
        self._group = 0  # lists opened so far
        self._in_item = 0

    # -- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._pre += 1
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in ("ul", "ol"):
            self._flush()
            start = dict(attrs).get("start") or "1"
            self._lists.append([int(start)] if tag == "ol" and start.isdigit() else [])
            self._group += 1
        elif tag == "li":
            self._flush()
            self._in_item += 1
            self._kind = "item"
            self._text.append(self._bullet())
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th") and self._cells is not None:
            self._text = []
        elif tag in _BLOCKS and not (tag == "p" and self._in_item):
            self._flush()
            self._kind = "heading" if tag in _HEADINGS else "para"
        elif tag == "br":
            self._text.append("\x00")
        elif tag in _BOLD:
            self._bold_depth += 1
            self._bold_parts.append("")
        elif tag == "input":
            self.handle_data(TICKED if "checked" in dict(attrs) else UNTICKED)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            self._in_item = max(0, self._in_item - 1)
            self._kind = "item" if self._in_item else "para"
        elif tag in ("td", "th") and self._cells is not None:
            self._cells.append(tidy(self._joined()))
            self._text = []
        elif tag == "tr" and self._cells is not None:
            cells = tuple(self._cells)
            self._cells = None
            self._text = []
            if any(cells):
                self.lines.append(Line("\t".join(cells), "row", False, (), cells, True))
        elif tag in _BLOCKS and not (tag == "p" and self._in_item):
            self._flush()
        elif tag in _BOLD:
            self._bold_depth = max(0, self._bold_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._source_breaks and not self._pre:
            data = _HTML_SPACE.sub(" ", data)  # HTML: a run of spaces, tabs and line ends is one space
        if self._kind == "item" and len(self._text) == 1 and not data.strip():
            return  # the newline markdown-it writes after <li>
        self._text.append(data)
        if self._bold_depth and self._bold_parts:
            self._bold_parts[-1] += data
        elif data.strip():
            self._plain = True

    # -- helpers

    def _bullet(self) -> str:
        if not self._lists or not self._lists[-1]:
            return "- "
        number = self._lists[-1][0]
        self._lists[-1][0] += 1
        return f"{number}. "

    def _joined(self) -> str:
        return "".join(self._text).replace("\x00\n", "\n").replace("\x00", "\n")

    def _flush(self) -> None:
        if self._cells is not None:
            return
        text = self._joined()
        body = text[2:] if self._kind == "item" and text.startswith("- ") else text
        if body.strip():
            bold = tuple(tidy(b) for b in self._bold_parts if b.strip())
            strong = self._kind == "heading" or (bool(bold) and not self._plain)
            self.lines.extend(line._replace(group=self._group) for line in split_lines(text, self._kind, strong, bold))
        self._text, self._bold_parts, self._plain = [], [], False
        self._kind = "item" if self._in_item else "para"


def html_lines(page: str, source_breaks: bool = False) -> list[Line]:
    """The lines of an HTML page (its head, scripts, styles and the draft notice left out), read
    by HTML's whitespace rules: a line break in the source is a space, ``<br>`` a line's end."""
    walker = _Walker(source_breaks)
    walker.feed(page)
    walker.close()
    walker._flush()
    return walker.lines


def markdown_lines(text: str) -> list[Line]:
    """The lines of a Markdown (or plain) text, read by markdown-it as CommonMark with tables."""
    from markdown_it import MarkdownIt  # ~30 ms: only when a text document is imported

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Raw HTML stays text (html=False); the checkbox inputs of PDF converters become boxes first.
    return html_lines(renderer.render(_CONVERTER_BOX.sub(lambda m: boxes(m[0]), text)), source_breaks=True)
