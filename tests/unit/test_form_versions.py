"""A second form file needs no code: the pre-PIAO wording («Piano della performance») of the same two
documents is ``questionnaire/form/data/civit-23-2013-piano-performance.toml``, chosen by a session file's
``form = "…"``; it loads, a session answers it (TUI-free, as ``oivtui ask`` and ``validate`` do), and
its report and HTML page use its words.

The variant is civit-23-2013.toml with the words of ``WORDING`` changed, nothing else: when the main
form changes, ``python -m tests.unit.test_form_versions`` writes the variant again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.carryover import carry_over
from oivtui.files.example import example_text
from oivtui.reports.render import render_html, render_markdown
from questionnaire.form.loader import FormDefinitionError, available_forms, load_form
from questionnaire.form.rules import validate
from tests.unit.test_cli import oivtui

FORMS = Path(__file__).parents[2] / "questionnaire" / "form" / "data"
MAIN, VARIANT = "civit-23-2013", "civit-23-2013-piano-performance"

#: The variant's opening lines, in place of the main form's up to its title.
HEAD = f"""# The two CiVIT 23/2013 monitoring documents in the wording filed before the PIAO (2022): the
# «Piano della performance» where civit-23-2013.toml says «PIAO». A session answers this form when
# its file says  form = "{VARIANT}"  (docs/session-format.md, "Forms").
# Made from civit-23-2013.toml by tests/unit/test_form_versions.py, which lists the words that differ:
# write it again with  python -m tests.unit.test_form_versions  (never edit it by hand).

id = "{VARIANT}"
version = "2021.1"
title = "Monitoraggio sull'avvio del ciclo della performance (delibera CiVIT 23/2013, Piano della performance)"
"""

#: Each (main form's words, variant's words); each must occur exactly once in the main form.
WORDING = [
    (
        "title = \"Monitoraggio sull'assegnazione degli obiettivi organizzativi e individuali - sezione Performance "
        'del PIAO"',
        'title = "Monitoraggio sull\'assegnazione degli obiettivi organizzativi e individuali"',
    ),
    (
        'deadline = "entro 30 gg dall\'adozione del Piano Integrato di Attività e Organizzazione - PIAO"',
        'deadline = "entro 30 gg dall\'adozione del Piano della performance"',
    ),
    (
        'title = "Monitoraggio sull\'avvio del Ciclo della sezione Performance del PIAO"',
        'title = "Monitoraggio sull\'avvio del ciclo della performance"',
    ),
    (
        'deadline = "entro 30 gg adozione Piano Integrato di Attività e Organizzazione - PIAO"',
        'deadline = "entro 30 gg adozione Piano della performance"',
    ),
    ('short = "Avvio del Ciclo della sezione Performance del PIAO"', 'short = "Avvio del ciclo della performance"'),
    ("triennio, data di adozione del PIAO e firma", "triennio, data di adozione del Piano della performance e firma"),
    ('plan = "PIAO"', 'plan = "Piano della performance"'),
    ('label = "Triennio del PIAO"', 'label = "Triennio del Piano della performance"'),
    ('label = "Data di adozione del PIAO"', 'label = "Data di adozione del Piano della performance"'),
    ("La firma precede l'adozione del PIAO", "La firma precede l'adozione del Piano della performance"),
    (
        'days = 30, level = "warning" }',
        'days = 30, level = "warning", message = "Il monitoraggio va firmato entro 30 giorni dall\'adozione del '
        'Piano della performance: controlla le due date." }',
    ),
    ("presenti nel Piano (PIAO) e a quelli", "presenti nel Piano e a quelli"),
]


def derived(main: str) -> str:
    """The variant's text, made from the main form's."""
    body = main[main.index("\ntitle = ") + 1 :].split("\n", 1)[1]
    for old, new in WORDING:
        assert main.count(old) == 1, f"the main form must hold once: {old}"
        body = body.replace(old, new)
    return HEAD + body


def write_variant() -> Path:
    path = FORMS / f"{VARIANT}.toml"
    path.write_text(derived((FORMS / f"{MAIN}.toml").read_text("utf-8")), "utf-8")
    return path


# ---------------------------------------------------------------- the file


def test_the_variant_is_the_main_form_with_its_own_words() -> None:
    main = (FORMS / f"{MAIN}.toml").read_text("utf-8")
    assert (FORMS / f"{VARIANT}.toml").read_text("utf-8") == derived(main), (
        "the variant is out of date: python -m tests.unit.test_form_versions"
    )


def test_the_variant_keeps_every_id_field_and_rule_and_says_piano_della_performance() -> None:
    main, variant = load_form(MAIN), load_form(VARIANT)
    assert VARIANT in available_forms()
    assert (variant.id, variant.version) == (VARIANT, "2021.1")
    assert [q.id for q in variant.questions] == [q.id for q in main.questions]
    for old, new in zip(main.questions, variant.questions, strict=True):
        assert [(f.key, f.kind, f.options, f.required) for f in new.fields] == [
            (f.key, f.kind, f.options, f.required) for f in old.fields
        ]
        assert [(r.rule, r.fields, r.params, r.level) for r in new.rules] == [
            (r.rule, r.fields, r.params, r.level) for r in old.rules
        ]
    assert variant.roles == main.roles and variant.letterhead == main.letterhead
    words = " ".join([d.title for d in variant.documents] + [d.deadline for d in variant.documents])
    words += " " + " ".join(q.text for q in variant.questions) + " " + variant.question("header").fields[2].label
    assert "PIAO" not in words and "Piano della performance" in words


def test_a_form_whose_id_is_not_its_file_name_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from questionnaire.form import loader

    path = tmp_path / "altro.toml"
    path.write_text((FORMS / f"{MAIN}.toml").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(loader, "_PACKAGED", {"altro": path})
    monkeypatch.setattr(loader, "available_forms", lambda: ["altro"])
    with pytest.raises(FormDefinitionError, match="l'id del modulo è 'civit-23-2013', non il nome del file 'altro'"):
        loader.load_form("altro")


# ---------------------------------------------------------------- a session that answers it


@pytest.fixture
def variant_session(tmp_path: Path) -> Path:
    """The example's answers in a file that names the variant."""
    text = example_text().replace(f'form = "{MAIN}"\nform_version = "2024.1"', f'form = "{VARIANT}"', 1)
    assert f'form = "{VARIANT}"' in text
    path = tmp_path / "relazione-2021.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_session_picks_the_variant_by_its_form_key_and_keeps_it(variant_session: Path) -> None:
    session = storage.load(variant_session)
    assert session.form.id == VARIANT
    assert [p for p in validate(session.form, session.answers, final=True) if p.is_error] == []
    session.answers.set("header/place", "Pavia")
    storage.save(session)
    again = storage.load(variant_session)
    assert (again.form.id, again.answers.get("header/place")) == (VARIANT, "Pavia")
    assert f'form = "{VARIANT}"\nform_version = "2021.1"\n' in variant_session.read_text("utf-8")


def test_the_variant_session_validates_and_exports_in_its_own_words(variant_session: Path) -> None:
    done = oivtui("validate", variant_session)
    assert done.returncode == 0, done.stdout + done.stderr
    report = render_markdown(storage.load(variant_session))
    assert (
        "# Monitoraggio sull'assegnazione degli obiettivi organizzativi e individuali triennio 2024 – 2026\n" in report
    )
    assert "# Monitoraggio sull'avvio del ciclo della performance triennio 2024 – 2026\n" in report
    assert "*entro 30 gg dall'adozione del Piano della performance*" in report
    assert "presenti nel Piano e a quelli relativi alle competenze" in report
    assert "PIAO" not in report.split("#### 1.1 - ")[0]  # the titles; answers may name the PIAO
    assert f"· modulo {VARIANT} 2021.1 ·" in report
    page = variant_session.with_suffix(".html")
    done = oivtui("export", variant_session, "-o", page)
    assert done.returncode == 0, done.stderr
    assert '@top-right { content: "Avvio del ciclo della performance";' in page.read_text("utf-8")
    assert page.read_text("utf-8") == render_html(storage.load(variant_session))
    assert oivtui("verify", page, variant_session).returncode == 0


def test_the_whole_example_typed_in_ask_into_a_variant_file(tmp_path: Path) -> None:
    """A new session for the variant: a file that says which form (no code), then ``oivtui ask``."""
    from oivtui.ask.walk import items
    from oivtui.files.example import example_session
    from tests.unit.test_ask import ask, out, typed_if_asked

    example = example_session()
    path = tmp_path / "relazione-2021.toml"
    path.write_text(f'format = 1\nform = "{VARIANT}"\n', "utf-8")
    script = [line for item in items(load_form(VARIANT)) for line in typed_if_asked(example, item)]
    done = ask(path, *script)
    assert done.returncode == 0, done.stderr
    assert "Data di adozione del Piano della performance" in out(done)
    assert "Nessun errore e nessuna risposta mancante." in out(done)
    saved = storage.load(path)
    assert saved.form.id == VARIANT and saved.answers.data == example.answers.data
    assert "# Monitoraggio sull'avvio del ciclo della performance triennio" in render_markdown(saved)


def test_a_late_signature_is_worded_for_the_piano_della_performance(variant_session: Path) -> None:
    session = storage.load(variant_session)
    piao_date = session.answers.get("header/piao_date")
    assert isinstance(piao_date, dt.date)
    session.answers.set("header/signature_date", piao_date + dt.timedelta(days=60))
    messages = [p.message for p in validate(session.form, session.answers, final=True)]
    assert (
        "Il monitoraggio va firmato entro 30 giorni dall'adozione del Piano della performance: controlla le "
        "due date." in messages
    )


def test_next_years_session_names_the_dates_it_clears_in_the_variants_words(variant_session: Path) -> None:
    notes = carry_over(variant_session).notes
    assert "Data di adozione del Piano della performance e data della firma non ricopiate" in " ".join(notes)
    assert not any("PIAO" in note for note in notes)


if __name__ == "__main__":
    print(f"scritto {write_variant()}")
