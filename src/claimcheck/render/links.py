"""Renderings of a links report: text (rich), json, markdown, github annotations, junit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rich.console import Console
from rich.text import Text

from claimcheck.links.check import LinkResult, Status
from claimcheck.links.extract import LinkRef
from claimcheck.links.report import ORDER, Report
from claimcheck.render.sarif import Finding, sarif_log
from claimcheck.render.text import count

_STYLE = {
    Status.BROKEN: "bold red", Status.ERROR: "red", Status.TIMEOUT: "yellow",
    Status.EXCLUDED: "dim", Status.REDIRECTED: "cyan", Status.OK: "green",
}  # fmt: skip


def _sorted(report: Report) -> list[tuple[LinkRef, LinkResult | None]]:
    rank = {status: i for i, status in enumerate(ORDER)}
    return sorted(report.links, key=lambda lr: (rank[lr[1].status] if lr[1] else 99, lr[0].url))


def _where(ref: LinkRef) -> str:
    return ", ".join(f"{loc.file}:{loc.line}" for loc in ref.locations)


def _note(result: LinkResult | None) -> str:
    if result is None:
        return ""
    parts = [result.detail or ""]
    if result.final_url:
        parts.append(f"-> {result.final_url}")
    if "likely_intended" in result.extra:
        parts.append(f"likely intended: {result.extra['likely_intended']}")
    if "archive" in result.extra:
        parts.append(f"archived: {result.extra['archive']}")
    if result.cached:
        parts.append("(cached)")
    return " ".join(p for p in parts if p)


def text(console: Console, report: Report) -> None:
    """One link a line, its URL whole (a table column would fold it mid-word at 80 columns,
    and a folded URL cannot be copied), what else is known indented below it."""
    console.print(Text(count(len(report.links), "link"), style="bold"))
    for ref, result in _sorted(report):
        status = result.status if result else None
        label = Text(status.value, style=_STYLE[status]) if status else Text("found", style="dim")
        note = _note(result)
        if result is None and (ref.repairs or ref.candidates):
            note = "; ".join(ref.repairs + [f"or: {c}" for c in ref.candidates])
        console.print(Text.assemble(label, " ", ref.url), soft_wrap=True)
        details = [
            f"in {_where(ref)}",
            *([f"cited by {', '.join(ref.claims)}"] if ref.claims else []),
        ]
        console.print(Text("    " + "; ".join([*details, *([note] if note else [])]), style="dim"))
    summary = ", ".join(f"{n} {status}" for status, n in report.summary.items())
    if report.links and report.links[0][1] is not None:
        console.print(Text(f"{summary}; {count(report.requests, 'request')}", style="bold"))


def as_json(report: Report) -> str:
    links = [_record(ref, result) for ref, result in report.links]
    return json.dumps({"links": links, "summary": report.summary}, ensure_ascii=False, indent=2)


def _record(ref: LinkRef, result: LinkResult | None) -> dict[str, Any]:
    return {
        "url": ref.url,
        "status": result.status.value if result else "unchecked",
        "http_status": result.http_status if result else None,
        "final_url": result.final_url if result else None,
        "printed": ref.printed,
        "candidates": ref.candidates,
        "repairs": ref.repairs,
        "locations": [{"file": x.file, "line": x.line, "column": x.column} for x in ref.locations],
        "claims": ref.claims,
        "detail": result.detail if result else None,
        "cached": result.cached if result else False,
        "elapsed_ms": result.elapsed_ms if result else None,
        "likely_intended": result.extra.get("likely_intended") if result else None,
        "archive": result.extra.get("archive") if result else None,
    }


def markdown(report: Report) -> str:
    lines = ["## Links", ""]
    if report.summary:
        lines += [" · ".join(f"**{n}** {s}" for s, n in report.summary.items()), ""]
    lines += ["| status | url | where | claims | note |", "|---|---|---|---|---|"]
    for ref, result in _sorted(report):
        status = result.status.value if result else "found"
        cells = [status, f"<{ref.url}>", _where(ref), ", ".join(ref.claims), _note(result)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def github(report: Report, fail_on: frozenset[Status]) -> str:
    """Workflow commands: each failing link shows on the line of the diff that cites it."""
    out = []
    for ref, result in report.links:
        if result is None or result.status in (Status.OK, Status.EXCLUDED):
            continue
        level = "error" if result.status in fail_on else "warning"
        message = f"{result.status.value}: {ref.url} {_note(result)}".strip().replace("\n", " ")
        for loc in ref.locations:
            out.append(
                f"::{level} file={loc.file},line={loc.line},col={loc.column},title=link {result.status.value}::{message}"
            )
    summary = ", ".join(f"{n} {s}" for s, n in report.summary.items())
    out.append(f"::notice title=claimcheck links::{summary or 'no links'}")
    return "\n".join(out)


def junit(report: Report, fail_on: frozenset[Status]) -> str:
    failures = sum(1 for _, r in report.links if r is not None and r.status in fail_on)
    cases = []
    for ref, result in report.links:
        name = quoteattr(ref.url)
        where = quoteattr(_where(ref))
        body = ""
        if result is not None and result.status in fail_on:
            body = f"<failure type={quoteattr(result.status.value)} message={quoteattr(_note(result) or result.status.value)}>{escape(_where(ref))}</failure>"
        elif result is not None and result.status is Status.EXCLUDED:
            body = f"<skipped message={quoteattr(result.detail or 'excluded')}/>"
        time_s = (result.elapsed_ms or 0) / 1000 if result else 0
        cases.append(
            f'  <testcase classname="links" name={name} file={where} time="{time_s:.3f}">{body}</testcase>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="claimcheck links" tests="{len(report.links)}" failures="{failures}">\n'
        + "\n".join(cases)
        + "\n</testsuite>\n"
    )


# What each status means for the one who cited the link: the help of `--format sarif`.
STATUS_HELP = {
    Status.REDIRECTED.value: "The link answers through a permanent redirect: cite where it "
    "leads now.",
    Status.BROKEN.value: "The link answers with an error (4xx or 5xx) after retries: find the "
    "page again or cite an archived copy (--suggest-archive).",
    Status.TIMEOUT.value: "No answer within the timeout, after retries: the server may be slow "
    "or gone.",
    Status.ERROR.value: "The link cannot be reached: no such host, a TLS or connection error, "
    "or too many redirects.",
    Status.EXCLUDED.value: "Not checked: an --exclude pattern, or the address guard (a private, "
    "loopback or link-local address).",
}


def sarif(report: Report, fail_on: frozenset[Status], root: Path) -> dict[str, Any]:
    """Every link that is not simply ok, at each place that cites it, as SARIF 2.1.0: an error
    when its status fails the run, a note when it was excluded, else a warning. `root`: the
    folder the links' locations are relative to."""
    findings: list[Finding] = []
    for ref, result in report.links:
        if result is None or result.status is Status.OK:
            continue
        level = (
            "error" if result.status in fail_on
            else "note" if result.status is Status.EXCLUDED
            else "warning"
        )  # fmt: skip
        message = f"{result.status.value}: {ref.url} {_note(result)}".strip().replace("\n", " ")
        rule = result.status.value
        findings.extend(
            Finding(rule, level, message, root / loc.file, loc.line, loc.column)
            for loc in ref.locations
        )
        if not ref.locations:
            findings.append(Finding(rule, level, message, None))
    return sarif_log(findings, STATUS_HELP, root)
