"""Layering rules a newcomer can check: who may import typer, rich and httpx."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimcheck"


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules() -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): imports(p) for p in PACKAGE.rglob("*.py")}


def uses(names: set[str], top: str) -> bool:
    return any(name == top or name.startswith(top + ".") for name in names)


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
