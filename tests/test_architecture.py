"""Layering rules a newcomer can check: which layer may import which, no import cycles, and who
may import typer, rich and httpx. Imports inside functions count as much as those at the top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimcheck"

# Each layer imports only the layers below it (and itself): data flows one way,
# sources -> store -> language -> index -> judge -> renderer. Layers on one line are siblings
# and do not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("__init__", "errors", "models"),  # records, enums, the exception tree: stdlib only
    ("language",),  # the one reader of text: words, numbers, dates, names -> Facts
    ("store",),  # find, load, write the database; candidates files; the cache folder
    ("retrieve", "links"),  # the claim index and search; the link checker
    ("judge",),  # compare, the rule table, verify, conflicts
    ("author",),  # extract, lint
    ("render",),  # one renderer per output format
    ("cli",),  # options -> one library call -> renderer -> exit code
    ("__main__",),  # python -m claimcheck
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, resolved to full names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # "from claimcheck.retrieve import search" imports the module claimcheck.retrieve.search
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules() -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): imports(p) for p in PACKAGE.rglob("*.py")}


def internal_graph() -> dict[str, set[str]]:
    """claimcheck module -> the claimcheck modules it imports."""
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        targets = {
            name.removeprefix("claimcheck.")
            for name in imports(path)
            if name.startswith("claimcheck.")
        }
        graph[module_name(path)] = {t for t in targets if t in known} - {module_name(path)}
    return graph


def layer(module: str) -> str:
    return module.split(".")[0]


def uses(names: set[str], top: str) -> bool:
    return any(name == top or name.startswith(top + ".") for name in names)


def test_every_module_has_a_layer() -> None:
    assert [m for m in internal_graph() if layer(m) not in RANK] == []


def test_each_layer_imports_only_the_layers_below_it() -> None:
    offenders = [
        f"{module} -> {target}"
        for module, targets in internal_graph().items()
        for target in targets
        if layer(target) != layer(module) and RANK[layer(target)] >= RANK[layer(module)]
    ]
    assert offenders == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_import_cycles() -> None:
    assert find_cycles(internal_graph()) == []


def test_the_cycle_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    # The cycle that re-layering removed, hidden by an import inside a function.
    module = tmp_path / "index.py"
    module.write_text("def f():\n    from claimcheck.extraction import read_candidates\n")
    graph = {
        "extraction": {"matcher"},
        "matcher": {"index"},
        "index": {n.removeprefix("claimcheck.") for n in imports(module)} & {"extraction"},
    }
    assert find_cycles(graph) == [["extraction", "matcher", "index", "extraction"]]


def test_at_most_four_modules_beside_the_stage_packages() -> None:
    flat = {p.stem for p in PACKAGE.glob("*.py")} - {
        "__init__",
        "__main__",
        "cli",
        "errors",
        "models",
    }
    assert len(flat) <= 4, flat


def test_only_the_cli_imports_typer() -> None:
    offenders = [m for m, names in modules().items() if uses(names, "typer") and m != "cli.py"]
    assert offenders == []


def test_only_render_and_cli_import_rich() -> None:
    offenders = [
        m for m, names in modules().items()
        if uses(names, "rich") and m != "cli.py" and not m.startswith("render/")
    ]  # fmt: skip
    assert offenders == []


def test_only_links_imports_httpx() -> None:
    offenders = [
        m for m, names in modules().items() if uses(names, "httpx") and not m.startswith("links/")
    ]
    assert offenders == []


def test_models_and_errors_import_nothing_from_the_package() -> None:
    for module in ("models.py", "errors.py"):
        assert not uses(modules()[module], "claimcheck"), module


def test_the_package_is_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()
