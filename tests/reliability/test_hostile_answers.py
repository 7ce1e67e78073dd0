"""Answers written to break the report, checked on the HTML page as well as the Markdown.

The Markdown side — 44 hostile answers and three 100 KB lines in every place a user's words reach,
token structure compared with markdown-it-py, plus hypothesis — lives in
tests/unit/test_markdown_structure.py and is not repeated here. This file takes the same corpus
to the HTML export: the page has exactly the elements and attributes of a page built from
harmless answers of the same shape, so no tag, attribute, script or link of the user's survives.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser

import pytest

from oivtui.reports.render import render_html
from tests.unit.test_markdown_structure import HOSTILE, LONG, LONG_PLACES, PLACES, harmless, session_with

#: Beyond the unit corpus: what an HTML page in particular must not let through.
HTML_ONLY = [
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">clic</a> [clic](javascript:alert(1))',
    "<svg/onload=alert(1)>",
    "<iframe src='https://example.com'></iframe>",
    "<style>body{display:none}</style>",
    "</textarea></title></style><script>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    "<base href='https://example.com/'>",
    "[x](<javascript:alert(1)>) ![x](data:text/html;base64,PHNjcmlwdD4=)",
    "&lt;script&gt; &#60;script&#62; \\<script>",
    "<!--",
    "]]><![CDATA[<script>alert(1)</script>]]>",
]
CASES = HOSTILE + HTML_ONLY


class Elements(HTMLParser):
    """Every element of a page with its attribute names, and every URL an attribute holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[str, ...]]] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(name for name, _ in attrs)))
        self.urls += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_comment(self, data: str) -> None:
        self.found.append(("<!--", (data,)))


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


@cache
def baseline(text: str, places: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return elements(render_html(session_with(text, places))).found


def assert_inert_html(text: str, places: tuple[str, ...] = PLACES) -> None:
    page = render_html(session_with(text, places))
    got = elements(page)
    assert got.found == baseline(harmless(text), places)
    assert not got.urls  # the report links nowhere, whatever the answers say
    lowered = page.lower()
    for raw in ("<script", "<iframe", "<svg", "<img", "<meta http", "<base"):
        assert raw not in lowered


def test_there_are_at_least_thirty_hostile_answers() -> None:
    assert len(CASES) + len(LONG) >= 30


@pytest.mark.parametrize("text", CASES, ids=range(len(CASES)))
def test_hostile_answer_adds_no_element_to_the_html_page(text: str) -> None:
    assert_inert_html(text)


@pytest.mark.parametrize("text", LONG, ids=["heading", "escapes", "list"])
def test_100kb_line_adds_no_element_to_the_html_page(text: str) -> None:
    assert_inert_html(text, LONG_PLACES)


def test_the_check_catches_raw_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """The invariant can fail: with raw HTML let through, a tag typed as an answer becomes a tag."""
    from markdown_it import MarkdownIt

    monkeypatch.setattr("questionnaire.report.html._markdown", lambda: MarkdownIt("commonmark", {"html": True}))
    monkeypatch.setattr("questionnaire.report.markdown.escape_line", lambda text, heading=False: text.strip())
    with pytest.raises(AssertionError):
        assert_inert_html('<img src=x onerror="alert(1)">', ("1.1/text",))
