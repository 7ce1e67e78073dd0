"""The HTML page's print rules, read with a CSS parser (no browser): numbered A4 pages, a running
header with the administration and each document's name, the signature block kept whole.

tests/unit/test_print_pdf.py prints the page with Chromium where it is installed.
"""

from __future__ import annotations

import re

import tinycss2
from tinycss2.ast import AtRule, Declaration, QualifiedRule

from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_html

STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def stylesheet(page: str) -> list:
    found = STYLE.findall(page)
    assert len(found) == 1
    return tinycss2.parse_stylesheet(found[0], skip_comments=True, skip_whitespace=True)


def declarations(content: list) -> dict[str, str]:
    items = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
    return {d.lower_name: tinycss2.serialize(d.value).strip() for d in items if isinstance(d, Declaration)}


def margin_boxes(rule: AtRule) -> dict[str, dict[str, str]]:
    """``@page``'s margin boxes (``@top-left`` …) and their declarations."""
    items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    return {box.lower_at_keyword: declarations(box.content) for box in items if isinstance(box, AtRule)}


def page_rules(rules: list) -> dict[str, AtRule]:
    """``@page`` rules by their page name ("" for every page)."""
    out: dict[str, AtRule] = {}
    for rule in rules:
        if isinstance(rule, AtRule) and rule.lower_at_keyword == "page":
            name = tinycss2.serialize(rule.prelude).strip()
            assert name not in out, f"@page {name} twice"
            out[name] = rule
    return out


def style_rules(rules: list) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            for selector in tinycss2.serialize(rule.prelude).split(","):
                out.setdefault(" ".join(selector.split()), {}).update(declarations(rule.content))
    return out


def content_strings(value: str) -> list[str]:
    """The strings of a ``content`` value, escapes undone by the parser."""
    return [t.value for t in tinycss2.parse_component_value_list(value) if t.type == "string"]


def test_every_page_is_a4_and_numbered_pagina_n_di_m() -> None:
    pages = page_rules(stylesheet(render_html(example_session())))
    assert declarations(pages[""].content)["size"] == "A4"
    bottom = margin_boxes(pages[""])["bottom-right"]["content"]
    assert bottom == '"Pagina " counter(page) " di " counter(pages)'


def test_the_running_header_names_the_administration_and_each_document() -> None:
    page = render_html(example_session())
    rules = stylesheet(page)
    pages = page_rules(rules)
    assert content_strings(margin_boxes(pages[""])["top-left"]["content"]) == ["Camera di Commercio di Brescia"]
    styles = style_rules(rules)
    form = example_session().form
    for n, document in enumerate(form.documents, start=1):
        assert styles[f".documento-{n}"]["page"] == f"documento-{n}"
        right = margin_boxes(pages[f"documento-{n}"])["top-right"]["content"]
        assert content_strings(right) == [document.running_title]
        assert f'<section class="documento documento-{n}">' in page
    assert [d.running_title for d in form.documents] == [
        "Assegnazione degli obiettivi organizzativi e individuali",
        "Avvio del Ciclo della sezione Performance del PIAO",
    ]
    assert "@top-center" not in page  # the BOZZA mark is a draft's only


def test_a_draft_says_bozza_on_every_page() -> None:
    pages = page_rules(stylesheet(render_html(Session())))
    boxes = [margin_boxes(rule) for name, rule in pages.items() if name == ""]
    assert any(content_strings(b.get("top-center", {}).get("content", "")) == ["BOZZA"] for b in boxes)


def test_the_signature_block_is_kept_whole_and_with_what_is_above_it() -> None:
    page = render_html(example_session())
    styles = style_rules(stylesheet(page))
    assert styles[".firma"]["break-inside"] == "avoid"
    assert styles[".firma"]["break-before"] == "avoid"
    # Chromium honours the signature's two rules only together with a box around it and what is above.
    assert styles[".chiusura"]["break-inside"] == "avoid"
    assert page.count('<div class="chiusura">\n<table>') == 1 and page.count('<div class="chiusura">\n<ul>') == 1
    assert styles[".documento + .documento"]["break-before"] == "page"
    for heading in ("h1", "h2", "h3", "h4", "h5"):
        assert styles[heading]["break-after"] == "avoid"
    signature = (
        '<div class="firma">\n<p>Brescia, 26 febbraio 2024</p>\n<p>Organismo con funzioni analoghe all\'OIV<br />\n'
    )
    assert page.count(signature + "F.to Prof. Cristian Carini</p>\n") == 2
    assert page.count("F.to Prof. Cristian Carini</p>\n</div>\n</div>\n</section>") == 1  # the first document's
    last = page.split('<footer class="impronta">')
    assert len(last) == 2 and last[0].endswith("F.to Prof. Cristian Carini</p>\n")  # inside the last signature


def test_an_administration_typed_to_break_the_style_stays_a_string() -> None:
    session = example_session()
    hostile = '</style><script>alert(1)</script> "\\ } @page { x" \u2028 ; content: x'
    session.answers.set("header/administration", hostile)
    page = render_html(session)
    style = STYLE.findall(page)[0]
    assert "</" not in style and "<script" not in page
    pages = page_rules(stylesheet(page))
    assert list(pages) == ["", "documento-1", "documento-2"]
    top_left = margin_boxes(pages[""])["top-left"]
    assert content_strings(top_left["content"]) == [" ".join(hostile.split())]


def test_table_cells_keep_each_option_with_its_mark_and_the_table_inside_the_page() -> None:
    """As Chromium printed it: «☐ 1% -» then «49%» on the next line, the first column squeezed to
    three lines a row by ``overflow-wrap: anywhere``, the right border cut at the page's edge."""
    page = render_html(example_session())
    rules = style_rules(stylesheet(page))
    assert rules[".opzione"]["white-space"] == "nowrap"
    assert rules["td"]["overflow-wrap"] == rules["th"]["overflow-wrap"] == "break-word"  # anywhere shrinks columns
    assert "calc(100% - 2px)" in rules["table"]["width"] and rules["td:first-child"]["min-width"] == "10em"
    assert (
        '<td><span class="opzione">☒ 50% - 100%</span> <span class="opzione">☐ 1% - 49%</span> '
        '<span class="opzione">☐ 0%</span></td>'
    ) in page
    assert '">☒</td>' in page  # a mark alone in its column: nothing to keep it with


def test_an_other_answer_in_a_cell_is_never_kept_on_one_line() -> None:
    """«(altro: …)» is the user's text, which may be long: it wraps as any text."""
    session = example_session()
    session.answers.set("tab.1/dirigenti_i/interview_share", "una quota " * 30)
    page = render_html(session)
    assert "(altro: una quota" in page
    assert not re.search(r'class="opzione">[^<]*altro', page)
