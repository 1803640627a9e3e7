"""JSON renderings of the library's results: stable field names, documented in the README."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.models import (
    Claim,
    Conflict,
    ConflictClaim,
    Database,
    Evidence,
    Problem,
    Source,
    VerifyResult,
)

if TYPE_CHECKING:  # kept out of the import path of `verify`, which must start fast
    from claimcheck.author.lint import LintReport
    from claimcheck.render.report import Site
    from claimcheck.retrieve.search import SearchResult
    from claimcheck.retrieve.weights import Learned
    from claimcheck.store.importer import ImportReport
    from claimcheck.store.sources import AddedSource
    from claimcheck.store.stats import Stats


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def problem(p: Problem) -> dict[str, Any]:
    return {
        "severity": str(p.severity),
        "code": p.code,
        "message": p.message,
        "path": str(p.path),
        "line": p.line,
        "claim_id": p.claim_id,
        "fix": p.fix,
    }


def lint_report(report: LintReport) -> dict[str, Any]:
    return {
        "root": str(report.root),
        "claims": report.claims,
        "sources": report.sources,
        "imported": report.imported,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [problem(p) for p in report.problems],
        "fixed": [problem(p) for p in report.fixed],
    }


def source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "authors": list(s.authors),
        "publisher": s.publisher,
        "date": s.date,
        "url": s.url,
        "language": s.language,
        "sha256": s.sha256,
        "notes": s.notes,
        "file": str(s.text_path),
        "characters": len(s.text),
    }


def claim(c: Claim, db: Database) -> dict[str, Any]:
    src = db.sources.get(c.source)
    return {
        "id": c.id,
        "text": c.text,
        "theme": c.theme,
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object,
        "negated": c.negated,
        "quantity": asdict(c.quantity) if c.quantity else None,
        "date": c.date,
        "date_bound": c.date_bound,
        "status": c.status,
        "scope": c.scope,
        "quote": c.quote,
        "source": {
            "id": c.source,
            "title": src.title if src else None,
            "line": src.line_of(c.start) if src else None,
            "start": c.start,
            "end": c.end,
        },
        "cites": list(c.cites),
        "file": f"{c.path}:{c.line}",
    }


def stats(s: Stats) -> dict[str, Any]:
    return asdict(s)


def verify_result(result: VerifyResult) -> dict[str, Any]:
    return {
        "statement": result.statement,
        "verdict": str(result.verdict),
        "confidence": result.confidence,
        "why": result.why,
        "covered": list(result.covered),
        "not_covered": list(result.not_covered),
        "evidence": [evidence(e) for e in result.evidence],
    }


def evidence(e: Evidence) -> dict[str, Any]:
    return {
        "claim_id": e.claim_id,
        "relation": str(e.relation),
        "score": e.score,
        "claim": e.claim,
        "quote": e.quote,
        "source": asdict(e.source),
        "cites": list(e.cites),
        "reasons": list(e.reasons),
    }


def line(data: Any) -> str:
    """One JSON Lines record."""
    return json.dumps(data, ensure_ascii=False)


def conflicts(found: list[Conflict]) -> dict[str, Any]:
    return {"conflicts": [conflict(c) for c in found]}


def conflict(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id,
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object,
        "field": c.field,
        "severity": str(c.severity),
        "kind": c.kind,
        "explanation": c.explanation,
        "reasons": list(c.reasons),
        "sides": [
            {
                "value": side.value,
                "claims": [_conflict_claim(x) for x in side.claims],
                "corroborated_by": [_conflict_claim(x) for x in side.corroborated_by],
            }
            for side in c.sides
        ],
    }


def _conflict_claim(x: ConflictClaim) -> dict[str, Any]:
    return {
        "claim_id": x.claim_id,
        "source": {"id": x.source.id, "title": x.source.title, "line": x.source.line},
        "quote": x.quote,
        "claim": x.text,
    }


def search_result(result: SearchResult) -> dict[str, Any]:
    """`{"query", "results": [{"claim_id", "score", "claim", ...}]}`: the first three fields of a
    result are the fixed contract for scripts; the rest explain it."""
    return {
        "query": result.query,
        "results": [
            {
                "claim_id": hit.document.id,
                "score": hit.score,
                "claim": hit.document.text,
                "kind": hit.document.kind,
                "origin": hit.document.origin,
                "title": hit.document.title,
                "url": hit.document.url,
                "rating": hit.document.rating,
                "ranks": hit.ranks,
                "matched": list(hit.matched),
            }
            for hit in result.hits
        ],
    }


def lint_sarif(report: LintReport) -> dict[str, Any]:
    """The lint report as SARIF 2.1.0: each problem at its file, line and column."""
    from claimcheck.author.lint import CODES
    from claimcheck.render.sarif import Finding, sarif_log

    findings = [
        Finding(p.code, str(p.severity), p.message, p.path, p.line, _column(p.path, p.line))
        for p in report.problems
    ]
    return sarif_log(findings, CODES, report.root)


def _column(path: Path, line: int | None) -> int | None:
    """Where the line's text starts: a YAML problem is about the item or key the line holds."""
    if line is None:
        return None
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    return len(text) - len(text.lstrip(" -")) + 1
    except OSError:
        return None
    return None


def learned_weights(learned: Learned) -> dict[str, Any]:
    return {"examples": learned.examples, "weights": learned.weights, "path": str(learned.path)}


def added_source(added: AddedSource, following: str) -> dict[str, Any]:
    return {
        "id": added.id,
        "text_path": str(added.text_path),
        "meta_path": str(added.meta_path),
        "sha256": added.sha256,
        "next": following,
    }


def imported(report: ImportReport) -> dict[str, Any]:
    return {
        "collection": report.name,
        "claims": report.count,
        "format": report.format,
        "path": str(report.path),
        "replaced": report.replaced,
    }


def site(written: Site) -> dict[str, Any]:
    return {
        "out": str(written.written.out),
        "pages": written.written.pages,
        "files": written.written.files,
        "bytes": written.written.bytes,
        "sources": written.sources,
        "claims": written.claims,
        "conflicts": written.conflicts,
        "links": written.links,
    }
