"""The engine's structure: no import cycles between its modules, and no MkDocs outside the
plugin (the engine never imports MkDocs; the plugin is a thin adapter)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "glossary_site"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every glossary_site module ``path`` imports, anywhere in it (TYPE_CHECKING blocks and
    function bodies included: a cycle there is still a cycle in the design)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("glossary_site")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("glossary_site"):
                continue
            for alias in node.names:  # "from . import x" may name a module
                found.add(f"{target}.{alias.name}")  # graph() falls back to the package
    return found


def graph() -> nx.DiGraph:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        for target in imports_of(path):
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                g.add_edge(name, target)
    return g


def test_the_engine_has_no_import_cycles():
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph()) if len(c) > 1]
    assert cycles == []


def test_only_the_plugin_and_its_hook_import_mkdocs():
    users = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                users.add(module_name(path))
    assert users <= {"glossary_site.plugin", "glossary_site.notebook_css"}


def test_the_cache_is_a_leaf_and_nothing_unpickles():
    assert {t for t in graph().successors("glossary_site.build.cache")} == set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pickle" not in text and "marshal" not in text, path
