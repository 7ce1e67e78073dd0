"""Whatever a user types stays plain text: the report's Markdown structure never changes."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_html, render_markdown
from questionnaire.report.blocks import clean
from questionnaire.report.markdown import escape_line, paragraphs

#: CommonMark plus the GFM extensions a Markdown viewer (GitHub, GitLab) commonly applies.
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
INERT_CHILDREN = {"text", "softbreak", "hardbreak"}
LIST_TOKENS = ("bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close")

#: Where a user's words end up: free text, example, a typed short answer ("other"), a list of
#: systems, a table cell, block notes and every header field shown in the report.
TEXT_PLACES = ("1.1/text", "1.1/example", "b2.notes/text", "9/text")
LINE_PLACES = (
    "1.1/choice",
    "tab.2/dirigenti_i/reasons",
    "header/administration",
    "header/triennium",
    "header/place",
    "header/signatory_role",
    "header/special_agency",
)
LIST_PLACES = ("2.3/systems", "header/signatories")
PLACES = TEXT_PLACES + LINE_PLACES + LIST_PLACES

HOSTILE = [
    "# Titolo falso",
    "## due\n### tre\n###### sei #",
    "Titolo #",
    "1. primo\n2. secondo",
    "1) uno\n10. dieci\n1.1.2 obiettivo",
    "- voce\n- voce",
    "+ più\n* stella",
    "> citazione\n>> annidata",
    "Testo\n===",
    "Testo\n---",
    "---\n***\n___\n- - -\n_ _ _",
    "```python\nprint(1)\n```",
    "~~~\ncodice\n~~~\n~~barrato~~",
    "    codice indentato\n\tcon tab",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "a | b\n:-- | --:\n:-\n-:",
    "a | b\n:-:",
    "<script>alert(1)</script>",
    "<div>\n*blocco html*\n</div>",
    "<!-- commento -->\n<?php echo 1; ?>\n<![CDATA[x]]>",
    "[a]: http://example.com\n[a] [a][]",
    "[link](http://example.com) ![img](x.png)",
    "<http://example.com> <posta@example.com>",
    "*enfasi* **forte** _sotto_ __doppio__ ***tre***",
    "`codice` ``doppio`` `",
    "&amp; &lt;b&gt; &#169; &#x41; &copy",
    "C:\\percorso\\file \\* \\# \\",
    "due spazi  \nseguito",
    "barra finale\\\nseguito\\",
    "zero\u200bwidth \u200e\u200f bidi \u202eoverride\u202c \u2066isolate\u2069 \ufeffbom",
    "nul\x00byte\x00",
    "riga\r\nWindows\rMac\r\n\r\nparagrafo",
    "\\# non titolo \\- \\*",
    "  # indentato\n   > citazione indentata\n \t- lista",
    "\u00a0# dopo nbsp\n\u3000> dopo spazio ideografico",
    "\n\n\n# dopo righe vuote\n\n   \n\t\n---\n\n",
    "[^1] nota\n\n[^1]: testo",
    "a<b and c>d <br> </p>",
    "x_y_z __init__ _x",
    "Risposta | con | pipe \\| escaped",
    "!",
    "*",
    "-",
    "#",
    ">",
    "`",
    "|",
    "\\",
    "&",
    "<",
    "[",
    "]",
    "=",
    "~",
    "_",
    ":",
]

#: 100 KB lines: in a free text, a table cell and a header line (a whole report per case is slow).
LONG = [
    "# " + "a" * 100_000,
    "*_`[<&|\\" * 12_500,
    "- " + "x *y* " * 17_000,
]
LONG_PLACES = ("1.1/text", "tab.2/dirigenti_i/reasons", "header/administration")


#: Control characters, the bidi controls among them (issue 26).
CONTROLS = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def harmless(text: str) -> str:
    """A harmless answer of the same shape: one word per line, blank lines kept, and the two things
    a user's text may shape on purpose: a line typed as a list item («- voce») stays one, and a
    line starting in lower case still does (it goes on from the short answer: «Sì, prima…»). The
    line's control characters stay too: validation flags them, the draft notice lists the same."""
    if not text.strip():
        return text  # blank (Python counts \\x1c-\\x1f as white space): no answer either way
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Each line's shape as the report sees it (control characters as pictures), then its control
    # characters again, at the end: where they cannot change the shape.
    return "\n".join(_harmless_line(clean(line)) + "".join(CONTROLS.findall(line)) for line in lines)


def _harmless_line(line: str) -> str:
    words = line.strip()
    if not words:
        return ""
    if words.startswith("- ") and words[2:].strip():
        return "- x"
    return "x" if words[0].islower() else "X"


def unlisted(text: str) -> str:
    """``text`` as a reader sees it once lines typed as list items are a list: their «- » gone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_harmless_line(line) == "- x" and line.strip()[2:] or line for line in lines)


def session_with(text: str, places: tuple[str, ...]) -> Session:
    """The example with ``text`` in each of ``places``, every one of them printed: a row's reasons
    apply only to a «No» (its relevance condition), so such a row says «No»."""
    session = example_session()
    for place in places:
        if place.endswith("/reasons"):
            session.answers.set(place.rsplit("/", 1)[0] + "/coherent", "No")
        session.answers.set(place, [text] if place in LIST_PLACES else text)
    return session


def structure(tokens: list[Token]) -> list[tuple]:
    """Token types, tags and nesting, and the inline markup (not the words) of each inline."""
    return [
        (
            t.type,
            t.tag,
            t.nesting,
            t.level,
            tuple((c.type, c.tag) for c in t.children or () if c.type not in INERT_CHILDREN),
        )
        for t in tokens
    ]


def visible(tokens: list[Token]) -> str:
    """The words a reader sees, whitespace collapsed."""
    words = []
    for token in tokens:
        for child in token.children or ():
            words.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
        words.append(" ")
    return " ".join("".join(words).split())


def shown(text: str) -> str:
    """``text`` as the report shows it: control characters as their pictures (``report.clean``); an
    answer of white space only (Python counts \\x1c-\\x1f as such) is no answer."""
    return " ".join(clean(text).split()) if text.strip() else ""


@cache
def baseline(text: str, places: tuple[str, ...], draft: bool) -> list[tuple]:
    return structure(MD.parse(render_markdown(session_with(text, places), draft=draft)))


def assert_inert(text: str, places: tuple[str, ...] = PLACES, draft: bool = False) -> None:
    tokens = MD.parse(render_markdown(session_with(text, places), draft=draft))
    got, want = structure(tokens), baseline(harmless(text), places, draft)
    first = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), min(len(got), len(want)))
    assert got == want, f"structure differs at token {first}: {got[first : first + 3]} != {want[first : first + 3]}"
    if shown(text):
        seen = visible(tokens)
        forms = {shown(text), shown(unlisted(text))}
        assert sum(seen.count(form) for form in forms) >= len(places)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_answer_changes_no_structure(text: str) -> None:
    assert_inert(text)


@pytest.mark.parametrize("text", LONG, ids=["heading", "escapes", "list"])
def test_100kb_line_changes_no_structure(text: str) -> None:
    assert_inert(text, LONG_PLACES)


@pytest.mark.parametrize("text", HOSTILE[:20], ids=range(20))
def test_hostile_value_in_draft_notice_changes_no_structure(text: str) -> None:
    # A wrong short answer (not Sì/No) and a wrong triennium are quoted in the draft's list of errors.
    assert_inert(text, ("tab.2/dirigenti_ii/coherent", "header/triennium"), draft=True)


def test_there_are_at_least_thirty_hostile_answers() -> None:
    assert len(HOSTILE) + len(LONG) >= 30


def test_the_check_catches_an_unescaped_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The invariant can fail: without escaping, a heading typed as an answer becomes a heading."""
    monkeypatch.setattr("questionnaire.report.markdown.escape_line", lambda text, heading=False: text.strip())
    with pytest.raises(AssertionError, match="structure differs"):
        assert_inert("# Titolo falso", ("1.1/text",))


def test_escaping_is_minimal() -> None:
    prose = 'L\'Ente (art. 5) ha 3 sedi: 50% - 100%, C.C.N.L. e/o "Pareto"! 1.1.2 obiettivo_uno'
    assert escape_line(prose) == prose
    assert paragraphs("- 1 - Uno;\n- 2 - Due.\n\nFine") == ["- 1 - Uno;\n- 2 - Due.", "Fine"]
    assert paragraphs("-- no\n-\tno\n- - sì") == ["\\-- no\\\n\\-\tno", "- \\- sì"]
    assert escape_line("1. primo") == "1\\. primo"
    assert escape_line("a *b* <c> [d] `e` | f") == "a \\*b\\* \\<c> \\[d\\] \\`e\\` \\| f"


def test_raw_html_never_reaches_the_page() -> None:
    page = render_html(session_with("<script>alert(1)</script><b onclick=x>", PLACES))
    assert "<script" not in page and "<b " not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onclick=x&gt;") >= len(PLACES)


MARKDOWN_HEAVY = st.text(
    st.one_of(st.sampled_from(list("#>-+*_=`~[]|<>&\\!:.)(1 \n\t\r\0")), st.characters()), max_size=60
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_anywhere_changes_no_structure(text: str) -> None:
    assert_inert(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN_HEAVY)
def test_any_markdown_like_text_anywhere_changes_no_structure(text: str) -> None:
    assert_inert(text)


def snippet(line: str, title: str) -> str:
    """One line in each inline place of the report: bold, table cell, list item, heading."""
    return f"**{line}**\n\n| a |\n| --- |\n| {line} |\n\n- {line}\n\n# {title}"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), MARKDOWN_HEAVY))
def test_escaped_text_is_plain_paragraphs_lists_and_inert_lines(text: str) -> None:
    """A fast check of the escaping alone: many more cases than a whole report allows."""
    blocks = paragraphs(text)
    tokens = MD.parse("\n\n".join(blocks))
    shape = MD.parse("\n\n".join(paragraphs(harmless(text))))
    assert [(t.type, t.level) for t in tokens] == [(t.type, t.level) for t in shape]
    assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline", *LIST_TOKENS}
    assert all(c.type in INERT_CHILDREN for t in tokens for c in t.children or ())
    if shown(text):
        line = MD.parse(snippet(escape_line(text), escape_line(text, heading=True)))
        assert structure(line) == structure(MD.parse(snippet("x", "x")))
        assert visible(line).count(shown(text)) >= 4
