"""The shape of the house: regular packages, no import circle, no import from a lower floor up."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import zhbrief

SRC = Path(zhbrief.__file__).parent

# The floors, lowest first (STYLE.md's house table): a module may import its own floor and the
# floors below, never one above. A new module must be given a floor here.
FLOORS: tuple[tuple[str, ...], ...] = (
    (
        "zhbrief",
        "zhbrief.errors",
        "zhbrief.documents",
        "zhbrief.places",
        "zhbrief.layout",
        "zhbrief.controls",
    ),
    # the compiled dictionary index sits with zh (its IDF table); the rest of terms/ above it
    (
        "zhbrief.zh",
        "zhbrief.logs",
        "zhbrief.store",
        "zhbrief.web",
        "zhbrief.terms.lexicon",
        "zhbrief.terms.cedict",
        "zhbrief.terms.cues",
    ),
    # stories/: an article's story text needs ingest's text shape; output/ groups by story
    ("zhbrief.ingest", "zhbrief.glossary", "zhbrief.terms", "zhbrief.stories"),
    ("zhbrief.summarizers", "zhbrief.keyterms", "zhbrief.translation", "zhbrief.output"),
    (
        "zhbrief.config",
        "zhbrief.config_rules",
        "zhbrief.config_fetch",
        "zhbrief.config_translation",
        "zhbrief.config_files",
    ),
    ("zhbrief.run", "zhbrief.fetch", "zhbrief.serve"),
    ("zhbrief.cli", "zhbrief.__main__"),
)


def module_files() -> dict[str, Path]:
    """Every module under src/zhbrief by dotted name (a package by its own name)."""
    found = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the zhbrief modules it imports, anywhere in it (functions, TYPE_CHECKING too)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{name}: relative import; zhbrief imports by full name")
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "zhbrief":
                for alias in node.names:  # `from zhbrief.run import plan` imports a module
                    whole = f"{node.module}.{alias.name}"
                    targets.add(whole if whole in modules else str(node.module))
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.split(".")[0] == "zhbrief"}
        graph[name] = targets - {name}
    return graph


def floor_of(module: str) -> int:
    """The floor of a module: that of the longest prefix FLOORS names (the root only exactly)."""
    best, floor = "", -1
    for level, names in enumerate(FLOORS):
        for prefix in names:
            fits = module == prefix or (prefix != "zhbrief" and module.startswith(prefix + "."))
            if fits and len(prefix) > len(best):
                best, floor = prefix, level
    assert floor >= 0, f"{module} has no floor: add it to FLOORS in {__file__}"
    return floor


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle (strongly connected groups of more than one module), Tarjan's way."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checks_see_what_they_check() -> None:
    graph = import_graph(module_files())
    assert "zhbrief.run.plan" in graph["zhbrief.run.runner"]
    assert "zhbrief.translation.argos" in graph["zhbrief.translation.verify"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert floor_of("zhbrief.store.db") < floor_of("zhbrief.run.plan") < floor_of("zhbrief.cli")


def test_no_import_circle() -> None:
    assert cycles(import_graph(module_files())) == []


def test_no_import_from_a_lower_floor_up() -> None:
    upward = [
        f"{module} (floor {floor_of(module)}) imports {target} (floor {floor_of(target)})"
        for module, targets in sorted(import_graph(module_files()).items())
        for target in sorted(targets)
        if floor_of(target) > floor_of(module)
    ]
    assert upward == []


def test_every_module_is_in_a_regular_package() -> None:
    seen = {m.name for m in pkgutil.walk_packages(zhbrief.__path__, "zhbrief.")} | {"zhbrief"}
    assert seen == set(module_files())
    folders = {p.parent for p in SRC.rglob("*.py")}
    assert all((folder / "__init__.py").is_file() for folder in folders)
