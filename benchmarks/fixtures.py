"""The files the benchmarks work on: the example session, a ~1 MB one, a folder of 1,000 sessions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.files.session import Session

LARGE_ANSWER = 20 * 1024
SAVED_SESSIONS = 1000

_SENTENCES = (
    "L'Organismo ha verificato che gli obiettivi assegnati al personale dirigente siano coerenti "
    "con quelli del PIAO e misurabili con indicatori già disponibili nel sistema di controllo.",
    "Le schede di assegnazione sono state consegnate entro febbraio; per alcune aree la "
    "condivisione con i responsabili è avvenuta in riunioni dedicate, documentate a verbale.",
    "Restano da migliorare i target di qualità dei servizi: «soddisfazione dell'utenza» e tempi "
    "medi di risposta andrebbero confrontati con le altre Camere (benchmark nazionale).",
    "Si raccomanda di pubblicare gli esiti del monitoraggio nella sezione Amministrazione "
    "trasparente, con un collegamento alla relazione sulla performance dell'anno precedente.",
)


def long_text(size: int = LARGE_ANSWER, seed: int = 0) -> str:
    """Italian prose of ``size`` characters: sentences, line breaks, a blank line now and then."""
    parts: list[str] = []
    length, n = 0, seed
    while length < size:
        sentence = _SENTENCES[n % len(_SENTENCES)]
        end = "\n\n" if n % 5 == 4 else "\n" if n % 2 else " "
        parts.append(sentence + end)
        length += len(sentence) + len(end)
        n += 1
    return "".join(parts)[:size].rstrip() + "."


def write_example(folder: Path, name: str = "esempio.toml") -> Path:
    path = folder / name
    path.write_text(example_text(), "utf-8")
    return path


def large_session(example: Path, target: Path) -> Path:
    """The example with every text answer replaced by ~20 KB of prose (a file of about 1 MB)."""
    session = storage.load(example)
    for n, address in enumerate(_text_answers(session)):
        session.answers.set(address, long_text(seed=n))
    storage.save(session, target)
    return target


def _text_answers(session: Session) -> list[str]:
    form = session.form
    return [
        address
        for q in form.questions
        for address in q.addresses()
        if form.field_at(address).kind == "text" and session.answers.get(address)
    ]


def sessions_folder(example: Path, folder: Path, count: int) -> Path:
    """``count`` copies of the example with distinct modification times, as the start screen finds them."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        copy = folder / f"sessione-{n:04d}.toml"
        shutil.copyfile(example, copy)
        os.utime(copy, (1_700_000_000 + n * 60, 1_700_000_000 + n * 60))
    return folder
