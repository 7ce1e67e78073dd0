"""The import of every corpus document (tests/corpus/): its scores, and the time the whole
``oivtui import`` process takes, side by side with the seed's text in the same run.

    .venv/bin/python benchmarks/import_corpus.py            # rewrites the table in docs/import.md
    .venv/bin/python benchmarks/import_corpus.py --no-write # prints it only

Each document is scored against the answers it was made from (tests/corpus/measure.py): questions
found, staff-table and annex values exact, values read wrong, the share of the source's phrases
kept in the imported session's report. Each import runs ``ROUNDS`` times as its own process
(``oivtui import DOC new.toml``); the median wall time is given, and its ratio to the median of
the seed's text (tests/data/seed_brescia_2024.md, the baseline), measured in the same run.
Benchmarks, not tests: nothing fails on a timing; the exit code is 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.measure import SEED, documents, score  # noqa: E402

OIVTUI = str(Path(sys.executable).with_name("oivtui"))
DOC = ROOT / "docs" / "import.md"
BEGIN = "<!-- corpus table: benchmarks/import_corpus.py writes from here -->"
END = "<!-- corpus table: to here -->"
ROUNDS = 3
#: Why a document falls short of a goal (50/50 questions, 26/28 values, 96% of the phrases).
NOTES = {
    "comune": "block 9 left out of the document on purpose: 49/50 is all it holds",
    "asl": "block 11 left out of the document on purpose: 49/50 is all it holds",
    "regione-pandoc": "the short answers put the «X» between two options («SÌ X No»): left empty as ambiguous, so "
    "the report of the import lacks their «Risposta:» phrases",
    "regione-cms": "the short answers put the «X» between two options («SÌ X No»): left empty as ambiguous, so the "
    "report of the import lacks their «Risposta:» phrases",
    "provincia": "the short answers put the «X» between two options («Sì X No»): left empty as ambiguous, so the "
    "report of the import lacks their «Risposta:» phrases",
    "ateneo-pandoc-chromium": "Chromium centres the header's «Si»/«No» over their columns and starts each «X» at "
    "the column's left edge: the three «coerente» ticks are left empty and listed, as no mark stands under one option",
}


def timed(document: Path, folder: Path) -> tuple[float, float]:
    """(median wall time, median CPU time: user + system) of the whole ``oivtui import`` process.
    On a shared machine the wall time grows with the load; the CPU time much less."""
    walls, cpus = [], []
    for round_ in range(ROUNDS):
        target = folder / f"{document.stem}-{round_}.toml"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([OIVTUI, "import", str(document), str(target)], capture_output=True, check=False, timeout=120)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def note(name: str) -> str:
    return "; ".join(text for key, text in NOTES.items() if name.startswith(key))


def table() -> list[str]:
    head = "| document | format | questions | values exact | wrong | phrases | wall (s) | CPU (s) | × seed's text |"
    rows = [head + " note |", "|---|---|---|---|---|---|---|---|---|---|"]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        base, base_cpu = timed(SEED, Path(folder))
        rows.append(f"| seed_brescia_2024.md (baseline) | testo | | | | | {base:.2f} | {base_cpu:.2f} | 1.00 | |")
        for document in documents():
            result = score(document)
            seconds, cpu = timed(document, Path(folder))
            rows.append(
                f"| {document.name} | {result.kind} | {result.found}/{result.questions} | "
                f"{result.exact}/{result.values} | {len(result.wrong)} | {result.phrases:.0%} | {seconds:.2f} | "
                f"{cpu:.2f} | {cpu / base_cpu:.2f} | {note(document.name)} |"
            )
    load = max(load, os.getloadavg()[0])
    rows.append("")
    rows.append(
        f"Measured on {platform.node() or 'this machine'} ({os.cpu_count()} cores, load average up to {load:.1f}), "
        f"{ROUNDS} imports of each as a whole process, medians; «× seed's text» is the CPU time's ratio."
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, leave docs/import.md alone")
    args = parser.parse_args()
    rows = table()
    print("\n".join(rows))
    if args.no_write:
        return
    text = DOC.read_text("utf-8")
    before, _old, after = text.partition(BEGIN)
    _table, _end, rest = after.partition(END)
    DOC.write_text(f"{before}{BEGIN}\n" + "\n".join(rows) + f"\n{END}{rest}", "utf-8")


if __name__ == "__main__":
    main()
