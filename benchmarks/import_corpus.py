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
    "seed-libreoffice.pdf": "the seed's staff table is tab-aligned text, not a table: LibreOffice prints its check "
    "boxes, in another font, out of order; the ticks and two rows' numbers cannot be placed and stay empty, listed",
    "comune-libreoffice.pdf": "pandoc's table has no rules: printed without lines, a lone «X» under «Sì» or «No» "
    "cannot be placed and stays empty, listed",
    "regione-word-formfields.pdf": "LibreOffice prints Word's legacy check boxes as pictures: no tick of the staff "
    "table or of the short answers is text; all stay empty, listed",
    "regione": "the short answers put the «X» between two options («SÌ X No»): left empty as ambiguous, so the "
    "report of the import lacks their «Risposta:» phrases",
}


def timed(document: Path, folder: Path) -> float:
    times = []
    for round_ in range(ROUNDS):
        target = folder / f"{document.stem}-{round_}.toml"
        start = time.perf_counter()
        subprocess.run([OIVTUI, "import", str(document), str(target)], capture_output=True, check=False, timeout=120)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def note(name: str) -> str:
    return "; ".join(text for key, text in NOTES.items() if name == key or name.startswith(f"{key}-"))


def table() -> list[str]:
    rows = ["| document | format | questions | values exact | wrong | phrases | import (s) | × seed's text | note |"]
    rows.append("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        base = timed(SEED, Path(folder))
        rows.append(f"| seed_brescia_2024.md (baseline) | testo | | | | | {base:.2f} | 1.00 | |")
        for document in documents():
            result = score(document)
            seconds = timed(document, Path(folder))
            rows.append(
                f"| {document.name} | {result.kind} | {result.found}/{result.questions} | "
                f"{result.exact}/{result.values} | {len(result.wrong)} | {result.phrases:.0%} | {seconds:.2f} | "
                f"{seconds / base:.2f} | {note(document.name)} |"
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
