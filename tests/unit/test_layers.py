"""The three floors import only downwards, and no module imports another in a circle.

Every import statement counts, those inside functions included: ``questionnaire`` (the domain)
imports neither ``screens`` nor ``oivtui``, nor Textual or Rich; ``screens`` never imports
``oivtui``. Read from the source with ``ast``, so a deferred import cannot hide a breach.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = {"questionnaire": 0, "screens": 1, "oivtui": 2}
FORBIDDEN = {"questionnaire": {"textual", "rich", "screens", "oivtui"}, "screens": {"oivtui"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the statement stands (absolute names)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text("utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for floor in FLOORS for p in sorted((ROOT / floor).rglob("*.py"))}


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_each_floor_imports_only_from_the_floors_below() -> None:
    breaches = []
    for name, path in project_modules().items():
        floor = name.split(".")[0]
        for imported in sorted(imports_of(path)):
            top = imported.split(".")[0]
            if top in FORBIDDEN.get(floor, set()):
                breaches.append(f"{name} imports {imported}")
    assert breaches == []


def test_no_module_imports_another_in_a_circle() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_checker_sees_imports_inside_functions_and_relative_ones() -> None:
    source = "def f():\n    from oivtui.tui.app import OivApp\n    import textual.widgets\n    from . import fields\n"
    assert {"oivtui.tui.app", "textual.widgets", "screens.fields"} <= imports_in(source, "screens")


def test_no_module_is_over_five_hundred_lines() -> None:
    """A module that grows past 500 lines holds more than one idea: split it (docs/architecture.md)."""
    long = {
        name: n for name, path in project_modules().items() if (n := len(path.read_text("utf-8").splitlines())) > 500
    }
    assert not long, long


def test_each_floor_keeps_at_most_eight_loose_modules() -> None:
    """The parts of a floor live in folders named for them (docs/architecture.md)."""
    for floor in FLOORS:
        loose = [p.name for p in (ROOT / floor).glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
        assert len(loose) <= 8, (floor, sorted(loose))


def test_every_module_is_named_where_the_architecture_describes_its_folder() -> None:
    """docs/architecture.md names each module in the section of its folder: a newcomer finds it there."""
    sections: dict[str, str] = {}
    heading = ""
    for line in (ROOT / "docs" / "architecture.md").read_text("utf-8").splitlines():
        if line.startswith("#"):
            heading = line
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    missing = []
    for path in sorted(p for floor in FLOORS for p in (ROOT / floor).rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        relative = path.relative_to(ROOT)
        folders = [str(parent) + "/" for parent in relative.parents if str(parent) != "."]
        folder = next((f for f in folders if any(f"`{f}`" in head for head in sections)), None)
        within = str(path.relative_to(ROOT / folder)) if folder else ""
        if not folder or not any(
            within in body or path.name in body for head, body in sections.items() if f"`{folder}`" in head
        ):
            missing.append(str(relative))
    assert missing == []


#: Inside the shell, the folders' order: each imports only folders of a lower rank.
SHELL_RANKS = {"files": 0, "reports": 1, "ask": 2, "tui": 2, "cli": 3}


def test_the_shell_folders_import_one_way() -> None:
    """files/ imports no other folder of oivtui/ (never tui/), reports/ only files/, and so on up to cli/."""
    breaches = []
    for name, targets in graph().items():
        parts = name.split(".")
        if parts[0] != "oivtui" or len(parts) < 3:
            continue
        for target in targets:
            other = target.split(".")
            if other[0] == "oivtui" and len(other) >= 2 and other[1] in SHELL_RANKS and other[1] != parts[1]:
                if SHELL_RANKS[other[1]] >= SHELL_RANKS[parts[1]]:
                    breaches.append(f"{name} imports {target}")
    assert breaches == []
