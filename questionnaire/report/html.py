"""The report as a standalone HTML page that prints well: A4 pages numbered «Pagina N di M», a running
header with the administration and the document, the signature kept whole with the lines above it.

The words are the Markdown report's (questionnaire/report/markdown.py), rendered by markdown-it with raw HTML
off; this module only wraps its parts and writes the print rules.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

from questionnaire.form.rules import format_triennium, parse_triennium
from questionnaire.report.blocks import DASH, clean
from questionnaire.report.markdown import DocumentParts, ReportData, is_draft, report_parts

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: The CSS class of what the print rules keep together or set apart (tests/unit/test_print_css.py).
DOCUMENT, LETTERHEAD, SIGNATURE, PROVENANCE = "documento", "intestazione", "firma", "impronta"
#: The last block of a document's body with its signature: one unit the print keeps on one page.
CLOSING = "chiusura"
OPTION = "opzione"

_CSS = """
@page { size: A4; margin: 2.4cm 2cm 2cm;
  @top-left { content: ADMINISTRATION; font: 8.5pt Georgia, serif; color: #444; vertical-align: middle; }
  @bottom-right { content: "Pagina " counter(page) " di " counter(pages); font: 8.5pt Georgia, serif; color: #444; }
DRAFT_MARK}
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
       color: #000; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.45em; } h2 { font-size: 1.3em; } h3 { font-size: 1.15em; }
h4, h5 { font-size: 1em; } h5 { font-style: italic; }
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
p, li { overflow-wrap: anywhere; }
td, th { overflow-wrap: break-word; }
p, li { orphans: 3; widows: 3; }
p:has(+ ul) { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: calc(100% - 2px); margin: 1em 1px; break-inside: avoid; }
td:first-child { min-width: 10em; }
.opzione { white-space: nowrap; }
th, td { border: 1px solid #444; padding: .3em .5em; vertical-align: top; }
blockquote { border: 2px solid #a00; margin: 0 0 2em; padding: .5em 1em; }
.intestazione { text-align: center; margin-bottom: 2em; }
.intestazione p { margin: 0; }
.intestazione strong:first-child { font-size: 1.6em; letter-spacing: .05em; }
.documento + .documento { break-before: page; page-break-before: always; margin-top: 4em; }
.chiusura { break-inside: avoid; page-break-inside: avoid; }
p:has(+ .chiusura > ul:first-child) { break-after: avoid; page-break-after: avoid; }
.firma { break-inside: avoid; page-break-inside: avoid; break-before: avoid; page-break-before: avoid;
         margin-top: 2em; }
.impronta { font-size: .8em; color: #444; overflow-wrap: anywhere; margin-top: 3em; }
@media print { body { max-width: none; margin: 0; padding: 0; } .documento + .documento { margin-top: 0; } }
"""

#: One named page per document: its short name on the right of the running header.
_DOCUMENT_PAGE = """.documento-{n} {{ page: documento-{n}; }}
@page documento-{n} {{
  @top-right {{ content: {title}; font: 8.5pt Georgia, serif; color: #444; vertical-align: middle;
               text-align: right; }}
}}
"""

#: A draft's pages say so in the running header.
_DRAFT_MARK = """  @top-center { content: "BOZZA"; font: bold 9pt Georgia, serif; color: #a00; vertical-align: middle; }
"""


@cache
def _markdown() -> MarkdownIt:
    """The HTML renderer, built on first use: ``oivtui export`` in Markdown (the default) never
    needs markdown-it, and importing it is a visible part of a short command (benchmarks/run.py)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that nothing typed can break out of: anything but letters,
    digits, spaces and plain punctuation is a hex escape (``<`` too, so no ``</style>``)."""
    line = " ".join(clean(text).split())
    safe = "".join(c if (c.isalnum() or c in " .,;:'()-–—/«»") and c.isprintable() else f"\\{ord(c):x} " for c in line)
    return f'"{safe}"'


def print_css(data: ReportData, marked: bool) -> str:
    """The page's style: the screen and print rules, the running header of each document."""
    administration = data.answers.text_of_role(data.form, "administration").strip() or DASH
    css = _CSS.replace("ADMINISTRATION", css_string(administration))
    rules = [css.replace("DRAFT_MARK", _DRAFT_MARK if marked else "")]
    for n, document in enumerate(data.form.documents, start=1):
        rules.append(_DOCUMENT_PAGE.format(n=n, title=css_string(document.running_title)))
    return "".join(rules)


def _html_title(data: ReportData, marked: bool) -> str:
    raw = data.answers.text_of_role(data.form, "triennium")
    years = parse_triennium(raw)
    triennium = format_triennium(years[0]) if years else raw.strip() or DASH
    administration = data.answers.text_of_role(data.form, "administration")
    title = f"Monitoraggio OIV – {administration.strip() or DASH} – triennio {triennium}"
    return f"BOZZA – {title}" if marked else title


#: A check-box mark and its option in a table cell («☐ 1% - 49%», up to the next mark): one span
#: that never wraps, so that a printed cell never breaks inside an option (not an «(altro: …)»,
#: which is the user's text and may be long).
_OPTION = re.compile(r"(?<=[>\s])[☒☐] (?!\(altro: )[^☒☐<\n]*?(?= [☒☐]|</td>)")


def _render(blocks: tuple[str, ...] | list[str]) -> str:
    html_text = _markdown().render("\n\n".join(blocks)) if blocks else ""
    if "<td>" not in html_text:
        return html_text
    lines = html_text.split("\n")  # markdown-it writes one cell a line: only cells are touched
    return "\n".join(_OPTION.sub(_option, line) if line.startswith("<td") else line for line in lines)


def _option(match: re.Match[str]) -> str:
    return f'<span class="{OPTION}">{match[0]}</span>'


def _document(n: int, parts: DocumentParts, before: str, after: str) -> str:
    """One document in its section: letterhead, body, and the signature in a block of its own, which
    holds ``after`` too (the provenance line: a page of its own for it alone would be a waste).

    The body's last block and the signature share a block kept on one page: when the signature's «no
    break before» and «no break inside» cannot both hold, Chromium breaks inside the signature
    (tests/unit/test_print_pdf.py), so only a box holding both keeps them together.
    """
    *body, last = parts.body or ("",)
    return (
        f'<section class="{DOCUMENT} {DOCUMENT}-{n}">\n{before}'
        f'<header class="{LETTERHEAD}">\n{_render(parts.letterhead)}</header>\n'
        f'{_render(body)}<div class="{CLOSING}">\n{_render([last] if last else [])}'
        f'<div class="{SIGNATURE}">\n{_render(parts.signature)}{after}</div>\n</div>\n</section>\n'
    )


def render_html(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> str:
    """A standalone printable HTML5 page of the report (raw HTML typed in an answer never passes).

    The draft notice opens the first document's section and the provenance line closes the last one:
    outside them, each would sit on a printed page of its own.
    """
    marked, _problems = is_draft(data, draft)
    parts = report_parts(data, draft=marked, provenance=provenance)
    notice = _render([parts.notice]) if parts.notice else ""
    footer = f'<footer class="{PROVENANCE}">\n{_render([parts.provenance])}</footer>\n' if parts.provenance else ""
    last = len(parts.documents)
    body = "".join(
        _document(n, document, notice if n == 1 else "", footer if n == last else "")
        for n, document in enumerate(parts.documents, start=1)
    )
    title = html.escape(" ".join(clean(_html_title(data, marked)).split()))
    return (
        '<!DOCTYPE html>\n<html lang="it">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{print_css(data, marked)}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
