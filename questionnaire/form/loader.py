"""Build a ``Form`` from its TOML definition (``questionnaire/form/data/*.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from questionnaire.form import relevance
from questionnaire.form.kinds import kind_of
from questionnaire.form.model import (
    FIELD_KINDS,
    ROLES,
    STEP_KINDS,
    Condition,
    Document,
    Field,
    Form,
    Question,
    Row,
    Rule,
    Section,
    Step,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DEFAULT_FORM = "civit-23-2013"


class FormDefinitionError(ValueError):
    """The form definition itself is wrong: a bug in the data, reported with its place."""


def _forms_folder() -> Path | Traversable:
    """The packaged forms: the folder beside this file, or in a zipped install importlib.resources'
    view of it (importlib.resources is imported only then: every start would pay for it)."""
    folder = Path(__file__).with_name("data")
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("questionnaire.form") / "data"


def available_forms() -> list[str]:
    return sorted(p.name[:-5] for p in _forms_folder().iterdir() if p.name.endswith(".toml"))


#: Forms parsed in this process, by resolved file: the file's (mtime_ns, size) when read, and the
#: Form. Parsing the definition is not free and a session reads ``session.form`` again and again;
#: a Form and its records are immutable, never changed after they are built, so one serves every caller.
_PARSED: dict[Path, tuple[tuple[int, int], Form]] = {}
#: Packaged form id → its resolved file (found once, not at every call).
_PACKAGED: dict[str, Path] = {}


def load_form(form_id: str = DEFAULT_FORM) -> Form:
    """The packaged form called ``form_id``: parsed once per process, again only if its file changes."""
    path = _PACKAGED.get(form_id)
    if path is None:
        if form_id not in available_forms():
            raise KeyError(form_id)
        packaged = _forms_folder() / f"{form_id}.toml"
        if not isinstance(packaged, Path):  # a zipped install: nothing to stat, and it does not change
            return _named(_zipped(form_id), form_id)
        path = _PACKAGED[form_id] = packaged.resolve()
    return _named(_parsed(path, f"{form_id}.toml"), form_id)


def _named(form: Form, form_id: str) -> Form:
    """A session names its form by id (``form = "…"``) and the id finds the file: the two must agree."""
    if form.id != form_id:
        raise FormDefinitionError(
            f"{form_id}.toml: radice: l'id del modulo è '{form.id}', non il nome del file '{form_id}': "
            "un modulo si chiama come il suo file"
        )
    return form


@cache
def _zipped(form_id: str) -> Form:
    text = (_forms_folder() / f"{form_id}.toml").read_text("utf-8")
    return parse_form(tomllib.loads(text), source=f"{form_id}.toml", text=text)


def _parsed(path: Path, source: str) -> Form:
    """``path``'s form, from ``_PARSED`` while the file keeps its size and modification time.

    Errors are not kept: a file that failed is read again at the next call.
    """
    cached = _PARSED.get(path)
    try:
        info = path.stat()  # before reading: a change in between is seen at the next call, never hidden
    except OSError:
        if cached is not None:
            return cached[1]  # gone for a moment (a package being upgraded): the form we have
        raise
    stamp = (info.st_mtime_ns, info.st_size)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    data = _cache[0].read(path, stamp) if _cache else None
    if data is None:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
        form = parse_form(data, source=source, text=text)
        if _cache:  # only a definition that parsed: a broken one fails every time
            _cache[0].write(path, stamp, data)
    else:  # the same checks, on the same data; the text only to name the line of an error
        form = parse_form(data, source=source, text=lambda: path.read_text("utf-8"))
    _PARSED[path] = (stamp, form)
    return form


# ---------------------------------------------------------------- the parsed TOML, kept by the shell


class ParsedCache(Protocol):
    """Where the parsed TOML of a form file is kept between processes.

    The domain touches no disk but its own form files: the shell hands it a cache
    (``oivtui/files/formcache.py``, a ``marshal`` copy under XDG_CACHE_HOME) with :func:`use_cache`.
    A cache is only a cache: ``read`` gives None for anything it cannot vouch for, and ``write``
    never fails.
    """

    def read(self, path: Path, stamp: tuple[int, int]) -> dict[str, Any] | None: ...

    def write(self, path: Path, stamp: tuple[int, int], data: dict[str, Any]) -> None: ...


_cache: list[ParsedCache] = []


def use_cache(cache: ParsedCache | None) -> None:
    """Keep parsed form files in ``cache`` from now on (None: parse every new process's forms)."""
    _cache[:] = [cache] if cache is not None else []


def parse_form(data: dict[str, Any], source: str = "<form>", text: str | Callable[[], str] | None = None) -> Form:
    """The form ``data`` defines; ``text`` (the TOML, or how to read it) lets an error name its line."""
    builder = _Builder(data, source, text)
    return builder.build()


#: Where a field's declaration stands in the TOML: ("question", id) or ("template", name).
Place = tuple[str, str]


class _Builder:
    def __init__(self, data: dict[str, Any], source: str, text: str | Callable[[], str] | None = None) -> None:
        self.data = data
        self.source = source
        self.text = text
        #: Each field's declared ``relevant``, by (question id, field key), with where it stands.
        self.declared: dict[tuple[str, str], tuple[object, Place]] = {}
        self.templates: dict[str, list[dict[str, Any]]] = {
            name: t.get("fields", []) for name, t in data.get("templates", {}).items()
        }
        self.option_sets: dict[str, list[str]] = data.get("options", {})

    def fail(self, where: str, what: str, line: int | None = None) -> FormDefinitionError:
        at = f"{self.source}, riga {line}" if line else self.source
        return FormDefinitionError(f"{at}: {where}: {what}")

    def line(self, place: Place, token: str) -> int | None:
        """The line of ``token`` in ``place`` of the form's TOML, when the text is at hand."""
        text = self.text() if callable(self.text) else self.text
        return relevance.line_of(text, place, token) if text else None

    def build(self) -> Form:
        d = self.data
        for key in ("id", "version", "title"):
            if not isinstance(d.get(key), str):
                raise self.fail("radice", f"manca '{key}'")
        questions = self._relevance(self._questions())
        steps = tuple(self._step(s, questions) for s in d.get("step", []))
        known = {q.step for q in questions}
        missing = known - {s.id for s in steps}
        if missing:
            raise self.fail("domande", f"passi inesistenti: {sorted(missing)}")
        sections = tuple(
            Section(
                id=s["id"],
                number=str(s.get("number", "")),
                title=s["title"],
                document=s["document"],
                steps=tuple(st.id for st in steps if st.section == s["id"]),
            )
            for s in d.get("section", [])
        )
        documents = tuple(
            Document(
                id=doc["id"],
                title=doc["title"],
                subtitle=doc.get("subtitle", ""),
                deadline=doc.get("deadline", ""),
                sections=tuple(s.id for s in sections if s.document == doc["id"]),
                short=doc.get("short", ""),
            )
            for doc in d.get("document", [])
        )
        section_ids = {s.id for s in sections} | {""}
        for step in steps:
            if step.section not in section_ids:
                raise self.fail(f"passo {step.id}", f"sezione sconosciuta '{step.section}'")
        rules = tuple(self._rule(r, "regole del modulo") for r in d.get("rule", []))
        return Form(
            id=d["id"],
            version=d["version"],
            title=d["title"],
            documents=documents,
            sections=sections,
            steps=steps,
            rules=rules,
            roles=self._roles(questions),
            letterhead=self._letterhead(),
            plan=self._plan(),
        )

    def _plan(self) -> str:
        raw = self.data.get("plan", "")
        if not isinstance(raw, str):
            raise self.fail("piano", '«plan» deve essere un testo (il nome del piano, es. "PIAO")')
        return raw.strip()

    def _letterhead(self) -> tuple[str, ...]:
        raw = self.data.get("letterhead", [])
        if not isinstance(raw, list) or not all(isinstance(line, str) and line.strip() for line in raw):
            raise self.fail("intestazione", "«letterhead» deve essere un elenco di righe non vuote")
        return tuple(raw)

    def _roles(self, questions: list[Question]) -> tuple[tuple[str, str], ...]:
        """``[roles]``: each a known role, at the address of a field the form has."""
        raw = self.data.get("roles", {})
        if not isinstance(raw, dict):
            raise self.fail("ruoli", "«roles» deve essere una tabella")
        fields = {f"{q.id}/{f.key}" for q in questions if not q.rows for f in q.fields}
        for name, address in raw.items():
            if name not in ROLES:
                raise self.fail("ruoli", f"ruolo sconosciuto '{name}' (ruoli noti: {', '.join(ROLES)})")
            if address not in fields:
                raise self.fail("ruoli", f"il ruolo '{name}' indica un campo inesistente {address!r}")
        return tuple(raw.items())

    def _step(self, raw: dict[str, Any], questions: list[Question]) -> Step:
        kind = raw.get("kind")
        if kind not in STEP_KINDS:
            raise self.fail(f"passo {raw.get('id')}", f"tipo sconosciuto '{kind}'")
        return Step(
            id=raw["id"],
            kind=kind,
            number=str(raw.get("number", "")),
            title=raw["title"],
            section=raw.get("section", ""),
            questions=tuple(q for q in questions if q.step == raw["id"]),
            help=raw.get("help", ""),
        )

    def _questions(self) -> list[Question]:
        seen: set[str] = set()
        out = []
        for raw in self.data.get("question", []):
            qid = raw.get("id")
            if not isinstance(qid, str) or not qid or "/" in qid:
                raise self.fail("domanda", f"id non valido {qid!r}")
            if qid in seen:
                raise self.fail(f"domanda {qid}", "id ripetuto")
            seen.add(qid)
            out.append(self._question(raw))
        return out

    def _question(self, raw: dict[str, Any]) -> Question:
        qid = raw["id"]
        template = raw.get("template", "")
        specs = list(self.templates.get(template, [])) + raw.get("fields", [])
        if raw.get("template") and raw["template"] not in self.templates:
            raise self.fail(f"domanda {qid}", f"modello sconosciuto '{raw['template']}'")
        fields = tuple(self._field(spec, qid, raw) for spec in specs)
        inherited = len(self.templates.get(template, []))
        for number, spec in enumerate(specs):
            if "relevant" in spec:
                place = ("template", template) if number < inherited else ("question", qid)
                self.declared[(qid, spec["key"])] = (spec["relevant"], place)
        if not fields:
            raise self.fail(f"domanda {qid}", "nessun campo")
        counts = {f.key for f in fields if kind_of(f).numeric}
        for f in fields:
            if f.agency_share_of and (not kind_of(f).numeric or f.agency_share_of not in counts - {f.key}):
                raise self.fail(
                    f"domanda {qid}",
                    f"il campo '{f.key}' è la quota di '{f.agency_share_of}', "
                    "che non è un altro numero intero della domanda",
                )
        rows = tuple(Row(key=r["key"], label=r["label"]) for r in raw.get("rows", []))
        return Question(
            id=qid,
            number=str(raw.get("number", "")),
            text=raw.get("text", ""),
            step=raw["step"],
            fields=fields,
            rows=rows,
            rules=tuple(self._rule(r, f"domanda {qid}") for r in raw.get("rules", [])),
            required=raw.get("required", True),
            help=raw.get("help", ""),
        )

    def _relevance(self, questions: list[Question]) -> list[Question]:
        """Each field's declared ``relevant`` read against the whole form (``questionnaire.form.relevance``)."""
        raw_named = self.data.get("conditions", {})
        if not isinstance(raw_named, dict):
            raise self.fail("condizioni", "«conditions» deve essere una tabella")
        targets = {
            q.id: relevance.Target(
                rows=tuple(r.key for r in q.rows),
                fields={f.key: f for f in q.fields},
                conditioned=frozenset(key for (qid, key) in self.declared if qid == q.id),
            )
            for q in questions
        }
        out = []
        for question in questions:
            fields = []
            for fld in question.fields:
                declared = self.declared.get((question.id, fld.key))
                if declared is not None:
                    fld = fld._replace(relevant=self._conditions(question.id, fld.key, declared, raw_named, targets))
                fields.append(fld)
            out.append(question._replace(fields=tuple(fields)))
        return out

    def _conditions(
        self,
        qid: str,
        key: str,
        declared: tuple[object, Place],
        named: dict[str, object],
        targets: dict[str, relevance.Target],
    ) -> tuple[Condition, ...]:
        raw, place = declared
        try:
            return relevance.read(raw, named, qid, targets)
        except relevance.ConditionError as error:
            where = f"domanda {qid}, campo '{key}'"
            if error.declared_in:
                where += f" (condizione «{error.declared_in}»)"
                place = ("conditions", error.declared_in)
            raise self.fail(where, str(error), self.line(place, error.token)) from None

    def _field(self, spec: dict[str, Any], qid: str, question: dict[str, Any]) -> Field:
        kind = spec.get("kind")
        if not isinstance(kind, str) or kind not in FIELD_KINDS:
            raise self.fail(f"domanda {qid}", f"tipo di campo sconosciuto '{kind}'")
        options = spec.get("options", ())
        picked = FIELD_KINDS[kind].shape == "options"
        if picked and "options" in question and spec.get("key") == "choice":
            options = question["options"]
        if isinstance(options, str):
            if options not in self.option_sets:
                raise self.fail(f"domanda {qid}", f"insieme di opzioni sconosciuto '{options}'")
            options = self.option_sets[options]
        if picked and not options:
            raise self.fail(f"domanda {qid}", f"il campo '{spec.get('key')}' non ha opzioni")
        return Field(
            key=spec["key"],
            kind=kind,
            label=question.get("labels", {}).get(spec["key"], spec.get("label", spec["key"])),
            options=tuple(options),
            other=spec.get("other", False),
            required=spec.get("required", False),
            help=spec.get("help", ""),
            short=spec.get("short", ""),
            annotation=spec.get("annotation", False),
            agency_share_of=spec.get("agency_share_of", ""),
        )

    def _rule(self, raw: dict[str, Any], where: str) -> Rule:
        fields = raw.get("field", ())
        fields = (fields,) if isinstance(fields, str) else tuple(fields)
        params = tuple(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in raw.items()
            if k not in ("rule", "field", "level", "message")
        )
        from questionnaire.form.rules import RULES

        if raw.get("rule") not in RULES:
            raise self.fail(where, f"regola sconosciuta '{raw.get('rule')}' (regole note: {', '.join(sorted(RULES))})")
        level = raw.get("level", "error")
        if level not in ("error", "warning"):
            raise self.fail(where, f"livello sconosciuto '{level}'")
        return Rule(rule=raw["rule"], fields=fields, params=params, level=level, message=raw.get("message", ""))
