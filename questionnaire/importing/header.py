"""The header of a filing: administration, triennium, place and date of signature, role,
signatories, Azienda Speciale, PIAO date — each taken only when the document says it one way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from questionnaire.form.kinds import kind_of, parse
from questionnaire.form.model import Field, split_address
from questionnaire.importing.lines import Line
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.recognise import DATE, is_title, norm, option_of, signature_of

_TRIENNIUM = re.compile(r"triennio\s+(?P<a>\d{4})\s*[-–—/]\s*(?P<b>\d{4})", re.I)
_SIGNED = re.compile(r"^(?:F\.?\s*to|F\.\s*ot|Firmato|Firma)\s*[.:]?\s+(?P<name>.+)$", re.I)
_AGENCY = re.compile(r"Azienda\s+[Ss]peciale\s+(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z0-9][\w'’.&-]*)*)")
#: oivtui's reports write the name whole at the end of the count: «3 dell'Azienda Speciale NAME».
_OUR_AGENCY = re.compile(r"\d dell'Azienda Speciale (?P<name>.+)$")
_ADMINISTRATION = re.compile(r"^Amministrazione\s*:\s*(?P<name>.+)$", re.I)
#: «PIAO … adottato il 31/01/2024»: the plan as the form names it (``Form.plan``, «PIAO» without one).
_PLAN_DATE = r"{plan}[^\n]{{0,60}}?(?:adottat|approvat)[oa][^\n]{{0,30}}?(?P<date>{date})"
_LETTERHEAD = {"oiv", "organismo indipendente di valutazione", "nucleo di valutazione", "organismo di valutazione"}
_LETTERHEAD |= {"nucleo indipendente di valutazione", "organismo indipendente di valutazione della performance"}


def read_header(outcome: Outcome, lines: list[Line], counted: list[Line]) -> None:
    """Every header field the document states, with the excerpt; two different readings: empty.

    ``lines`` are those outside every question; ``counted`` those of 7A/7B, where the Azienda
    Speciale is named after its share of a count."""
    texts = [line.text for line in lines]
    _one(outcome, "triennium", [(f"{m['a']}-{m['b']}", t) for t in texts for m in _TRIENNIUM.finditer(t)])
    _one(outcome, "administration", list(_administrations(lines, outcome.ours)))
    signatures = [(i, signature_of(t)) for i, t in enumerate(texts)]
    found = [(i, s) for i, s in signatures if s is not None]
    _one(outcome, "place", [(s[0], texts[i]) for i, s in found if s[0]])
    _one(outcome, "signature_date", [(s[1], texts[i]) for i, s in found if s[1]])
    roles, names = [], []
    for i, _s in found:
        role, signed, source = _signed_by(texts[i + 1 : i + 6])
        if role:
            roles.append((role, source))
        if signed:
            names.append((tuple(signed), source))
    _one(outcome, "signatory_role", roles)
    _one(outcome, "signatories", [(list(n), s) for n, s in names])
    counts = [line.text for line in counted]
    pattern = _OUR_AGENCY if outcome.ours else _AGENCY
    agencies = [(m["name"].strip(), t) for t in counts for m in pattern.finditer(t)]
    labelled = [(t.split(":", 1)[1].strip(), t) for t in texts if norm(t).startswith("azienda speciale") and ":" in t]
    _one(outcome, "special_agency", agencies + labelled)
    plan_date = re.compile(_PLAN_DATE.format(plan=re.escape(outcome.form.plan or "PIAO"), date=DATE), re.I)
    _one(outcome, "piao_date", [(m["date"], t) for t in texts for m in plan_date.finditer(t)])


def _administrations(lines: list[Line], ours: bool) -> Iterable[tuple[str, str]]:
    """The bold line above a document's title, the OIV's letterhead aside («OIV», «Organismo
    indipendente di valutazione», «Nucleo di valutazione»), or «Amministrazione: …». A line of a
    signature («F.to …», the role, «Brescia, 26 febbraio 2024») is never one; a name in capitals
    («COMUNE DI MONTICHIARI (Provincia di Brescia)») is written as a name («Comune di Montichiari»)."""
    blocks = _blocks(lines)
    formatted = any(line.strong for line in lines)  # a PDF's text has no bold: any short line will do
    for at, (text, _strong) in enumerate(blocks):
        labelled = _ADMINISTRATION.match(text)
        if labelled:
            yield labelled["name"].strip(), text
        if not is_title(text) or at == 0:
            continue
        if ours:  # the report writes the name in bold above the title, «—» for none
            before, bold = blocks[at - 1]
            if (bold or not formatted) and before != "—":
                yield before, before
            continue
        back = at - 1
        # the OIV's letterhead, and the territory's bracket on a line of its own («(Prov. di Cuneo)»)
        while back > 0 and (_letterhead(blocks[back][0]) or not as_name(blocks[back][0])):
            back -= 1
        before, bold = blocks[back]
        if (
            (bold or (not formatted and len(before) < 120))
            and not _letterhead(before)
            and not _signature_line(before)
            and not before[:1].isdigit()
            and before not in ("—", "-")
            and not norm(text).startswith(norm(before))  # the title's first words, on a line of their own
            and as_name(before)
        ):
            yield as_name(before), before


def _letterhead(text: str) -> bool:
    words = norm(text)
    return words in _LETTERHEAD or words.startswith(("delibera", "entro 30")) or words == ""


def _signature_line(text: str) -> bool:
    return bool(_SIGNED.match(text.strip()) or signature_of(text) or norm(text) in _ROLES)


_ROLES = {"oiv", "organismo con funzioni analoghe all oiv", "il presidente", "i componenti"}
_PARTICLES = {"di", "del", "della", "dei", "degli", "delle", "dello", "e", "ed", "in", "per", "a", "al", "alla"}
#: Where the administration stands, in brackets after its name, the bracket wholly a territory:
#: «(Provincia di Brescia)», «(Prov. di Cuneo)», «(prov. CN)», «(Regione Lazio)», «(Città
#: metropolitana di Milano)»; or a province's two letters at the end only, «(BS)» («Azienda (AO) San
#: Paolo» keeps its own). A bracket with more in it is part of the name: «(ARPA Regione Lazio)».
_BRACKET = re.compile(r"\s*[(\[](?P<inner>[^()\[\]]*)[)\]]\s*")
_TERRITORY = re.compile(
    r"(?i:(?:provincia|regione)(?:\s+autonoma)?\b|citt[aà]\s+metropolitana\b|prov\.)\s*(?P<place>.*)$"
)
_PLACE_PARTICLES = {"di", "del", "della", "dello", "dei", "degli", "delle", "e", "ed", "dell'", "d'", "nell'"}
_PLACE_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")


def _territory(inner: str, at_end: bool) -> bool:
    """Whether a bracket's text is wholly where the administration stands (see ``_BRACKET``)."""
    inner = inner.strip()
    if re.fullmatch(r"[A-Z]{2}", inner):
        return at_end
    found = _TERRITORY.match(inner)
    if not found or not found["place"]:
        return False
    words = re.sub(r"(?i)\b(dell|d|nell)['’]\s*", r"\1' ", found["place"]).split()
    names = [w for w in words if w.lower() not in _PLACE_PARTICLES]
    return (
        0 < len(names) <= 5
        and words[0].lower() not in ("e", "ed")
        and all(_PLACE_WORD.fullmatch(w) and w[0].isupper() for w in names)
    )


def _without_territory(text: str) -> str:
    def drop(found: re.Match[str]) -> str:
        return " " if _territory(found["inner"], not text[found.end() :].strip()) else found[0]

    return _BRACKET.sub(drop, text)


def as_name(text: str) -> str:
    """An administration's name as the form keeps it: the province or region in brackets left out, and a
    name written all in capitals in the letterhead's way written as a name (particles lower case,
    «D'» and «DELL'» kept with their word)."""
    text = " ".join(_without_territory(text).split())
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    words = []
    for at, word in enumerate(text.split(" ")):
        lower = word.lower()
        head, apostrophe, tail = lower.partition("'") if "'" in lower else lower.partition("’")
        if apostrophe and at:
            words.append(f"{head}{apostrophe}{tail.capitalize()}")
        elif at and lower in _PARTICLES:
            words.append(lower)
        else:
            words.append(lower.capitalize())
    return " ".join(words)


def _blocks(lines: list[Line]) -> list[tuple[str, bool]]:
    """Lines joined back into their paragraphs (a title broken over lines is one), with boldness."""
    out: list[tuple[str, bool]] = []
    for line in lines:
        if line.first or not out:
            out.append((line.text, line.strong))
        else:
            out[-1] = (f"{out[-1][0]} {line.text}", out[-1][1] and line.strong)
    return out


def _signed_by(following: list[str]) -> tuple[str, list[str], str]:
    """(role, signatories, source) from the lines after «Place, date»."""
    role, names, used = "", [], []
    for text in following:
        signed = _SIGNED.match(text.strip())
        if signed:
            name = signed["name"].strip()
            if name != "—":  # the report's dash for no name
                names.append(name)
            used.append(text)
        elif names or signature_of(text) or len(text) > 100:
            break
        elif not role:
            role = text.strip()
            used.append(text)
    return role, names, "\n".join(used)


def _one(outcome: Outcome, role: str, readings: Sequence[tuple[object, str]]) -> None:
    """Store the field that plays ``role`` in the form when every reading agrees; say so when
    they do not. A form without the role takes nothing."""
    address = outcome.form.role(role)
    if address is None:
        return
    fld = outcome.form.field_at(address)
    values: list[object] = []
    sources: list[str] = []
    for raw, source in readings:
        value = _value(fld, raw)
        if value is not None and value not in values:
            values.append(value)
            sources.append(source)
    if not values:
        return
    outcome.found.add(split_address(address)[0])
    if len(values) > 1:
        shown = " / ".join(
            v if isinstance(v, str) else ", ".join(map(str, v)) if isinstance(v, list) else str(v) for v in values
        )
        outcome.doubt(address, f"il documento ne riporta più d'uno: {shown}", "\n".join(sources))
        return
    outcome.put(address, values[0], sources[0])  # type: ignore[arg-type]


def _value(fld: Field, raw: object) -> object:
    """What the header's field holds of ``raw``: a list as it is, an option, or the text read by the
    field's kind (a date, a triennium…); None for a text that is not one."""
    if isinstance(raw, list):
        return [str(v) for v in raw] or None
    text = str(raw).strip()
    if kind_of(fld).shape == "options":
        return option_of(text, fld.options) or text
    parsed = parse(fld, text)
    return None if parsed.error else parsed.value
