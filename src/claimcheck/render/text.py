"""Human renderings with rich (colour only where the terminal supports it; NO_COLOR is honoured)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.models import (
    Claim,
    Conflict,
    Database,
    Level,
    Relation,
    Severity,
    Verdict,
    VerifyResult,
)

if TYPE_CHECKING:  # kept out of the import path of `verify`, which must start fast
    from claimcheck.author.lint import LintReport
    from claimcheck.retrieve.search import SearchResult
    from claimcheck.store.stats import Stats

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def count(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 claim', '2 claims': the noun agrees with the number (`nouns`: an irregular plural)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {nouns or noun + 's'}"


def lint_report(console: Console, report: LintReport) -> None:
    for p in report.problems:
        where = _relative(p.path, report.root) + (f":{p.line}" if p.line else "")
        line = Text.assemble(
            (where, "bold"),
            " ",
            (str(p.severity), _SEVERITY_STYLE[p.severity]),
            f" [{p.code}] ",
            p.message,
        )
        if p.fix is not None:
            line.append("  (fixable with --fix)", style="dim")
        console.print(line, soft_wrap=True)
    for p in report.fixed:
        console.print(Text.assemble(("fixed ", "green"), f"[{p.code}] ", p.message), soft_wrap=True)
    imported = f" and {count(report.imported, 'imported claim')}" if report.imported else ""
    summary = (
        f"{count(report.claims, 'claim')} in {count(report.sources, 'source')}{imported}: "
        f"{count(len(report.errors), 'error')}, {count(len(report.warnings), 'warning')}"
    )
    if report.fixed:
        summary += f", {len(report.fixed)} fixed"
    console.print(Text(summary, style="bold green" if not report.errors else "bold red"))


def sources_table(console: Console, db: Database) -> None:
    table = Table(title=count(len(db.sources), "source"))
    # An id is never broken (it is what one types next); the other columns wrap by words.
    table.add_column("id", no_wrap=True)
    for column in ("title", "authors", "publisher", "date", "claims"):
        table.add_column(column, overflow="fold")
    counts = {sid: 0 for sid in db.sources}
    for claim in db.claims:
        counts[claim.source] = counts.get(claim.source, 0) + 1
    for source in db.sources.values():
        table.add_row(
            source.id,
            source.title or "—",
            ", ".join(source.authors) or "—",
            source.publisher or "—",
            source.date or "—",
            str(counts[source.id]),
        )
    console.print(table)


def show_claim(console: Console, claim: Claim, db: Database, context_chars: int = 160) -> None:
    console.print(Text.assemble((claim.id, "bold cyan"), "  ", claim.text))
    facets = Table.grid(padding=(0, 2))
    facets.add_column(style="dim")
    facets.add_column(overflow="fold")
    obj = f" → {claim.object}" if claim.object else ""
    facets.add_row(
        "fact", f"{claim.subject} {'NOT ' if claim.negated else ''}{claim.predicate}{obj}"
    )
    if claim.quantity:
        q = claim.quantity
        what = " ".join(x for x in (q.currency, q.unit) if x)
        upper = f"–{q.max:,.10g}" if q.max is not None else ""
        facets.add_row("quantity", f"{q.value:,.10g}{upper} {what} ({q.bound})")
    for label, value in (
        ("date", claim.date),
        ("date bound", claim.date_bound),
        ("status", claim.status),
    ):
        if value:
            facets.add_row(label, value)
    for key, value in claim.scope.items():
        facets.add_row(f"scope.{key}", value)
    facets.add_row("theme", claim.theme)
    facets.add_row("defined at", f"{_relative(claim.path, db.root)}:{claim.line}")
    if claim.note:
        facets.add_row("note", claim.note)
    console.print(facets)
    for url in claim.cites:  # whole, on a line of its own: a folded URL cannot be copied
        console.print(Text.assemble(("cites", "dim"), "  ", url), soft_wrap=True)

    source = db.sources.get(claim.source)
    if source is None:
        console.print(Text(f"source {claim.source!r} is not in the database", style="red"))
        return
    text = source.text
    first, last = source.line_of(claim.start), source.line_of(max(claim.start, claim.end - 1))
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    console.print(
        Text(f"\n{source.title or source.id} ({source.text_path.name}), {where}:", style="dim")
    )
    # Paragraph-long lines are common in extracted text, so show a window of characters.
    lo = max(0, claim.start - context_chars)
    hi = min(len(text), claim.end + context_chars)
    line_start = text.rfind("\n", 0, lo) + 1
    number = source.line_of(lo)
    while line_start < hi:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        s, e = max(lo, line_start), min(hi, line_end)
        excerpt = Text(("…" if s > line_start else "") + text[s:e] + ("…" if e < line_end else ""))
        shift = s - (1 if s > line_start else 0)
        q_start, q_end = max(claim.start, s) - shift, min(claim.end, e) - shift
        if q_start < q_end:
            excerpt.stylize("bold black on yellow", q_start, q_end)
        console.print(Text.assemble((f"{number:>5} │ ", "dim"), excerpt))
        line_start, number = line_end + 1, number + 1


def stats(console: Console, s: Stats) -> None:
    imported = f", {count(s.imported, 'imported claim')}" if s.imported else ""
    console.print(
        Text(
            f"{count(s.claims, 'claim')}, {count(s.sources, 'source')}, "
            f"{count(s.entities, 'entity', 'entities')}{imported}",
            style="bold",
        )
    )
    for title, counts in (
        ("by source", s.by_source),
        ("imported, by collection", s.by_collection),
        ("by theme", s.by_theme),
        ("by predicate", s.by_predicate),
        ("by entity (top 25)", dict(list(s.by_entity.items())[:25])),
    ):
        table = Table(title=title, title_justify="left")
        table.add_column("name")
        table.add_column("claims", justify="right")
        for name, n in counts.items():
            table.add_row(name, str(n))
        if counts:
            console.print(table)


_VERDICT_STYLE = {
    Verdict.SUPPORTED: ("bold white on green", "SUPPORTED"),
    Verdict.CONTRADICTED: ("bold white on red", "CONTRADICTED"),
    Verdict.DISPUTED: ("bold black on yellow", "DISPUTED"),
    Verdict.NOT_FOUND: ("bold white on bright_black", "NOT FOUND"),
}
_RELATION_STYLE = {
    Relation.SUPPORTS: ("green", "supports"),
    Relation.CONTRADICTS: ("red", "contradicts"),
    Relation.RELATED: ("dim", "related"),
}


def verify_result(console: Console, result: VerifyResult) -> None:
    style, label = _VERDICT_STYLE[result.verdict]
    console.print(Text.assemble((f" {label} ", style), "  ", (result.statement, "bold")))
    console.print(Text(f"{result.why} (confidence {result.confidence:.2f})", style="italic"))
    if result.covered:
        console.print(Text("the evidence speaks of: " + ", ".join(result.covered)))
    if result.not_covered:
        console.print(Text("it says nothing of: " + ", ".join(result.not_covered), style="dim"))
    for number, item in enumerate(result.evidence, 1):
        colour, relation = _RELATION_STYLE[item.relation]
        console.print(
            Text.assemble(
                f"\n{number}. ",
                (relation, f"bold {colour}"),
                "  ",
                (item.claim_id, "cyan"),
                "  ",
                item.claim,
            )
        )
        # Line breaks inside a quote become spaces: same length, so highlights stay in place.
        quote = Text(item.quote.replace("\n", " "))
        for start, end in item.highlights:
            quote.stylize("bold underline", start, end)
        console.print(Text.assemble("   “", quote, "”"))
        title = item.source.title or item.source.id
        console.print(Text(f"   {title} ({item.source.id}), line {item.source.line}", style="dim"))
        for url in item.cites:
            console.print(Text(f"   cites {url}", style="dim"))
        if item.reasons:
            console.print(Text("   why: " + "; ".join(item.reasons), style="dim"))
    console.print()


_LEVEL_STYLE = {Level.HIGH: "bold red", Level.MEDIUM: "bold yellow", Level.LOW: "cyan"}


def conflicts(console: Console, found: list[Conflict]) -> None:
    from rich.console import Group
    from rich.panel import Panel

    for item in found:
        style = _LEVEL_STYLE[item.severity]
        body: list[Text] = [Text(item.explanation)]
        for number, side in enumerate(item.sides, 1):
            body.append(Text.assemble(f"\nside {number}: ", (side.value, "bold")))
            for claim in side.claims:
                name = claim.source.title or claim.source.id
                body.append(Text(f"  {claim.claim_id}  “{' '.join(claim.quote.split())}”"))
                body.append(
                    Text(f"    {name} ({claim.source.id}), line {claim.source.line}", style="dim")
                )
            if side.corroborated_by:
                backers = ", ".join(f"{c.claim_id} ({c.source.id})" for c in side.corroborated_by)
                body.append(Text(f"  agreeing, less precisely: {backers}", style="dim"))
        if item.reasons:
            body.append(Text("\nwhy: " + "; ".join(item.reasons), style="dim"))
        about = " ".join(x for x in (item.subject, item.predicate, item.object or "") if x)
        heading = Text.assemble(
            (f" {item.severity.value.upper()} ", style), f" {item.field} · {about} "
        )
        subtitle = f"{item.id} · {item.kind}"
        console.print(Panel(Group(*body), title=heading, title_align="left", subtitle=subtitle))
    counts = {level: sum(c.severity is level for c in found) for level in Level}
    summary = ", ".join(f"{n} {level.value}" for level, n in counts.items() if n)
    console.print(
        Text(count(len(found), "conflict") + (f" ({summary})" if summary else ""), style="bold")
    )


_RANKER_NAMES = {"words": "words", "chars": "spelling", "meaning": "meaning"}


def search_result(console: Console, result: SearchResult) -> None:
    console.print(Text(result.query, style="bold"))
    if not result.hits:
        console.print(Text("  no claim shares a word with this query", style="italic"))
    for number, hit in enumerate(result.hits, 1):
        doc = hit.document
        console.print(
            Text.assemble(
                f"{number:>3}. ",
                (f"{hit.score:.4f}", "bold"),
                "  ",
                (doc.id, "cyan"),
                "  ",
                doc.text,
            )
        )
        where = (
            f"quoted from {doc.origin}"
            if doc.kind == "quoted"
            else f"imported from {doc.origin}" + (f", rated {doc.rating!r}" if doc.rating else "")
        )
        details = [doc.title and f"“{doc.title}”", doc.url, where]
        console.print(Text("       " + " · ".join(d for d in details if d), style="dim"))
        ranks = ", ".join(f"{_RANKER_NAMES[k]} #{v}" for k, v in hit.ranks.items())
        words = ", ".join(hit.matched) or "none"
        console.print(Text(f"       why: {ranks}; shared words: {words}", style="dim"))
    console.print()
