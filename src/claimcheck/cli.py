"""The `claimcheck` command: parse options, make one library call, render, choose the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from claimcheck import __version__
from claimcheck.db import find_database, load_database
from claimcheck.errors import ClaimcheckError, ExitCode, UsageError
from claimcheck.lint import lint as lint_database
from claimcheck.render import json as render_json
from claimcheck.render import text as render_text
from claimcheck.stats import database_stats


class _Group(TyperGroup):
    """Turns claimcheck's own errors into a message on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored or not by typer
        try:
            return super().invoke(ctx)
        except ClaimcheckError as exc:
            Console(stderr=True, highlight=False).print(
                f"[bold red]error:[/] {exc}", soft_wrap=True
            )
            raise typer.Exit(exc.exit_code) from exc


app = typer.Typer(
    cls=_Group,
    help="Check statements against a claims database whose every claim points at its source's words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Database folder (with claims/ and sources/). Default: $CLAIMCHECK_DB, the nearest "
        "folder upwards that has both, then the bundled database.",
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a human report.")]


def _stdout() -> Console:
    return Console(highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """claimcheck: verify statements against a claims database with verbatim provenance."""


@app.command()
def lint(
    db: DbOption = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite drifted offsets and contexts in place.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings also make the exit code 1.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check the whole database and report every problem with its file and line.

    Exit 0 when clean, 1 when problems were found, 2 on usage errors, 3 when the
    database cannot be read at all.
    """
    report = lint_database(find_database(db), fix=fix)
    if as_json:
        typer.echo(render_json.dumps(render_json.lint_report(report)))
    else:
        render_text.lint_report(_stdout(), report)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


@app.command()
def sources(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the sources and their metadata."""
    database = load_database(find_database(db))
    if as_json:
        typer.echo(render_json.dumps([render_json.source(s) for s in database.sources.values()]))
    else:
        render_text.sources_table(_stdout(), database)


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(help="The claim's id, e.g. mil-012.")],
    db: DbOption = None,
    context_chars: Annotated[
        int, typer.Option("--context", help="Characters of source text around the quote.")
    ] = 160,
    as_json: JsonOption = False,
) -> None:
    """Show a claim, its facets, and its quote highlighted in the source's text."""
    database = load_database(find_database(db))
    claim = database.claim(claim_id)
    if claim is None:
        raise UsageError(
            f"no claim with id {claim_id!r} (see `claimcheck stats` for what is there)"
        )
    if as_json:
        typer.echo(render_json.dumps(render_json.claim(claim, database)))
    else:
        render_text.show_claim(_stdout(), claim, database, context_chars)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count claims by source, theme, predicate and entity."""
    result = database_stats(load_database(find_database(db)))
    if as_json:
        typer.echo(render_json.dumps(render_json.stats(result)))
    else:
        render_text.stats(_stdout(), result)


def main() -> None:
    app()
