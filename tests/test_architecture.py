"""The package's shape (docs/architecture.md): layers that import only downwards, no
import cycles (function-level imports included), no Dash below the page, and no
function too long to read at once. Read from the source with `ast`, nothing run."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dashapp

PACKAGE = Path(dashapp.__file__).resolve().parent
# Lowest first: a module may import its own layer and the ones before it, never after.
# export (the FHIR record) sits right above the engine whose results it writes down: it needs
# nothing visual, and the page, the server and the CLI all offer it.
LAYERS = ("model", "datafiles", "clinical", "export", "pictures", "page", "server", "top")
WITHOUT_DASH = ("model", "datafiles", "clinical", "export", "pictures")  # they compute; tested bare
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    """'dashapp.page.callbacks.where' -> 'page'; app.py, cli.py, __main__.py -> 'top'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "top"


def imports_of(module: str) -> list[tuple[str, int]]:
    """Every dashapp module `module` imports, at any depth of its code, with the line.
    `from dashapp.x import y` names the module dashapp.x.y when y is one, else dashapp.x."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in MODULES else base, node.lineno))
    return [(name, line) for name, line in found if name in MODULES and name != module]


GRAPH = {m: imports_of(m) for m in MODULES}


def test_the_package_is_read_whole():
    """The checks below see every module (a renamed folder must not hide them)."""
    assert len(MODULES) > 40
    assert {layer_of(m) for m in MODULES} == set(LAYERS)


def test_every_module_sits_in_a_known_layer():
    assert all(layer_of(m) in LAYERS for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_down_the_layers(module):
    mine = LAYERS.index(layer_of(module))
    upward = [f"{name} (line {line})" for name, line in GRAPH[module]
              if LAYERS.index(layer_of(name)) > mine]
    assert not upward, f"{module} ({layer_of(module)}) imports a higher layer: {upward}"


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a self-loop."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = {m: sorted({name for name, _ in edges}) for m, edges in GRAPH.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_one():
    """The check above can fail: two modules that import each other are found."""
    assert _cycles({"a": ["b"], "b": ["a"], "c": ["a"]}) == [["a", "b"]]
    assert _cycles({"a": ["a"]}) == [["a"]]
    assert _cycles({"a": ["b"], "b": []}) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) in WITHOUT_DASH))
def test_modules_that_compute_import_no_dash(module):
    tree = ast.parse(MODULES[module].read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert not [n for n in names if n == "dash" or n.startswith(("dash.", "flask"))]


def test_no_function_is_too_long_to_read():
    long = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{module}.{node.name}: {lines} lines")
    assert not long, long
