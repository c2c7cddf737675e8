"""No import circles in src/pkdesk.

Every import is counted, wherever it stands: at module level, inside functions (where an
import is often put to dodge a circle), and under ``if TYPE_CHECKING:`` (a circle for the
type checker is still two modules that each need the other). Relative imports are resolved.
A circle is a strongly connected component of the module graph with more than one module
(or a module importing itself).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Known circles allowed to stay (none: the core/store restructure of issue 11 removed the
# last). A circle found must lie inside one of these; an entry that no longer has a circle
# fails too, so the list cannot go stale.
ALLOWED_CIRCLES: dict[str, frozenset[str]] = {}


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (anywhere in its body)."""
    files = {module_name(root, p): p for p in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[:len(base) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                # `from a.b import c`: c may be a module (a.b.c) or a name in a.b.
                targets = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in files else stem
                           for alias in node.names]
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]   # `import a.b.c` names a.b.c's module
                if target:
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with a circle in them (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        found.append(frozenset(component))
    return found


def describe(component: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = [f"{a} -> {b}" for a in sorted(component) for b in sorted(graph[a] & component)]
    return "; ".join(edges)


def test_no_import_circle_in_src() -> None:
    graph = import_graph(SRC, "pkdesk")
    assert "pkdesk.ui.window.main_window" in graph      # the walk sees the whole tree
    found = circles(graph)
    unexpected = [c for c in found
                  if not any(c <= allowed for allowed in ALLOWED_CIRCLES.values())]
    assert not unexpected, "import circles:\n" + "\n".join(describe(c, graph)
                                                           for c in unexpected)
    stale = [name for name, allowed in ALLOWED_CIRCLES.items()
             if not any(c <= allowed for c in found)]
    assert not stale, f"no circle left in {stale}: remove it from ALLOWED_CIRCLES"



def test_the_walk_finds_function_level_and_relative_circles(tmp_path: Path) -> None:
    pkg = tmp_path / "demo"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from demo.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from .. import c\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\n"
                              "if TYPE_CHECKING:\n    from demo.a import f\n")
    (pkg / "d.py").write_text("import demo.a\n")
    graph = import_graph(tmp_path, "demo")
    assert graph["demo.sub.b"] == {"demo.c"}
    assert circles(graph) == [frozenset({"demo.a", "demo.sub.b", "demo.c"})]
