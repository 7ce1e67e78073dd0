"""Both monitoring documents as Markdown, rendered from the report's blocks
(questionnaire/report/blocks.py); the printable HTML page of the same words is
questionnaire/report/html.py.

No file is read here: the shell (oivtui/reports/render.py) hands over a session's data as a :class:`ReportData`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from questionnaire.report import blocks
from questionnaire.report.blocks import Block, one_line
from questionnaire.report.data import ReportData as ReportData
from questionnaire.report.data import is_draft as is_draft

# ---------------------------------------------------------------- escaping user text
# Only characters that could start a Markdown construct are escaped (tests/unit/test_report.py):
# a report full of backslashes is unreadable, one that obeys its user is worse.

_ASCII_PUNCT = frozenset(string.punctuation)
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]|~<&#]")
_ENTITY = re.compile(r"&#?[0-9A-Za-z]+;")
_TAG_START = frozenset(string.ascii_letters + "/!?")
_LINE_START = frozenset("#>-+=~")
_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_DELIMITER_ROW = re.compile(r":[-:\s]*")


def _next(text: str, at: int) -> str:
    return text[at + 1 : at + 2]


def _prev(text: str, at: int) -> str:
    return text[at - 1] if at else ""


#: For characters that are inert in some places: True when the one at ``at`` can stay as is.
_INERT: dict[str, Callable[[str, int, bool], bool]] = {
    "\\": lambda t, at, _h: _next(t, at) != "" and _next(t, at) not in _ASCII_PUNCT,
    "<": lambda t, at, _h: _next(t, at) == "" or _next(t, at) not in _TAG_START,
    "&": lambda t, at, _h: not _ENTITY.match(t, at),
    "_": lambda t, at, _h: _prev(t, at).isalnum() and _next(t, at).isalnum(),
    "~": lambda t, at, _h: "~" not in (_prev(t, at), _next(t, at)),
    "#": lambda _t, _at, heading: not heading,
}


def escape_line(text: str, *, heading: bool = False) -> str:
    """One line of user text as inert Markdown: no block or inline construct can start in it."""
    line = one_line(text)

    def escape(match: re.Match[str]) -> str:
        inert = _INERT.get(match[0])
        return match[0] if inert and inert(line, match.start(), heading) else "\\" + match[0]

    return _escape_line_start(_INLINE_SPECIAL.sub(escape, line))


def _escape_line_start(line: str) -> str:
    if (line and line[0] in _LINE_START) or _DELIMITER_ROW.fullmatch(line):
        return "\\" + line
    return _ORDERED_MARKER.sub(r"\1\\\2", line, count=1) if _ORDERED_MARKER.match(line) else line


# ---------------------------------------------------------------- blocks as Markdown

#: Bullets taken in turn by lists that follow one another: the same bullet would join them into one.
_BULLETS = ("-", "*")
_ALIGNMENT = {"L": "---", "C": ":-:", "R": "--:"}


def markdown(text: str, *, heading: bool = False, words: Callable[[str], str] = str) -> str:
    """``text`` as Markdown: each part the user typed escaped line by line (a line break in it a hard
    break), the form's and oivtui's words as they are (or as ``words`` makes them)."""
    return "".join(_escaped(part, heading) if typed else words(part) for part, typed in blocks.text_parts(text))


def _escaped(typed: str, heading: bool) -> str:
    return "\\\n".join(escape_line(line, heading=heading) for line in typed.split("\n"))


def _plain_spaces(words: str) -> str:
    """A table cell's own words, where the no-break tie and the gap between options are plain spaces."""
    return words.replace(blocks.GAP, " ").replace(blocks.TIE, " ")


def _cell(text: str) -> str:
    return markdown(text, words=_plain_spaces)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(block: blocks.Table) -> str:
    lines = [_row(markdown(label) for label in block.header), _row(_ALIGNMENT[a] for a in block.align)]
    lines += [_row(_cell(cell) for cell in row) for row in block.rows]
    return "\n".join(lines)


def _para(block: blocks.Para) -> str:
    text = markdown(block.text)
    if block.style == "B":
        text = f"**{text}**"
    elif block.style == "I":
        text = f"*{text}*"
    return f"**{block.label.rstrip()}** {text}" if block.label else text


def _notice(block: blocks.Notice) -> str:
    """The notice as a block quote: «BOZZA» in bold, each heading between blank quoted lines."""
    word, _space, rest = markdown(block.lines[0]).partition(" ")
    lines = [f"> **{word}** {rest}"]
    for line in map(markdown, block.lines[1:]):
        if line.startswith(blocks.NOTICE_ITEM):
            lines.append(f"> - {line[len(blocks.NOTICE_ITEM) :]}")
        else:
            lines += [">", f"> {line}", ">"]
    return "\n".join(lines)


def _signature(block: blocks.Signature) -> Iterator[str]:
    """Place and date, then the role and the names, one a line."""
    yield markdown(block.lines[0])
    yield "\\\n".join(map(markdown, block.lines[1:]))


def _block(block: Block) -> str:
    if isinstance(block, blocks.Letterhead):
        return "\\\n".join(f"**{markdown(line)}**" for line in block.lines)
    if isinstance(block, blocks.Heading):
        return f"{'#' * block.level} {markdown(block.text, heading=True)}"
    if isinstance(block, blocks.Para):
        return _para(block)
    if isinstance(block, blocks.Contents):
        return "\n".join(map(markdown, block.lines))
    if isinstance(block, blocks.Table):
        return _table(block)
    if isinstance(block, blocks.Notice):
        return _notice(block)
    if isinstance(block, blocks.Provenance):
        return f"*{markdown(block.text)}*"
    return "---"  # NewDocument: a page break in the HTML


def markdown_blocks(stream: Iterable[Block]) -> Iterator[str]:
    """Each block as Markdown (a signature as two); a list right after a list takes the other bullet."""
    bullet = ""
    for block in stream:
        if isinstance(block, blocks.Bullets):
            bullet = _BULLETS[1] if bullet == _BULLETS[0] else _BULLETS[0]
            yield "\n".join(f"{bullet} {markdown(item)}" for item in block.items)
            continue
        bullet = ""
        yield from _signature(block) if isinstance(block, blocks.Signature) else (_block(block),)


def paragraphs(text: str) -> list[str]:
    """Free text as Markdown blocks: a blank line separates paragraphs, a newline is a hard break,
    and lines typed as «- voce» make a list. Every other character stays as typed (escaped)."""
    return list(markdown_blocks(blocks.text_blocks(text)))


# ---------------------------------------------------------------- public API


class DocumentParts(NamedTuple):
    """One document's Markdown blocks: the letterhead, the body (title to last answer), the signature.

    The HTML page wraps them (``questionnaire/report/html.py``): the letterhead in a header, the
    signature in a block that is never split nor printed apart from the lines above it.
    """

    letterhead: tuple[str, ...]
    body: tuple[str, ...]
    signature: tuple[str, ...]


class ReportParts(NamedTuple):
    """The report's Markdown in its parts: a draft's notice ("" when final), the documents, and the
    provenance line ("" in a copy for publication)."""

    notice: str
    documents: tuple[DocumentParts, ...]
    provenance: str


def _documents(stream: Sequence[Block]) -> Iterator[DocumentParts]:
    """Each document's blocks as Markdown, split where a :class:`NewDocument` starts the next."""
    ends = [n for n, block in enumerate(stream) if isinstance(block, blocks.NewDocument)] + [len(stream)]
    for start, end in zip([-1, *ends], ends, strict=False):
        document = stream[start + 1 : end]
        head = [b for b in document if isinstance(b, blocks.Letterhead)]
        tail = [b for b in document if isinstance(b, blocks.Signature)]
        body = [b for b in document if not isinstance(b, blocks.Letterhead | blocks.Signature)]
        yield DocumentParts(*(tuple(markdown_blocks(part)) for part in (head, body, tail)))


def report_parts(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> ReportParts:
    """What :func:`render_markdown` joins, and the HTML page wraps (``questionnaire/report/html.py``)."""
    _marked, stream = blocks.report_blocks(data, draft=draft, provenance=provenance)
    notice = "".join(_notice(b) for b in stream if isinstance(b, blocks.Notice))
    last = "".join(_block(b) for b in stream if isinstance(b, blocks.Provenance))
    documents = [b for b in stream if not isinstance(b, blocks.Notice | blocks.Provenance)]
    return ReportParts(notice, tuple(_documents(documents)), last)


def render_markdown(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> str:
    """Both documents as Markdown; a draft starts with a BOZZA notice listing what is missing.

    The last line names the session file, the form and the fingerprint of the answers, so
    ``oivtui verify`` can tell where a report came from; a copy meant for publication
    (``provenance=False``) leaves it out.
    """
    parts = report_parts(data, draft=draft, provenance=provenance)
    out = [parts.notice] if parts.notice else []
    for number, document in enumerate(parts.documents):
        if number:
            out.append("---")  # between documents: a page break in the HTML
        out.extend((*document.letterhead, *document.body, *document.signature))
    if parts.provenance:
        out.append(parts.provenance)
    return "\n\n".join(out) + "\n"
