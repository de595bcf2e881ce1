"""The package's layers (docs/architecture.md): a module imports only its own
stage and the stages below it, and there is no import cycle."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crosscase"
# Lowest first: common helpers, the registry and schemas are used by everyone;
# the command line sits on top of all stages.
LAYERS = {
    "common": 0,
    "schemas": 0,
    "registry": 0,
    "ingest": 1,
    "within": 2,
    "compare": 3,
    "qca": 4,
    "outputs": 5,
    "cli": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """crosscase modules imported anywhere in the file (lazy imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("crosscase"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("crosscase"))
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules and name != "crosscase"}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else 0


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m != "crosscase"))
def test_no_module_imports_a_stage_above_it(module):
    above = sorted(name for name in GRAPH[module] if layer(name) > layer(module))
    assert not above, f"{module} imports {above}, a stage above it"


def test_every_subpackage_has_a_layer():
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} <= set(LAYERS)


def test_no_import_cycle():
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for start in sorted(GRAPH):
        if start not in state:
            visit(start, [])
