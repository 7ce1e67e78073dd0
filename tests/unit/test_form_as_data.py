"""Next year's form is a data change: a new question, a new block, a new rule need no code."""

from __future__ import annotations

import copy
import os
import pickle
import tomllib
from importlib import resources
from typing import Any

import pytest

from oivtui.files import formcache
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown
from questionnaire.form import loader
from questionnaire.form.loader import FormDefinitionError, parse_form
from questionnaire.form.model import Form
from questionnaire.form.rules import validate


def form_data() -> dict:
    text = (resources.files("questionnaire.form") / "data" / "civit-23-2013.toml").read_text("utf-8")
    return tomllib.loads(text)


def next_years_form() -> dict:
    data = form_data()
    data["version"] = "2025.1"
    data["step"].insert(
        data["step"].index(next(s for s in data["step"] if s["id"] == "b16")) + 1,
        {"id": "b17", "kind": "block", "number": "17", "title": "Digitalizzazione", "section": "s6"},
    )
    data["question"].append(
        {
            "id": "17.1",
            "number": "17.1",
            "step": "b17",
            "template": "closed",
            "options": "si_no",
            "text": "Il Piano prevede obiettivi di digitalizzazione dei servizi?",
        }
    )
    data["question"].append(
        {
            "id": "17.2",
            "number": "17.2",
            "step": "b17",
            "text": "Quanti servizi sono stati digitalizzati?",
            "fields": [
                {"key": "planned", "kind": "integer", "label": "Servizi previsti", "required": True},
                {"key": "done", "kind": "integer", "label": "Servizi digitalizzati", "required": True},
            ],
            "rules": [{"rule": "at_most", "field": "done", "limit": "planned"}],
        }
    )
    return data


@pytest.fixture
def next_year(monkeypatch: pytest.MonkeyPatch):
    form = parse_form(next_years_form(), source="2025.toml")
    monkeypatch.setattr("oivtui.files.session.load_form", lambda form_id=None: form)
    return form


def test_a_new_block_and_its_rule_work_without_code(next_year) -> None:
    assert [s.id for s in next_year.steps][-3:] == ["b16", "b17", "annex"]
    session = Session()
    session.answers.set("17.2/planned", 3)
    session.answers.set("17.2/done", 5)
    problems = validate(next_year, session.answers)
    assert [p.address for p in problems] == ["17.2/done"]
    assert "Servizi digitalizzati" in problems[0].message
    final = validate(next_year, session.answers, final=True)
    assert any(p.question == "17.1" and p.code == "missing" for p in final)


def test_the_report_shows_the_new_block_in_its_section(next_year) -> None:
    session = Session()
    session.answers.set("17.1/choice", "Sì")
    report = render_markdown(session)
    assert "17 – Digitalizzazione" in report
    assert "Il Piano prevede obiettivi di digitalizzazione dei servizi?" in report
    assert report.index("16 – Informazioni ulteriori") < report.index("17 – Digitalizzazione")


def test_a_form_definition_error_names_the_place() -> None:
    data = form_data()
    data["question"][5]["template"] = "chiuso"
    with pytest.raises(FormDefinitionError, match="modello sconosciuto 'chiuso'"):
        parse_form(data, source="prova.toml")


def test_the_packaged_form_is_the_one_in_the_data_file() -> None:
    form = loader.load_form()
    assert len([s for s in form.steps if s.kind == "block"]) == 16
    assert form.question("2.3").field("systems").kind == "lines"


def test_the_plan_is_named_by_the_form_and_must_be_a_text() -> None:
    assert parse_form(form_data(), source="prova.toml").plan == "PIAO"
    data = form_data()
    data["plan"] = 2024
    with pytest.raises(FormDefinitionError, match="«plan» deve essere un testo"):
        parse_form(data, source="prova.toml")


def test_an_unknown_rule_is_refused_when_the_form_loads() -> None:
    data = form_data()
    tab = next(q for q in data["question"] if q["id"] == "tab.1")
    tab["rules"].append({"rule": "al_massimo", "field": "assigned", "limit": "in_service"})
    with pytest.raises(FormDefinitionError, match="regola sconosciuta 'al_massimo'"):
        parse_form(data, source="prova.toml")


# ---------------------------------------------------------------- the parsed form, once per process

FORM_TITLE = 'title = "Monitoraggio sull\'avvio del ciclo della performance (delibera CiVIT 23/2013)"'


@pytest.fixture
def form_file(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """The packaged form's file is a copy we may change; nothing parsed yet."""
    path = tmp_path / "civit-23-2013.toml"
    path.write_text((resources.files("questionnaire.form") / "data" / path.name).read_text("utf-8"), "utf-8")
    monkeypatch.setattr(loader, "_PARSED", {})
    monkeypatch.setattr(loader, "_PACKAGED", {loader.DEFAULT_FORM: path.resolve()})
    monkeypatch.setattr(loader, "_cache", [formcache.FormCache()])  # as every command installs it
    return path


def rewritten(path, text: str, tick: int) -> None:
    """Write ``text`` and move the modification time on: a change, however fast the test runs."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text, "utf-8")
    os.utime(path, ns=(stamp + tick * 1_000_000_000, stamp + tick * 1_000_000_000))


def test_the_form_file_is_parsed_once_however_often_sessions_ask(form_file, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []

    def counted(data: Any, source: Any, text: Any = None) -> Any:
        parsed.append(source)
        return parse_form(data, source, text)

    monkeypatch.setattr(loader, "parse_form", counted)
    form = loader.load_form()
    assert Session().form is form and loader.load_form() is form
    assert parsed == ["civit-23-2013.toml"]


def test_a_changed_form_file_is_read_again(form_file) -> None:
    first = loader.load_form()
    text = form_file.read_text("utf-8")
    assert FORM_TITLE in text
    rewritten(form_file, text.replace(FORM_TITLE, 'title = "Monitoraggio 2025"'), tick=1)
    second = loader.load_form()
    assert second is not first and second.title == "Monitoraggio 2025"
    assert loader.load_form() is second


def test_a_form_file_that_fails_is_not_remembered(form_file) -> None:
    good = loader.load_form()
    text = form_file.read_text("utf-8")
    rewritten(form_file, text.replace(FORM_TITLE, "title = "), tick=1)
    for _attempt in range(2):  # the error again, not the form of before
        with pytest.raises(tomllib.TOMLDecodeError):
            loader.load_form()
    rewritten(form_file, text, tick=2)
    again = loader.load_form()
    assert again is not good and again.title == good.title


def test_a_form_file_gone_for_a_moment_keeps_the_form_already_read(form_file) -> None:
    form = loader.load_form()
    form_file.unlink()  # a package being upgraded under a running app
    assert loader.load_form() is form


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forget the forms parsed in this process, as a new ``oivtui`` would; list the TOML parses from then on."""
    monkeypatch.setattr(loader, "_PARSED", {})
    parses: list[str] = []
    real = tomllib.loads

    def counted(text: str) -> dict[str, Any]:
        parses.append("toml")
        return real(text)

    monkeypatch.setattr(tomllib, "loads", counted)  # the module the loader parses with
    return parses


def test_the_next_process_reads_the_form_from_its_parsed_copy_on_disk(form_file, monkeypatch) -> None:
    first = loader.load_form()
    assert formcache.cache_path(form_file).is_file()
    parses = fresh_process(monkeypatch)
    again = loader.load_form()
    assert parses == []
    assert again is not first and again == first


def test_a_changed_form_file_is_parsed_again_in_the_next_process(form_file, monkeypatch) -> None:
    loader.load_form()
    rewritten(form_file, form_file.read_text("utf-8").replace(FORM_TITLE, 'title = "Monitoraggio 2025"'), tick=1)
    parses = fresh_process(monkeypatch)
    assert loader.load_form().title == "Monitoraggio 2025"
    assert parses == ["toml"]
    parses.clear()
    monkeypatch.setattr(loader, "_PARSED", {})
    assert loader.load_form().title == "Monitoraggio 2025" and parses == []  # and kept for the process after


def test_two_installations_keep_each_its_own_parsed_copy(form_file, monkeypatch, tmp_path) -> None:
    """A second copy of oivtui (another version, a checkout beside a pipx install) has its form file
    elsewhere, under the same name: each reads its own copy, neither re-parses at every start."""
    other = tmp_path / "altra" / form_file.name
    other.parent.mkdir()
    other.write_text(form_file.read_text("utf-8"), "utf-8")
    installs = {"first": form_file.resolve(), "second": other.resolve()}
    for path in installs.values():  # each installation starts once: each leaves its copy
        monkeypatch.setattr(loader, "_PACKAGED", {loader.DEFAULT_FORM: path})
        loader.load_form()
    assert formcache.cache_path(form_file.resolve()) != formcache.cache_path(other.resolve())
    for path in installs.values():  # and the next start of either finds it
        monkeypatch.setattr(loader, "_PACKAGED", {loader.DEFAULT_FORM: path})
        parses = fresh_process(monkeypatch)
        loader.load_form()
        assert parses == []


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01 not marshal", None])
def test_a_damaged_parsed_copy_is_ignored_and_replaced(form_file, monkeypatch, garbage) -> None:
    good = loader.load_form()
    copy = formcache.cache_path(form_file)
    if garbage is None:  # a valid marshal file, of something else (another version of oivtui, say)
        import marshal

        copy.write_bytes(marshal.dumps({"id": "altro"}))
    else:
        copy.write_bytes(garbage)
    parses = fresh_process(monkeypatch)
    assert loader.load_form() == good
    assert parses == ["toml"]
    parses.clear()
    monkeypatch.setattr(loader, "_PARSED", {})
    assert loader.load_form() == good and parses == []


def test_a_cache_folder_that_cannot_be_written_only_costs_the_parse(form_file, monkeypatch, tmp_path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    form = loader.load_form()
    parses = fresh_process(monkeypatch)
    assert loader.load_form() == form
    assert parses == ["toml"]
    assert not list(tmp_path.glob("**/*.marshal")) and not list(tmp_path.glob("**/.*.marshal.*"))


def test_a_broken_form_file_leaves_no_parsed_copy(form_file, monkeypatch) -> None:
    text = form_file.read_text("utf-8")
    assert 'version = "2024.1"' in text
    rewritten(form_file, text.replace('version = "2024.1"', "version = 2024", 1), tick=1)  # valid TOML, bad form
    with pytest.raises(FormDefinitionError, match="manca 'version'"):
        loader.load_form()
    assert not formcache.cache_path(form_file).exists()


def test_an_unknown_form_is_a_key_error_every_time() -> None:
    for _attempt in range(2):
        with pytest.raises(KeyError):
            loader.load_form("../../etc/passwd")


def test_the_shared_form_cannot_be_changed() -> None:
    """One Form serves every session of the process: an immutable Form, tuples and plain values all the way down."""

    def walk(value: object, where: str) -> None:
        if isinstance(value, Form):
            with pytest.raises(AttributeError):
                value.title = "altro"  # type: ignore[misc]
            with pytest.raises(AttributeError):
                del value.steps  # type: ignore[misc]
            for name in Form.__slots__:
                if name != "_index":  # Form's lookup table, filled when it is built and only read after
                    walk(getattr(value, name), f"{where}.{name}")
        elif isinstance(value, tuple):
            for n, item in enumerate(value):
                walk(item, f"{where}[{n}]")
        else:
            assert isinstance(value, str | int | float | bool | type(None)), f"{where}: {type(value).__name__}"

    walk(loader.load_form(), "form")


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle"])
def test_a_form_can_be_copied_and_pickled_as_the_dataclass_could(how: str) -> None:
    """Form refuses attribute writes: copying it must not trip on that (a frozen dataclass copied fine)."""
    form = loader.load_form("civit-23-2013")
    copies = {
        "copy": copy.copy,
        "deepcopy": copy.deepcopy,
        "pickle": lambda value: pickle.loads(pickle.dumps(value)),
    }
    again = copies[how](form)
    assert again == form and hash(again) == hash(form)
    assert again.question("1.1") == form.question("1.1")
    with pytest.raises(AttributeError):
        again.title = "altro"  # type: ignore[misc]


def test_a_rule_of_an_unknown_level_is_refused_when_the_form_loads() -> None:
    data = form_data()
    tab = next(q for q in data["question"] if q["id"] == "tab.1")
    tab["rules"].append({"rule": "at_most", "field": "assigned", "limit": "in_service", "level": "avviso"})
    with pytest.raises(FormDefinitionError, match="livello sconosciuto 'avviso'"):
        parse_form(data, source="prova.toml")


def test_a_question_id_used_twice_is_refused_when_the_form_loads() -> None:
    data = form_data()
    data["question"].append(dict(next(q for q in data["question"] if q["id"] == "1.1")))
    with pytest.raises(FormDefinitionError, match="domanda 1.1.*id ripetuto"):
        parse_form(data, source="prova.toml")


def test_the_domain_keeps_no_copy_on_disk_unless_the_shell_hands_it_a_cache(form_file, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(loader, "_cache", [])
    cache_home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    loader.load_form()
    assert not cache_home.exists()


def test_every_command_hands_the_domain_the_disk_cache(tmp_path, monkeypatch) -> None:
    """``oivtui validate`` in a new process leaves the parsed copy that the next start reads."""
    import subprocess
    import sys

    cache_home = tmp_path / "cache-home"
    session = tmp_path / "es.toml"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    run = [sys.executable, "-m", "oivtui"]
    assert subprocess.run([*run, "example", str(session)], env=env, capture_output=True).returncode == 0
    assert not cache_home.exists()  # example reads no form
    assert subprocess.run([*run, "validate", str(session)], env=env, capture_output=True).returncode == 0
    assert list((cache_home / "oivtui" / "moduli").glob("civit-23-2013.*.marshal"))
