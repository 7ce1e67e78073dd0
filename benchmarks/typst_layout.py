"""Where Typst spends its time on the large session's PDF: the shipped template against variants.

``.venv/bin/python benchmarks/typst_layout.py [--runs N]`` (about a minute with the default 2 runs).

The large session (``fixtures.large_session``: the example with every text answer ~20 KB, about
235 pages) is turned into the template's JSON once; then each variant of ``report.typ`` is
compiled in a fresh process (Typst keeps what it laid out in memory across compiles in one
process, so a second compile there costs a tenth of the first), rounds alternating, and its CPU
time is compared with the shipped template's in the same round. A variant is the shipped template
with one setting changed (the text each replaces must be found, so that a change to the template
stops this script instead of measuring nothing), or a bare template (paragraphs and headings,
nothing else) that shows what Typst costs for this text whatever our layout does.

The figures go to stdout; docs/performance.md («The PDF typeset by Typst») says what they mean.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The shipped template compiled with no tags and no PDF standard (what tagging costs).
UNTAGGED = "as shipped, untagged, no PDF/A or PDF/UA"
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from questionnaire.report.pdf.typeset import TEMPLATE  # noqa: E402

JUSTIFIED = "#set par(justify: true,"
HYPHENATED = "hyphenate: true, fallback: false)"
PAGE_FURNITURE = ("  header: context {", "  background:")

#: What Typst costs for this text with no layout of ours: paragraphs and headings on A4 pages.
BARE = """#let report = json(bytes(sys.inputs.report))
#set document(title: report.title)
#set text(font: "DejaVu Sans", size: 9.5pt, lang: "it", region: "IT", hyphenate: HYPHENATE, fallback: false)
#set par(justify: JUSTIFY)
#set page(paper: "a4", margin: (left: 2.2cm, right: 2.2cm, top: 2.4cm, bottom: 2.2cm))
#for d in report.body { for b in d {
  if b.kind == "para" { par(b.text) } else if b.kind == "heading" { heading(level: b.level, b.text) }
} }
"""


def _replaced(text: str, old: str, new: str) -> str:
    if old not in text:
        raise SystemExit(f"report.typ no longer holds {old!r}: update benchmarks/typst_layout.py")
    return text.replace(old, new)


def _without_furniture(text: str) -> str:
    start, end = (text.find(mark) for mark in PAGE_FURNITURE)
    if start < 0 or end < start:
        raise SystemExit("report.typ's page header and footer moved: update benchmarks/typst_layout.py")
    return text[:start] + text[end:]


def variants(shipped: str) -> dict[str, str]:
    """Each variant's template text, by the name the table shows."""

    def bare(hyphenate: bool, justify: bool) -> str:
        return BARE.replace("HYPHENATE", str(hyphenate).lower()).replace("JUSTIFY", str(justify).lower())

    return {
        "as shipped (Knuth–Plass justified, Italian hyphenation)": shipped,
        "greedy line breaking (justified, hyphenated)": _replaced(
            shipped, JUSTIFIED, '#set par(justify: true, linebreaks: "simple",'
        ),
        "no hyphenation (Knuth–Plass justified)": _replaced(shipped, HYPHENATED, "hyphenate: false, fallback: false)"),
        "ragged right (greedy, hyphenated)": _replaced(shipped, JUSTIFIED, "#set par(justify: false,"),
        "no running header, no «Pagina N di M»": _without_furniture(shipped),
        UNTAGGED: shipped,
        "bare: paragraphs and headings only, justified and hyphenated": bare(True, True),
        "bare: paragraphs and headings only, ragged right, no hyphenation": bare(False, False),
    }


#: One compile in a fresh process; prints its CPU seconds.
COMPILE = """
import resource, sys, typst
from questionnaire.report.pdf.typeset import FONTS, STANDARDS
data = open(sys.argv[2], encoding="utf-8").read()
before = resource.getrusage(resource.RUSAGE_SELF)
tagged = sys.argv[3] == "tagged"
typst.compile(sys.argv[1], font_paths=[FONTS], ignore_system_fonts=True, sys_inputs={"report": data},
              pdf_standards=STANDARDS if tagged else [], pdf_tags=tagged, timestamp=0)
after = resource.getrusage(resource.RUSAGE_SELF)
print(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
"""


def cpu_seconds(template: Path, data: Path, tagged: bool = True) -> float:
    done = subprocess.run(
        [sys.executable, "-c", COMPILE, str(template), str(data), "tagged" if tagged else "untagged"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return float(done.stdout.strip())


def report_json(folder: Path) -> Path:
    from fixtures import large_session, write_example

    from oivtui.files import storage
    from oivtui.reports.render import report_data
    from questionnaire.report.pdf.typeset import report_json as to_json

    session = storage.load(large_session(write_example(folder), folder / "grande.toml"))
    path = folder / "report.json"
    path.write_text(to_json(report_data(session)), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="rounds (each compiles every variant once)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="oivtui-typst-") as tmp:
        folder = Path(tmp)
        data = report_json(folder)
        templates: dict[str, Path] = {}
        for n, (name, text) in enumerate(variants(TEMPLATE.read_text("utf-8")).items()):
            templates[name] = folder / f"variant-{n}.typ"
            templates[name].write_text(text, "utf-8")
        times: dict[str, list[float]] = {name: [] for name in templates}
        for _ in range(args.runs):
            for name, template in templates.items():
                times[name].append(cpu_seconds(template, data, tagged=name != UNTAGGED))
    shipped = min(next(iter(times.values())))
    print(
        f"Typst compile of the large session, CPU seconds, best of {args.runs}, "
        f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print("| template | CPU | against shipped |\n|---|--:|--:|")
    for name, seconds in times.items():
        print(f"| {name} | {min(seconds):.2f} s | {min(seconds) / shipped:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
