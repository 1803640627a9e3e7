"""The `claimcheck` command: parse options, make one library call, render, choose the exit code.

Library modules are imported inside the commands that need them, so that `verify` does not pay
for the YAML and JSON Schema machinery that only `lint` and index rebuilds use.
"""

from __future__ import annotations

import re
import shlex
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, ExitCode, Interrupted, UsageError
from claimcheck.models import Verdict
from claimcheck.render.text import count

if TYPE_CHECKING:  # imported when a ClaimReview is asked for, not on every start
    from claimcheck.render.claimreview import Review


class _Group(TyperGroup):
    """Turns claimcheck's own errors into a message on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:  # click.Context, vendored or not by typer
        try:
            return super().invoke(ctx)
        except Interrupted as exc:
            _complain("interrupted", str(exc))
            raise typer.Exit(exc.exit_code) from exc
        except KeyboardInterrupt as exc:
            _complain("interrupted", "nothing was left half-written")
            raise typer.Exit(ExitCode.INTERRUPTED) from exc
        except ClaimcheckError as exc:
            _complain("error", str(exc))
            raise typer.Exit(exc.exit_code) from exc


def _complain(label: str, message: str) -> None:
    from rich.markup import escape

    Console(stderr=True, highlight=False).print(
        f"[bold red]{label}:[/] {escape(message)}", soft_wrap=True
    )


app = typer.Typer(
    cls=_Group,
    help="Check statements against a claims database whose every claim points at its "
    "source's words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help is plain text: no markup to eat "[tool.claimcheck.links]" or "claimcheck[semantic]",
    # and a docstring's line breaks are joined into paragraphs.
    rich_markup_mode=None,
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


def _format_option(*choices: str) -> Any:
    return typer.Option(
        "--format",
        click_type=click.Choice(choices, case_sensitive=False),
        help=f"Output: {', '.join(choices)} (default {choices[0]}).",
        show_default=False,
    )


FormatOption = Annotated[str | None, _format_option("text", "json")]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
CandidatesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--include-candidates",
        help="Also use the claims proposed in FILE (written by `claimcheck extract`); repeatable.",
        exists=True,
        dir_okay=False,
    ),
]


def _output(chosen: str | None, as_json: bool) -> str:
    """The output format asked for: --format, or --json (its shorthand), else text."""
    if as_json and chosen not in (None, "json"):
        raise UsageError(f"--json is short for --format json: it cannot go with --format {chosen}")
    return "json" if as_json else (chosen or "text").lower()


def _stdout() -> Console:
    return Console(highlight=False)


def _cache_notice() -> Callable[[str], None]:
    """Says on stderr, once each, what happened to a cache (rebuilt, or not usable): a line, not
    an error, since the answer comes all the same."""
    said: set[str] = set()

    def notice(message: str) -> None:
        if message not in said:
            said.add(message)
            Console(stderr=True, highlight=False).print(message, markup=False, soft_wrap=True)

    return notice


def _database_root(db: Path | None) -> Path:
    from claimcheck.store.database import find_database

    return find_database(db)


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
def verify(
    statements: Annotated[
        list[str] | None, typer.Argument(help="Statements to check.", show_default=False)
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read statements from FILE, one per line ('-': stdin)."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Evidence items per statement.")] = 5,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Exit 1 when any statement gets one of these verdicts "
            "(comma-separated, e.g. contradicted,disputed).",
        ),
    ] = "",
    db: DbOption = None,
    include_candidates: CandidatesOption = None,
    output: Annotated[str | None, _format_option("text", "json", "claimreview")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Short for --format json: one object a line.")
    ] = False,
    author: Annotated[
        str | None,
        typer.Option("--author", help="ClaimReview: who publishes the review (else left out)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="ClaimReview: its date, YYYY-MM-DD (else left out)."),
    ] = None,
    appearance: Annotated[
        str | None,
        typer.Option("--appearance", help="ClaimReview: the URL where the statement was made."),
    ] = None,
    rules_only: Annotated[
        bool,
        typer.Option(
            "--rules-only",
            help="Never ask the text-pair model, even when the semantic extra is installed.",
        ),
    ] = False,
) -> None:
    """Say whether the database supports, contradicts or disputes each statement, or has
    nothing on it, with the claims, verbatim quotes and source lines behind the answer.

    Exit 0 whatever the verdicts, unless --fail-on names one that occurred (then 1). With
    --format json, one JSON object a line, in the order of the statements; with --format
    claimreview, schema.org ClaimReview JSON-LD: one object, or a list for several statements.
    """
    fmt = _output(output, as_json)
    failing = _verdicts(fail_on)
    review = _review(author, published, appearance) if fmt == "claimreview" else None
    # Every line of --file is answered, a blank one too, so output line N answers input line N.
    texts = [*(statements or []), *(_read_lines(file) if file else [])]
    if file is not None and not any(texts):
        raise UsageError("no statements in the file (one a line)", path=file)
    if not texts:
        raise UsageError("give a statement, or --file FILE with one statement per line")

    from claimcheck.judge.verify import pair_model, search_ranking
    from claimcheck.judge.verify import verify as verify_statement
    from claimcheck.retrieve.index import open_index

    root = _database_root(db)
    notice = _cache_notice()
    index = open_index(root, candidates=include_candidates or (), notify=notice)
    # search's ranking knows the database only: candidates are found by the names-first path.
    ranking = None if include_candidates else search_ranking(root, notify=notice)
    pairs = None if rules_only else pair_model()
    from claimcheck.render import json as render_json
    from claimcheck.render import text as render_text
    from claimcheck.render.claimreview import claim_review

    urls: dict[str, str | None] = {}
    if review is not None:  # each source's URL, read once for every review's citations
        from claimcheck.store.database import source_urls

        urls = source_urls(root)
    console = _stdout()
    found: set[Verdict] = set()
    reviews: list[dict[str, Any]] = []
    answered = 0
    try:
        for text in texts:
            result = verify_statement(text, index, top=top, ranking=ranking, pairs=pairs)
            with _uninterrupted():  # an answer shown is an answer counted
                found.add(result.verdict)
                if review is not None:
                    reviews.append(claim_review(result, review, urls))
                elif fmt == "json":
                    typer.echo(render_json.line(render_json.verify_result(result)))
                else:
                    render_text.verify_result(console, result)
                answered += 1
    except KeyboardInterrupt as exc:
        raise Interrupted(f"answered {answered} of {len(texts)} statements") from exc
    if review is not None:
        typer.echo(render_json.dumps(reviews[0] if len(reviews) == 1 else reviews))
    raise typer.Exit(ExitCode.FINDINGS if found & failing else ExitCode.OK)


def _review(author: str | None, published: str | None, appearance: str | None) -> Review:
    from claimcheck.language.dates import impossible_iso
    from claimcheck.render.claimreview import Review

    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    if published is not None and (not day.fullmatch(published) or impossible_iso(published)):
        raise UsageError(f"--published {published!r}: give a date as YYYY-MM-DD")
    if appearance is not None and not appearance.startswith(("http://", "https://")):
        raise UsageError(f"--appearance {appearance!r} is not an http(s) address")
    return Review(author, published, appearance)


def _verdicts(names: str) -> set[Verdict]:
    chosen = set()
    for name in filter(None, (n.strip().lower().replace("-", "_") for n in names.split(","))):
        try:
            chosen.add(Verdict(name))
        except ValueError:
            allowed = ", ".join(v.value for v in Verdict)
            raise UsageError(
                f"--fail-on: unknown verdict {name!r} (choose from {allowed})"
            ) from None
    return chosen


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C waits for the block to end (where the platform can hold a signal back), so that
    what it does is done whole: no answer is printed but left uncounted."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _read_lines(file: Path) -> list[str]:
    """Every line of FILE ('-': stdin), stripped. Only a newline ends a line: a tweet may hold
    the other characters str.splitlines breaks at (U+2028, U+0085)."""
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read statements: {exc.strerror or exc}", path=file) from exc
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is no part of the first statement
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise UsageError(
            f"not UTF-8 text: byte {raw[exc.start]:#04x} at column {column}", path=file, line=line
        ) from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.strip() for line in lines]


@app.command()
def search(
    queries: Annotated[
        list[str] | None, typer.Argument(help="Statements to look up.", show_default=False)
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read queries from FILE, one per line ('-': stdin)."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Claims per query.")] = 5,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic",
            help="Also rank by meaning (sentence embeddings; needs claimcheck[semantic]). "
            "The first run embeds every claim once.",
        ),
    ] = False,
    db: DbOption = None,
    output: FormatOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Short for --format json: one object a line.")
    ] = False,
) -> None:
    """Rank the database's claims, quoted and imported, for each query: best first, with
    scores and the words that matched. No verdict: that is `verify`. With --format json, one
    JSON object a line, in the order of the queries."""
    fmt = _output(output, as_json)
    # Every line of --file is a query, a blank one too, so output line N answers input line N.
    texts = [*(queries or []), *(_read_lines(file) if file else [])]
    if not texts:
        raise UsageError("give a query, or --file FILE with one query per line")
    from claimcheck.retrieve.search import open_search_index

    index = open_search_index(_database_root(db), semantic=semantic, notify=_cache_notice())
    console = None if fmt == "json" else _stdout()
    for text in texts:
        result = index.search(text, top=top)
        if console is None:
            from claimcheck.render import json as render_json

            typer.echo(render_json.line(render_json.search_result(result)))
        else:
            from claimcheck.render import text as render_text

            render_text.search_result(console, result)


@app.command("learn-weights")
def learn_weights(
    examples: Annotated[
        Path,
        typer.Argument(
            help="Statements with the id of the claim each restates: a .tsv of statement<TAB>"
            'claim_id, or .jsonl of {"statement": ..., "claim_id": ...}.',
            dir_okay=False,
        ),
    ],
    db: DbOption = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Learn from statements whose claim you know which of their words say nothing about the
    claim ("you", "look", "via", a post's date), and weigh those down in `search` (and in
    `verify`'s fall-back ranking). Writes query-weights.yaml in the database; delete it to undo."""
    from claimcheck.retrieve.weights import learn_weights as learn

    fmt = _output(output, as_json)
    learned = learn(_database_root(db), examples)
    if fmt == "json":
        from claimcheck.render import json as render_json

        typer.echo(render_json.dumps(render_json.learned_weights(learned)))
        return
    # words before numbers (a signature's dates): they say more about what was learned
    lowest = sorted(learned.weights.items(), key=lambda i: (i[1], not i[0].isalpha(), i[0]))[:8]
    shown = ", ".join(f"{term} {weight:g}" for term, weight in lowest)
    _stdout().print(
        f"learned from {count(learned.examples, 'statement')}: "
        f"{count(len(learned.weights), 'word')} weighed down"
        + (f" ({shown}, ...)" if shown else "")
        + f"; written to {learned.path}",
        markup=False,
    )


@app.command("add-source")
def add_source(
    file: Annotated[Path, typer.Argument(help="The article as UTF-8 text.", dir_okay=False)],
    source_id: Annotated[
        str | None, typer.Option("--id", help="Source id. Default: from FILE's name.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    authors: Annotated[
        list[str] | None, typer.Option("--authors", help="An author as printed; repeatable.")
    ] = None,
    publisher: Annotated[str | None, typer.Option("--publisher")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url")] = None,
    language: Annotated[str | None, typer.Option("--language", help="e.g. en, sr.")] = None,
    db: DbOption = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an article to sources/: its text copied byte for byte, and a metadata file with its
    sha256. Only what you give is filled in; the rest stays null. A text already in the
    database (same sha256) is refused."""
    from claimcheck.store.sources import SourceMetadata
    from claimcheck.store.sources import add_source as add

    fmt = _output(output, as_json)
    metadata = SourceMetadata(title, tuple(authors or ()), publisher, date, url, language)
    added = add(file, _database_root(db), metadata, source_id)
    # the next step, with the --db it needs to find this database again
    where = f" --db {shlex.quote(str(db))}" if db is not None else ""
    following = f"claimcheck extract {added.id}{where} --out {added.id}.candidates.yaml"
    if fmt == "json":
        from claimcheck.render import json as render_json

        typer.echo(render_json.dumps(render_json.added_source(added, following)))
        return
    _stdout().print(
        f"added source {added.id!r}: {added.text_path} (sha256 {added.sha256[:12]}…) and "
        f"{added.meta_path.name}\nnext: {following}",
        markup=False,
    )


@app.command()
def extract(
    source_id: Annotated[str, typer.Argument(help="The source to read, e.g. dragon-lands.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write the candidates to FILE (default: stdout).", dir_okay=False
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out candidates below this confidence (0.7 keeps the likeliest facts).",
        ),
    ] = 0.0,
    db: DbOption = None,
    output: Annotated[str | None, _format_option("yaml", "json")] = None,
    as_json: JsonOption = False,
) -> None:
    """Propose candidate claims for a source, as YAML in the database's format, for a person to
    review: one per figure, date or named event, with quote, offsets, facets, cited URLs and a
    confidence. Facts an existing claim of the source states are listed apart, not repeated.
    Never writes into claims/."""
    import yaml

    fmt = _output(output, as_json)
    from claimcheck.author.extract import candidates_document, entity_matcher
    from claimcheck.author.extract import extract as propose
    from claimcheck.store.database import load_database

    root = _database_root(db)
    database = load_database(root)
    source = database.sources.get(source_id)
    if source is None:
        known = ", ".join(sorted(database.sources))
        raise UsageError(f"no source {source_id!r} (the sources are: {known})")
    if out is not None and (root / "claims").resolve() in out.resolve().parents:
        raise UsageError("--out: candidates are for review; write them outside claims/")
    proposed = propose(
        source.id, source.text, entity_matcher(database.entities.values()), database.claims
    )
    result = proposed.at_least(min_confidence)
    document = candidates_document(result, source.title)
    header = (
        f"# Candidate claims for {source.id}, proposed by `claimcheck extract`. Review each one:\n"
        "# fix its text and facets, delete its `review` block, and move it into claims/<theme>.yaml.\n"
    )
    if fmt == "json":
        from claimcheck.render import json as render_json

        text = render_json.dumps(document) + "\n"
    else:
        text = header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    left_out = len(proposed.candidates) - len(result.candidates)
    summary = (
        f"{count(len(result.candidates), 'candidate')} from "
        f"{count(result.sentences, 'sentence')} of {source.id}; "
        f"{count(len(result.duplicates), 'fact')} already claimed"
        + (f"; {left_out} below confidence {min_confidence:g} left out" if left_out else "")
    )
    if out is None:
        typer.echo(text, nl=False)
        Console(stderr=True, highlight=False).print(summary)
    else:
        from claimcheck.store.yamldoc import write_atomic

        write_atomic(out, text)
        _stdout().print(f"{summary}; written to {out}")


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines (.jsonl), CSV/TSV, or ClaimReview JSON-LD (.json, .jsonld).",
            dir_okay=False,
        ),
    ],
    into: Annotated[
        Path,
        typer.Option(
            "--into", "--db", help="Database folder to create or extend.", file_okay=False
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Collection name (claims/NAME.yaml). Default: from FILE."),
    ] = None,
    given_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            click_type=click.Choice(["jsonl", "csv", "claimreview"], case_sensitive=False),
            help="FILE's format: jsonl, csv or claimreview. Default: from FILE's suffix.",
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Bring an external claim collection (a fact-checker's archive) into a database.

    Each claim keeps the id its file gave it; its provenance is its URL. Importing the same
    collection again replaces it. Exit 3 when FILE has a bad record (file and line are named).
    """
    from claimcheck.store.importer import import_collection

    fmt = _output(output, as_json)
    report = import_collection(file, into, name=name, format=given_format)
    if fmt == "json":
        from claimcheck.render import json as render_json

        typer.echo(render_json.dumps(render_json.imported(report)))
        return
    verb = "updated" if report.replaced else "created"
    _stdout().print(
        f"{verb} collection {report.name!r}: {count(report.count, 'claim')} from {file.name} "
        f"({report.format}) in {report.path}"
    )


@app.command()
def conflicts(
    severity: Annotated[
        str, typer.Option("--severity", help="Show conflicts at or above: high, medium or low.")
    ] = "low",
    subject: Annotated[
        str | None, typer.Option("--subject", help="Only conflicts about this entity (id or name).")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Only conflicts one of whose sides cites this source."),
    ] = None,
    fail_on_conflict: Annotated[
        bool,
        typer.Option(
            "--fail-on-conflict", help="Exit 1 when any conflict at or above --severity is found."
        ),
    ] = False,
    db: DbOption = None,
    include_candidates: CandidatesOption = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find where the sources disagree (counts, amounts, dates, status), each with both sides
    quoted, and stay quiet where they do not."""
    from claimcheck.judge.conflicts import filter_conflicts, find_conflicts
    from claimcheck.models import Level
    from claimcheck.retrieve.index import open_index

    fmt = _output(output, as_json)
    try:
        level = Level(severity.lower())
    except ValueError:
        raise UsageError("--severity takes high, medium or low") from None
    index = open_index(
        _database_root(db), candidates=include_candidates or (), notify=_cache_notice()
    )
    found = find_conflicts(index.claims(), index.entity_types, index.matcher, index.names_in_time)
    wanted = None
    if subject is not None:
        matches = index.matcher.find(subject)
        wanted = matches[0].entity_id if matches else subject
        if wanted not in index.entity_types:
            raise UsageError(f"--subject {subject!r}: no entity has this id or name")
    if source is not None and source not in {c.source_id for c in index.claims()}:
        raise UsageError(f"--source {source!r}: no claim cites a source with this id")
    found = filter_conflicts(found, level=level, subject=wanted, source=source)
    if fmt == "json":
        from claimcheck.render import json as render_json

        typer.echo(render_json.dumps(render_json.conflicts(found)))
    else:
        from claimcheck.render import text as render_text

        render_text.conflicts(_stdout(), found)
    raise typer.Exit(ExitCode.FINDINGS if fail_on_conflict and found else ExitCode.OK)


@app.command()
def links(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to scan (.txt .md .html .yaml). Default: the "
            "database's sources and the URLs its claims cite.",
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="List what was found and repaired; no network.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--format", help="Output: text, json, markdown, github, junit or sarif (default text)."
        ),
    ] = None,
    as_json: JsonOption = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Seconds for one attempt (default 10).")
    ] = None,
    max_concurrency: Annotated[
        int | None,
        typer.Option("--max-concurrency", help="Requests in flight at once (default 64)."),
    ] = None,
    max_per_host: Annotated[
        int | None,
        typer.Option("--max-per-host", help="Requests in flight to one host (default 4)."),
    ] = None,
    retries: Annotated[
        int | None,
        typer.Option("--retries", help="Retries after a timeout, error, 5xx or 429 (default 2)."),
    ] = None,
    accept: Annotated[
        str | None,
        typer.Option(
            "--accept",
            help="Codes that count as ok (default 200..299,403,429); 200..299 is strict.",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Regex of URLs not to check (repeatable).")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow loopback, private and link-local addresses."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Check everything again; do not read or write the cache."),
    ] = False,
    max_cache_age: Annotated[
        str | None,
        typer.Option("--max-cache-age", help="How long an ok result is trusted (default 1d)."),
    ] = None,
    suggest_archive: Annotated[
        bool,
        typer.Option(
            "--suggest-archive", help="For broken links, ask the Wayback Machine for a snapshot."
        ),
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Statuses that fail the run (default broken,error,timeout)."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Find every cited URL (repairing what PDF extraction broke) and check that it is alive.

    Exit 0 when every link is ok or accepted, 1 when one has a --fail-on status, 2 on usage
    errors, 3 on bad configuration. Settings can also live in [tool.claimcheck.links] of
    pyproject.toml or in claimcheck.toml.
    """
    from claimcheck.links.config import load_config, options_from
    from claimcheck.links.report import collect, run
    from claimcheck.render import links as render_links
    from claimcheck.store.cache import cache_dir

    # A bad file is an error even when a flag overrides the bad value: the file stays wrong.
    config = load_config(Path.cwd())
    flags = {
        "offline": offline or None, "timeout": timeout, "max_concurrency": max_concurrency,
        "max_per_host": max_per_host, "retries": retries, "accept": accept, "exclude": exclude,
        "allow_private": allow_private or None, "no_cache": no_cache or None,
        "max_cache_age": max_cache_age, "suggest_archive": suggest_archive or None,
        "fail_on": fail_on, "format": _output(output, as_json) if output or as_json else None,
    }  # fmt: skip
    options = options_from(config, flags)
    fmt = options.format
    root = None if paths else _database_root(db)
    refs = collect(list(paths or []), root)
    console = _stdout()
    if fmt == "text" and console.is_terminal and not options.offline:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("checking links", total=len(refs))
            report = run(refs, options, cache_path=cache_dir() / "links.json",
                         on_done=lambda _: progress.advance(task))  # fmt: skip
    else:
        report = run(refs, options, cache_path=cache_dir() / "links.json")
    if fmt == "json":
        typer.echo(render_links.as_json(report))
    elif fmt == "markdown":
        typer.echo(render_links.markdown(report))
    elif fmt == "github":
        typer.echo(render_links.github(report, options.fail_on))
    elif fmt == "junit":
        typer.echo(render_links.junit(report, options.fail_on))
    elif fmt == "sarif":
        from claimcheck.render.json import dumps

        base = root if root is not None else Path.cwd()  # what the locations are relative to
        typer.echo(dumps(render_links.sarif(report, options.fail_on, base)))
    else:
        render_links.text(console, report)
    raise typer.Exit(ExitCode.FINDINGS if report.failing(options.fail_on) else ExitCode.OK)


@app.command()
def report(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder to write the site into (new, empty, or an older report)."
        ),
    ],
    check_links: Annotated[
        bool,
        typer.Option(
            "--check-links",
            help="Check the cited links now (as `claimcheck links` does) instead of showing "
            "their last known status from the cache.",
        ),
    ] = False,
    db: DbOption = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write the database as a static HTML site that works offline from its folder: the sources
    with every claim highlighted, the conflicts side by side, the cited links, and a search box.

    Open DIR/index.html in a browser; no server or network is needed. A previous report in DIR
    is replaced whole, and only once the new one is written.
    """
    from claimcheck.render.report import write_report

    fmt = _output(output, as_json)
    options = None
    if check_links:
        from claimcheck.links.config import load_config, options_from

        options = options_from(load_config(Path.cwd()), {})
    site = write_report(
        _database_root(db),
        out,
        check_links=check_links,
        link_options=options,
        notify=_cache_notice(),
    )
    written = site.written
    if fmt == "json":
        from claimcheck.render import json as render_json

        typer.echo(render_json.dumps(render_json.site(site)))
        return
    _stdout().print(
        f"wrote {count(written.pages, 'page')} ({count(written.files, 'file')}, "
        f"{written.bytes / 1024:,.0f} KB) to {written.out}: {count(site.sources, 'source')}, "
        f"{count(site.claims, 'claim')}, {count(site.conflicts, 'conflict')}, "
        f"{count(site.links, 'link')}",
        markup=False,
        soft_wrap=True,
    )


@app.command()
def lint(
    db: DbOption = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite drifted offsets and contexts in place.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings also make the exit code 1.")
    ] = False,
    output: Annotated[str | None, _format_option("text", "json", "sarif")] = None,
    as_json: JsonOption = False,
) -> None:
    """Check the whole database and report every problem with its file and line.

    Exit 0 when clean, 1 when problems were found, 2 on usage errors, 3 when the
    database cannot be read at all.
    """
    from claimcheck.author.lint import lint as lint_database
    from claimcheck.render import json as render_json
    from claimcheck.render import text as render_text

    fmt = _output(output, as_json)
    report = lint_database(_database_root(db), fix=fix)
    if fmt == "sarif":
        typer.echo(render_json.dumps(render_json.lint_sarif(report)))
    elif fmt == "json":
        typer.echo(render_json.dumps(render_json.lint_report(report)))
    else:
        render_text.lint_report(_stdout(), report)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


@app.command()
def sources(db: DbOption = None, output: FormatOption = None, as_json: JsonOption = False) -> None:
    """List the sources and their metadata."""
    fmt = _output(output, as_json)
    from claimcheck.render import json as render_json
    from claimcheck.render import text as render_text
    from claimcheck.store.database import load_database

    database = load_database(_database_root(db))
    if fmt == "json":
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
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a claim, its facets, and its quote highlighted in the source's text."""
    fmt = _output(output, as_json)
    from claimcheck.render import json as render_json
    from claimcheck.render import text as render_text
    from claimcheck.store.database import load_database

    database = load_database(_database_root(db))
    claim = database.claim(claim_id)
    if claim is None:
        raise UsageError(
            f"no claim with id {claim_id!r} (see `claimcheck stats` for what is there)"
        )
    if fmt == "json":
        typer.echo(render_json.dumps(render_json.claim(claim, database)))
    else:
        render_text.show_claim(_stdout(), claim, database, context_chars)


@app.command()
def stats(db: DbOption = None, output: FormatOption = None, as_json: JsonOption = False) -> None:
    """Count claims by source, theme, predicate and entity (imported collections apart)."""
    fmt = _output(output, as_json)
    from claimcheck.render import json as render_json
    from claimcheck.render import text as render_text
    from claimcheck.store.database import load_database
    from claimcheck.store.stats import database_stats

    result = database_stats(load_database(_database_root(db)))
    if fmt == "json":
        typer.echo(render_json.dumps(render_json.stats(result)))
    else:
        render_text.stats(_stdout(), result)


def main() -> None:
    app()
