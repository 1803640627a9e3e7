"""Every problem in a claims database, each with file and line, and a fix where one is safe."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import Interrupted
from claimcheck.language.dates import impossible_iso, parse_iso
from claimcheck.language.names import (
    EntityMatcher,
    held_at,
    name_used,
    period_span,
    when_in_use,
)
from claimcheck.language.normalize import fold
from claimcheck.language.numbers import numbers_in
from claimcheck.models import Claim, Database, Problem, Severity, Source
from claimcheck.store.anchor import AnchorMethod, context, locate
from claimcheck.store.database import ReadResult, read_database
from claimcheck.store.yamldoc import PathElem, replace_scalars, write_atomic

# Every problem lint reports, by code, with what it means (the help of `lint --format sarif`;
# docs/claims-format.md lists the same, and a test keeps the two together).
CODES = {
    "yaml-syntax": "The file is not valid YAML (it is read with the safe loader).",
    "duplicate-key": "A key is given twice in one mapping; YAML loaders silently keep the last.",
    "unknown-key": "A key the file's schema does not have.",
    "missing-field": "A field the file's schema requires is missing.",
    "invalid-value": "A value does not follow the file's schema.",
    "invalid-date": "A date no calendar has (2018-02-30, 2018-13) or an interval that ends "
    "before it starts.",
    "duplicate-id": "A claim, entity or source id is used twice.",
    "unknown-source": "A claim refers to a source the database does not have.",
    "unknown-entity": "A claim refers to an entity entities.yaml does not define.",
    "source-changed": "A source text's sha256 differs from its metadata: sources must stay "
    "byte-identical to what was received.",
    "source-unreadable": "A source text is missing or not UTF-8.",
    "offset-drift": "The quote is verbatim in the source, but not at its offsets. Fixable with "
    "lint --fix.",
    "quote-mismatch": "The source's words at the offsets differ from the quote; the closest text "
    "and its offsets are shown.",
    "quote-not-found": "The quote cannot be found in its source at all.",
    "context-drift": "The offsets hold but the prefix or suffix no longer matches. Fixable with "
    "lint --fix.",
    "quantity-not-in-quote": "The quantity's value is not in the quote, as digits or in words.",
    "ambiguous-alias": "One alias names two entities.",
    "source-without-metadata": "A text file in sources/ that no metadata file names.",
    "names-in-time": "A period of names_in_time names what is not among the entity's names, has "
    "a date no calendar has, or ends before it starts.",
    "name-out-of-time": "A dated claim calls a thing by a name not in use at its date.",
}


@dataclass
class LintReport:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    fixed: list[Problem] = field(default_factory=list)
    claims: int = 0
    sources: int = 0
    imported: int = 0  # claims of imported collections: checked against their schema only

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def lint(root: Path, *, fix: bool = False) -> LintReport:
    result = read_database(root)
    db = result.database
    problems = [*result.problems, *_source_problems(db), *_entity_problems(db)]
    problems.extend(_names_in_time_problems(db))
    for claim in db.claims:
        source = db.sources.get(claim.source)
        if source is not None:
            problems.extend(_anchor_problems(claim, source))
        problems.extend(_facet_problems(claim))
    problems.sort(key=lambda p: (str(p.path), p.line or 0, p.code))
    report = LintReport(
        root, problems, claims=len(db.claims), sources=len(db.sources), imported=len(db.imported)
    )
    if fix:
        _apply_fixes(report, result)
    return report


def _source_problems(db: Database) -> Iterable[Problem]:
    for source in db.sources.values():
        if source.raw_sha256 != source.sha256:
            yield Problem(
                Severity.ERROR,
                "source-changed",
                f"source {source.id}: {source.text_path.name} has sha256 {source.raw_sha256}, "
                f"metadata says {source.sha256}; sources must stay byte-identical to what was received",
                source.meta_path,
                _key_line(source.meta_path, "sha256"),
            )
    described = {s.text_path.name for s in db.sources.values()}
    for text_path in sorted((db.root / "sources").glob("*.txt")):
        if text_path.name not in described:
            yield Problem(
                Severity.WARNING,
                "source-without-metadata",
                f"{text_path.name} has no metadata file naming it",
                text_path,
            )


def _key_line(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _entity_problems(db: Database) -> Iterable[Problem]:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in db.entities.values():
        for name in (entity.name, *entity.aliases):
            owners[fold(name)].add(entity.id)
    for entity in db.entities.values():
        for alias in entity.aliases:
            others = sorted(owners[fold(alias)] - {entity.id})
            if others and entity.id < others[0]:
                yield Problem(
                    Severity.WARNING,
                    "ambiguous-alias",
                    f"alias {alias!r} of {entity.id} also names {', '.join(others)}",
                    entity.path,
                    entity.line,
                )


def _names_in_time_problems(db: Database) -> Iterable[Problem]:
    """Periods that cannot be (a name the entity does not have, an end before the start), and,
    as warnings, dated claims that call a thing by a name not in use at their date: "the 17+1
    summit of 2014" (17+1 from 2019). The source may say so; the claim's text then should not."""
    timed = {e.id: e for e in db.entities.values() if e.names_in_time}
    for entity in timed.values():
        names = {fold(n) for n in (entity.name, *entity.aliases)}
        for period in entity.names_in_time:
            impossible = impossible_iso(period.start) or impossible_iso(period.until or "")
            held = period_span(period)
            why = None
            if fold(period.name) not in names:
                why = f"{period.name!r} is not among its name and aliases"
            elif impossible is not None:
                why = f"{period.name!r}: {impossible}"
            elif held is not None and held.hi < held.lo:
                why = f"{period.name!r} ends ({period.until}) before it starts ({period.start})"
            if why is not None:
                yield Problem(
                    Severity.ERROR, "names-in-time", f"entity {entity.id}: {why}",
                    entity.path, entity.line,
                )  # fmt: skip
    if not timed:
        return
    matcher = EntityMatcher((e.id, (e.name, *e.aliases)) for e in timed.values())
    for claim in db.claims:
        span = parse_iso(claim.date, claim.date_bound) if claim.date else None
        if span is None:
            continue
        folded = fold(claim.text)
        used: dict[str, set[str]] = defaultdict(set)
        for mention in matcher.find(folded, folded=True):
            periods = timed[mention.entity_id].names_in_time
            name = name_used(folded[mention.start : mention.end], periods)
            if name is not None:
                used[mention.entity_id].add(name)
        for entity_id, names in used.items():
            periods = timed[entity_id].names_in_time
            # a claim giving two of the names tells the renaming ("the 16+1 became the 17+1")
            if len(names) == 1 and not held_at(only := names.pop(), periods, span):
                yield Problem(
                    Severity.WARNING,
                    "name-out-of-time",
                    f"claim {claim.id}: calls {entity_id} {only!r} at {claim.date}, a name in "
                    f"use only {when_in_use(only, periods)}",
                    claim.path,
                    claim.line,
                    claim.id,
                )


def _anchor_problems(claim: Claim, source: Source) -> Iterable[Problem]:
    text = source.text
    if text[claim.start : claim.end] == claim.quote:
        prefix, suffix = context(text, claim.start, claim.end)
        if (claim.prefix, claim.suffix) != (prefix, suffix):
            yield Problem(
                Severity.WARNING,
                "context-drift",
                f"claim {claim.id}: prefix/suffix no longer match the text around the quote",
                claim.path,
                claim.line,
                claim.id,
                fix={"prefix": prefix, "suffix": suffix},
            )
        return
    anchor = locate(
        text,
        claim.quote,
        start=claim.start,
        end=claim.end,
        prefix=claim.prefix,
        suffix=claim.suffix,
    )
    at = f"{claim.start}..{claim.end}"
    if anchor is None:
        yield Problem(
            Severity.ERROR,
            "quote-not-found",
            f"claim {claim.id}: quote is not at {at} of {source.text_path.name} and cannot be found "
            f"there (exact, context or fuzzy): {_clip(claim.quote)!r}",
            claim.path,
            claim.line,
            claim.id,
        )
        return
    line = source.line_of(anchor.start)
    prefix, suffix = context(text, anchor.start, anchor.end)
    if anchor.method is AnchorMethod.EXACT:
        yield Problem(
            Severity.ERROR,
            "offset-drift",
            f"claim {claim.id}: quote is not at {at} but at {anchor.start}..{anchor.end} "
            f"(line {line} of {source.text_path.name})",
            claim.path,
            claim.line,
            claim.id,
            fix=_changed(claim, start=anchor.start, end=anchor.end, prefix=prefix, suffix=suffix),
        )
        return
    found = text[anchor.start : anchor.end]
    yield Problem(
        Severity.ERROR,
        "quote-mismatch",
        f"claim {claim.id}: quote differs from the source; closest text ({anchor.method}, "
        f"{anchor.score:.0f}/100) is at {anchor.start}..{anchor.end}, line {line} of "
        f"{source.text_path.name}: {_clip(found)!r}",
        claim.path,
        claim.line,
        claim.id,
        # Only whitespace differences are safe to rewrite: the words are the source's own.
        fix=_changed(
            claim, quote=found, start=anchor.start, end=anchor.end, prefix=prefix, suffix=suffix
        )
        if anchor.method is AnchorMethod.WHITESPACE
        else None,
    )


def _changed(claim: Claim, **fields: int | str) -> dict[str, int | str]:
    """Only the fields whose value differs, so a fix touches as little of the file as it can."""
    return {key: value for key, value in fields.items() if getattr(claim, key) != value}


def _facet_problems(claim: Claim) -> Iterable[Problem]:
    quantity = claim.quantity
    if quantity is None:
        return
    stated = numbers_in(claim.quote)
    if quantity.unit == "percent":
        stated += [n * 100 for n in stated if n < 1]  # "half" states 50 percent
    for value in (quantity.value, quantity.max):
        if value is not None and not any(_close(value, n) for n in stated):
            yield Problem(
                Severity.WARNING,
                "quantity-not-in-quote",
                f"claim {claim.id}: quantity {value:g} does not appear in the quote "
                f"(numbers there: {', '.join(f'{n:g}' for n in stated) or 'none'})",
                claim.path,
                claim.line,
                claim.id,
            )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _clip(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _apply_fixes(report: LintReport, result: ReadResult) -> None:
    by_file: dict[Path, list[Problem]] = defaultdict(list)
    for problem in report.problems:
        if problem.fix is not None and problem.claim_id is not None:
            by_file[problem.path].append(problem)
    written: list[Path] = []
    try:
        for path, problems in by_file.items():
            doc = result.docs[path]
            index = {
                item.get("id"): i
                for i, item in enumerate(doc.data["claims"])
                if isinstance(item, dict)
            }
            edits: dict[tuple[PathElem, ...], int | str] = {}
            for problem in problems:
                assert problem.fix is not None
                for key, value in problem.fix.items():
                    edits[("claims", index[problem.claim_id], key)] = value
            write_atomic(path, replace_scalars(doc, edits))
            written.append(path)
            report.fixed.extend(problems)
    except KeyboardInterrupt as exc:
        # Each file is written atomically: it is either wholly fixed or untouched.
        left = [p for p in by_file if p not in written]
        raise Interrupted(
            f"fixed {len(report.fixed)} problems in {_names(written)}; "
            f"not fixed: {_names(left)} (run `lint --fix` again)"
        ) from exc
    report.problems = [p for p in report.problems if p not in report.fixed]


def _names(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths) or "no file"
