"""Session files: TOML in, TOML out, written atomically; every failure as an Italian message."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shlex
import stat
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from oivtui.session import FORMAT_VERSION, Position, Session
from questionnaire.answers import Answers
from questionnaire.kinds import MAX_TEXT, TYPED_KINDS, parse
from questionnaire.loader import available_forms, load_form
from questionnaire.model import Field, Form, Question

#: Larger files are not session files (the example is ~30 KB; a 20 KB answer everywhere ~1 MB).
MAX_FILE_BYTES = 16 * 1024 * 1024
TOP_KEYS = {"format", "form", "form_version", "position", "header", "answers", "review", "previous"}
BANNER = (
    "# Sessione oivtui: monitoraggio OIV (delibera CiVIT 23/2013).\n"
    "# Si può leggere e modificare a mano; oivtui la riscrive a ogni modifica.\n"
)


class SessionError(Exception):
    """A session file that cannot be used; ``str()`` is the Italian message for the user."""


class SaveError(SessionError):
    """A save that failed: the answers are still in memory and the old file is untouched."""


class ChangedOnDisk(SaveError):
    """The session's file changed since oivtui read or wrote it: which version wins is the user's call."""


# ---------------------------------------------------------------- paths


def data_dir() -> Path:
    """Where sessions without an explicit path live (XDG_DATA_HOME/oivtui/sessioni)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "oivtui" / "sessioni"


def rescue_path(path: Path) -> Path:
    """Where a session goes when its own file cannot be written: XDG_DATA_HOME/oivtui/recupero/."""
    import hashlib  # only when a save failed: not loaded at every start

    digest = hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return data_dir().parent / "recupero" / f"{Path(path).stem}-{digest}.toml"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def leftover_temps(path: Path) -> list[Path]:
    """Temp files a killed save left beside ``path``."""
    try:
        return [p for p in path.parent.glob(f"{temp_prefix(path)}*.tmp") if p.is_file()]
    except OSError:
        return []


def remove_leftover_temps(path: Path) -> int:
    removed = 0
    for temp in leftover_temps(path):
        try:
            temp.unlink()
            removed += 1
        except OSError:
            pass  # not ours to remove (permissions): harmless, the next save uses a new name
    return removed


# ---------------------------------------------------------------- serialise


def to_document(session: Session) -> dict[str, Any]:
    """The session as the plain TOML document (form order, no empty values)."""
    form = session.form
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "form": form.id,
        "form_version": form.version,
        "position": {"step": session.position.step, "field": session.position.field},
    }
    header, answers = _ordered_answers(form, session.answers)
    if header:
        doc["header"] = header
    if answers:
        doc["answers"] = answers
    if session.to_review:
        doc["review"] = {"pending": list(session.to_review)}
    if session.previous is not None:
        _h, prev = _ordered_answers(form, session.previous, include_header=True)
        doc["previous"] = prev
    return doc


def _ordered_answers(
    form: Form, answers: Answers, include_header: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    header: dict[str, Any] = {}
    out: dict[str, Any] = {}
    order = {q.id: i for i, q in enumerate(form.questions)}
    for qid in sorted(answers.data, key=lambda k: (order.get(k, len(order)), k)):
        bucket = answers.data[qid]
        if qid == "header" and not include_header:
            header = _ordered_bucket(form, qid, bucket)  # form order: editing a field never moves it
        else:
            out[qid] = _ordered_bucket(form, qid, bucket)
    return header, out


def _ordered_bucket(form: Form, qid: str, bucket: dict[str, Any]) -> dict[str, Any]:
    if not form.has_question(qid):
        return dict(bucket)
    question = form.question(qid)
    keys = [r.key for r in question.rows] or [f.key for f in question.fields]
    rank = {k: i for i, k in enumerate(keys)}
    ordered = {k: bucket[k] for k in sorted(bucket, key=lambda k: (rank.get(k, len(rank)), k))}
    if question.rows:
        fields = {f.key: i for i, f in enumerate(question.fields)}
        ordered = {
            r: {k: v[k] for k in sorted(v, key=lambda k: (fields.get(k, len(fields)), k))}
            for r, v in ordered.items()
        }
    return ordered


def dumps(session: Session, parts: TomlParts | None = None) -> str:
    """The file's text. Each part is parsed back and compared before anything touches the disk.

    ``parts`` (the autosaver's) keeps the checked text of every part that has not changed since
    the last call: with 20 KB in each text answer, writing and re-reading the whole ~1 MB
    document took ~240 ms per save; one changed question takes a few (benchmarks/run.py).
    """
    doc = to_document(session)
    multiline = not _has_carriage_return(doc)  # tomli-w's multiline mode turns \r\n into \n
    parts = TomlParts() if parts is None else parts
    return BANNER + "\n".join(parts.text(slot, piece, multiline) for slot, piece in _pieces(doc))


def _pieces(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The document cut where tomli-w puts a blank line between tables: the top keys with
    [position] and [header], one piece per answered question, [review], [previous]. Joined
    by "\n", their texts are exactly tomli-w's text of the whole document."""
    yield "", {k: v for k, v in doc.items() if k not in _TABLES}
    for qid, bucket in doc.get("answers", {}).items():
        yield f"answers/{qid}", {"answers": {qid: bucket}}
    for key in _TABLES[1:]:
        if key in doc:
            yield key, {key: doc[key]}


_TABLES = ("answers", "review", "previous")


class TomlParts:
    """The checked TOML text of each piece of a session document, kept while it is unchanged."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, str]] = {}

    def text(self, slot: str, piece: dict[str, Any], multiline: bool) -> str:
        snapshot = (multiline, _snapshot(piece))
        kept = self._last.get(slot)
        if kept is not None and kept[0] == snapshot:
            return kept[1]
        text = _checked_dumps(piece, multiline)
        self._last[slot] = (snapshot, text)
        return text


def _snapshot(value: Any) -> object:
    """An immutable copy to compare with later (types count: 1 and True are different answers)."""
    if isinstance(value, dict):
        return (dict, tuple((k, _snapshot(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(_snapshot(v) for v in value))
    return (type(value), value)


def _checked_dumps(piece: dict[str, Any], multiline: bool) -> str:
    import tomli_w  # saving only: opening a session never needs it

    text = tomli_w.dumps(piece, multiline_strings=multiline)
    if tomllib.loads(text) != piece:
        text = tomli_w.dumps(piece, multiline_strings=False)
        if tomllib.loads(text) != piece:
            raise SaveError("Impossibile salvare: il testo non si rilegge uguale (segnala il problema).")
    return text


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False


# ---------------------------------------------------------------- save


_ERRNO_HINTS = {
    errno.ENOSPC: "il disco è pieno: libera spazio",
    errno.EDQUOT: "hai superato la quota disco: libera spazio",
    errno.EACCES: "permesso negato: controlla i permessi della cartella",
    errno.EPERM: "operazione non permessa: controlla i permessi della cartella",
    errno.EROFS: "la cartella è in sola lettura: salva altrove (Ctrl+S con un altro nome) o rimonta il disco",
    errno.EIO: "errore di lettura/scrittura del disco",
    errno.ENOENT: "la cartella non esiste",
    errno.EFBIG: "il file supera la dimensione massima permessa (limite del sistema o del disco)",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.EISDIR: "al posto del file c'è una cartella",
    errno.ENAMETOOLONG: "il nome del file è troppo lungo",
    errno.EMFILE: "troppi file aperti: chiudi qualche programma",
    errno.ENFILE: "troppi file aperti nel sistema",
    errno.ESTALE: "il disco di rete non risponde più (file handle scaduto)",
    errno.EBUSY: "il file è occupato da un altro programma",
    errno.ETXTBSY: "il file è occupato da un altro programma",
    errno.ELOOP: "troppi collegamenti simbolici nel percorso",
}


def errno_hint(exc: OSError, path: Path | None = None) -> str:
    """What went wrong, in Italian; the system's own (English) text only as a named detail.

    ``path``, the file being written, lets a missing folder be named: it may never have existed
    (a typo in ``-o``) or have been removed since, so the message claims neither.
    """
    if exc.errno == errno.ENOENT and path is not None:
        return f"la cartella {Path(path).absolute().parent} non esiste"
    hint = _ERRNO_HINTS.get(exc.errno or 0)
    if hint:
        return hint
    code = errno.errorcode.get(exc.errno or 0, "sconosciuto")
    return f"errore del sistema ({code}: {exc.strerror or exc})"


def save_error(path: Path, exc: OSError) -> SaveError:
    hint = errno_hint(exc, path)
    return SaveError(
        f"Salvataggio di {path} non riuscito: {hint}. Le risposte restano in memoria; "
        "il file precedente è intatto. oivtui riproverà alla prossima modifica."
    )


def save(session: Session, path: Path | None = None) -> Path:
    """Write the session atomically: temp file in the same folder, fsync, rename, fsync folder."""
    target = Path(path or session.path or "")
    if not target.name:
        raise SaveError("Nessun file indicato per il salvataggio.")
    if session.path is not None and target == Path(session.path):
        write_session(session, dumps(session))
    else:
        write_atomic(target, dumps(session).encode("utf-8"))
    return target


def stamp_of(path: Path) -> tuple[int, ...] | None:
    """What identifies one version of a file: device, inode, size, modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_only_reason(path: Path) -> str:
    """Why oivtui must not write over ``path`` (Italian), or "" when it may.

    A file with no write permission for this user, or none for anyone (``chmod 444``, which root
    could ignore: the owner said "do not change it"). The rename of an atomic save would replace it
    all the same, so the permission is checked here, not left to the system.
    """
    try:
        info = os.stat(path)
    except OSError:
        return ""  # no file yet (a new session), or the save's own error will say what is wrong
    if stat.S_IMODE(info.st_mode) & 0o222 and os.access(path, os.W_OK):
        return ""
    return (
        f"{path} è in sola lettura (permessi {stat.filemode(info.st_mode)}): oivtui non lo modifica. "
        f"Per modificarlo, rendilo scrivibile (chmod u+w {shlex.quote(Path(path).name)}) e riaprilo."
    )


def write_session(session: Session, text: str) -> None:
    """Write ``text`` over the session's own file, unless somebody changed that file since oivtui
    last read or wrote it (their version would be lost without a word), or made it read-only."""
    path = Path(session.path or "")
    reason = read_only_reason(path)
    if reason:
        raise SaveError(f"Salvataggio non riuscito: {reason} Le risposte restano in memoria.")
    if session.stamp is not None and stamp_of(path) != session.stamp:
        raise ChangedOnDisk(
            f"Salvataggio di {path} non riuscito: il file è stato modificato da un altro programma "
            "dopo che oivtui l'ha letto, e oivtui non lo sovrascrive. Le risposte restano in memoria; "
            "il file è intatto. Chiudi e riapri la sessione per vedere quelle modifiche."
        )
    write_atomic(path, text.encode("utf-8"))
    session.stamp = stamp_of(path)


def write_atomic(target: Path, data: bytes) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o600
    except OSError as exc:
        raise save_error(target, exc) from None
    try:
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise save_error(target, exc) from None
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as exc:
        _unlink_quietly(temp)
        raise save_error(target, exc) from None
    _fsync_dir(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # a write that makes no progress would loop for ever
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # the temp file may already be gone; the target is untouched either way


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # some file systems refuse to open folders: the rename is done all the same
    try:
        os.fsync(fd)
    except OSError:
        pass  # fsync of a folder is unsupported on some file systems; the data file was synced
    finally:
        os.close(fd)


# ---------------------------------------------------------------- load


def read_text(path: Path) -> str:
    """The file's text, or a SessionError that says what is wrong with it in Italian."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise SessionError(f"{path}: il file non esiste. Controlla il percorso.") from None
    except OSError as exc:
        raise SessionError(f"{path}: impossibile leggere il file ({errno_hint(exc)}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise SessionError(
            f"{path}: è un collegamento simbolico. Apri direttamente il file a cui punta "
            f"({os.path.realpath(path)}), così il salvataggio non sostituisce il collegamento."
        )
    if stat.S_ISDIR(info.st_mode):
        raise SessionError(f"{path}: è una cartella, non un file di sessione.")
    if not stat.S_ISREG(info.st_mode):
        raise SessionError(f"{path}: non è un file normale (pipe, dispositivo o socket).")
    if info.st_size > MAX_FILE_BYTES:
        raise SessionError(
            f"{path}: il file è troppo grande ({info.st_size // (1024 * 1024)} MB; massimo "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB): non sembra una sessione oivtui."
        )
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise SessionError(f"{path}: permesso di lettura negato. Controlla i permessi del file.") from None
    except OSError as exc:
        raise SessionError(f"{path}: impossibile leggere il file ({errno_hint(exc)}).") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SessionError(
            f"{path}, riga 1: il file inizia con un BOM UTF-8 (aggiunto da alcuni editor). "
            "Salvalo come «UTF-8 senza BOM» e riprova."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SessionError(
            f"{path}, riga {line}: il file non è testo UTF-8 valido (byte 0x{raw[exc.start]:02x}). "
            "Salvalo con codifica UTF-8."
        ) from None


_TOML_POS = re.compile(r"^(?P<what>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POS.match(str(exc))
        where = f", riga {match['line']}, colonna {match['col']}" if match else ""
        what = match["what"] if match else str(exc)
        raise SessionError(
            f"{path}{where}: il file non è TOML valido ({what}). Correggi quella riga o riapri "
            "una copia di riserva."
        ) from None
    except RecursionError:
        raise SessionError(f"{path}: il file contiene strutture annidate troppo in profondità.") from None
    except ValueError:  # tomllib's int() of a number with thousands of digits (CPython's 4300 limit)
        raise SessionError(
            f"{path}: il file contiene un numero con troppe cifre: non sembra una sessione oivtui."
        ) from None


def load(path: Path) -> Session:
    """Read a session file; a SessionError says in Italian what is wrong and where."""
    path = Path(path)
    stamp = stamp_of(path)  # before reading: a change in between shows up as a change, never hides
    text = read_text(path)
    doc = parse_toml(text, path)
    session = from_document(doc, path, text)
    session.path = path
    session.stamp = stamp
    return session


def from_document(doc: dict[str, Any], path: Path, text: str = "") -> Session:
    reader = _Reader(path, text)
    return reader.session(doc)


class _Reader:
    """Checks a parsed document key by key, naming the line of the first thing wrong."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, needle: str, message: str) -> SessionError:
        line = self.line_of(needle)
        where = f", riga {line}" if line else ""
        return SessionError(f"{self.path}{where}: {message}")

    def line_of(self, needle: str) -> int:
        for number, line in enumerate(self.lines, 1):
            if needle and needle in line:
                return number
        return 0

    def session(self, doc: dict[str, Any]) -> Session:
        unknown = sorted(set(doc) - TOP_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"chiave sconosciuta «{_shown(unknown[0])}»: toglila o controlla l'ortografia.")
        version = doc.get("format")
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.fail("format", "manca «format = 1»: non sembra un file di sessione oivtui.")
        if version > FORMAT_VERSION:
            raise self.fail(
                "format",
                f"il file è stato scritto da una versione più recente di oivtui (formato {_shown(version)}, "
                f"questa legge fino al {FORMAT_VERSION}): aggiorna oivtui.",
            )
        form_id = doc.get("form")
        if form_id not in available_forms():
            known = ", ".join(available_forms())
            raise self.fail("form", f"modulo sconosciuto «{_shown(form_id)}» (conosciuti: {known}).")
        form = load_form(str(form_id))
        answers = self.answers(form, doc.get("answers", {}), "answers")
        answers.data.update(self.answers(form, {"header": doc.get("header", {})}, "header").data)
        session = Session(form_id=form.id, answers=answers)
        session.position = self.position(form, doc.get("position", {}))
        session.to_review = self.review(form, doc.get("review", {}))
        if "previous" in doc:
            session.previous = self.answers(form, doc["previous"], "previous", lenient=True)
        return session

    def position(self, form: Form, raw: Any) -> Position:
        if not isinstance(raw, dict):
            raise self.fail("position", "«position» deve essere una tabella [position].")
        step = raw.get("step", "header")
        field = raw.get("field", "")
        if not isinstance(step, str) or not isinstance(field, str):
            raise self.fail("position", "«position» deve contenere testi (step e field).")
        if step not in {s.id for s in form.steps} and step != "review":
            step, field = "header", ""  # a step of an older form: resume from the start
        return Position(step, field)

    def review(self, form: Form, raw: Any) -> list[str]:
        pending = raw.get("pending", []) if isinstance(raw, dict) else None
        if not isinstance(pending, list) or not all(isinstance(s, str) for s in pending):
            raise self.fail("pending", "«review.pending» deve essere un elenco di passi, es. [\"b1\"].")
        steps = {s.id for s in form.steps}
        return [s for s in pending if s in steps]

    def answers(self, form: Form, raw: Any, where: str, lenient: bool = False) -> Answers:
        if not isinstance(raw, dict):
            raise self.fail(where, f"«{where}» deve essere una tabella.")
        out = Answers()
        for qid, bucket in raw.items():
            if not form.has_question(qid):
                if lenient:
                    continue
                raise self.fail(
                    f'"{qid}"' if where == "answers" else qid,
                    f"la domanda «{_shown(qid)}» non esiste nel modulo {form.id}: togli quella sezione "
                    "o correggi l'identificativo.",
                )
            question = form.question(qid)
            if not isinstance(bucket, dict):
                raise self.fail(qid, f"domanda {qid}: ci si aspetta una tabella di campi.")
            fields = self.bucket(question, bucket, lenient)
            if fields:  # an empty table is no answer: memory holds none, as after editing
                out.data[qid] = fields
        return out

    def bucket(self, question: Question, bucket: dict[str, Any], lenient: bool) -> dict[str, Any]:
        if not question.rows:
            return self.fields(question, bucket, "", lenient)
        rows = {r.key for r in question.rows}
        out = {}
        for row, values in bucket.items():
            if row not in rows or not isinstance(values, dict):
                if lenient:
                    continue
                raise self.fail(
                    row, f"domanda {question.id}: riga sconosciuta «{_shown(row)}» (righe: {', '.join(sorted(rows))})."
                )
            fields = self.fields(question, values, row, lenient)
            if fields:
                out[row] = fields
        return out

    def fields(self, question: Question, values: dict[str, Any], row: str, lenient: bool) -> dict[str, Any]:
        out = {}
        keys = {f.key for f in question.fields}
        name = f"{question.id}/{row + '/' if row else ''}"
        for key, value in values.items():
            if key not in keys:
                if lenient:
                    continue
                raise self.fail(
                    key, f"domanda {question.id}: campo sconosciuto «{_shown(key)}» (campi: {', '.join(sorted(keys))})."
                )
            field = question.field(key)
            problem = _type_problem(field.kind, value)
            if problem:
                if lenient:
                    continue
                raise self.fail(f"{key} =", f"{name}{key}: {problem}")
            out[key] = _typed_value(field, value)
        return out


def _typed_value(field: Field, value: Any) -> Any:
    """A text in a number or date field is what was typed (in the app or by hand): read by the
    fields' own parser (``kinds.parse``), it becomes the number or date it says; a text that is
    not one stays as written, and validation says what is wrong with it."""
    if isinstance(value, str) and field.kind in TYPED_KINDS:
        parsed = parse(field, value)
        if not parsed.error and parsed.value is not None:
            return parsed.value
    return value


def _type_problem(kind: str, value: Any) -> str:
    """Why ``value`` has the wrong type for a field of ``kind``, or ""."""
    if kind in ("text", "line", "choice", "triennium"):
        if not isinstance(value, str):
            return f"ci si aspetta un testo tra virgolette, trovato {_type_name(value)}."
        if len(value) > MAX_TEXT:
            return (
                f"la risposta è troppo lunga ({len(value):,} caratteri; massimo {MAX_TEXT:,}): "
                "accorciala o spostala in un allegato."
            ).replace(",", ".")
        return ""
    if kind == "lines":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return 'ci si aspetta un elenco di testi, es. ["Excel", "Infocamere"].'
        if sum(len(v) for v in value) > MAX_TEXT:
            return "l'elenco è troppo lungo: accorcialo."
        return ""
    if kind == "integer":
        if isinstance(value, str):  # typed but not (yet) a number: validation says why
            return _type_problem("line", value)
        if isinstance(value, bool) or not isinstance(value, int):
            return f"ci si aspetta un numero intero, trovato {_type_name(value)}."
        if abs(value) > 2**53:
            return "il numero è fuori misura: controllalo."
        return ""
    if kind == "date":
        if isinstance(value, str):  # typed in the UI but not (yet) a date: validation says so
            return _type_problem("line", value)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return f"ci si aspetta una data come 2024-02-26 (senza virgolette), trovato {_type_name(value)}."
        return ""
    return ""


def _shown(value: object, limit: int = 60) -> str:
    """``value`` as it goes into a message: one line, at most ``limit`` characters."""
    try:
        text = str(value)
    except ValueError:  # an int too long for str() (CPython's 4300-digit limit)
        return "un numero enorme"
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: Any) -> str:
    names = {str: "un testo", bool: "vero/falso", int: "un numero", float: "un numero decimale",
             list: "un elenco", dict: "una tabella", dt.date: "una data", dt.datetime: "data e ora",
             dt.time: "un orario"}
    return names.get(type(value), type(value).__name__)
