"""Typed records passed between claimcheck's stages (stdlib only)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class Source:
    id: str
    text_path: Path
    meta_path: Path
    title: str | None
    authors: tuple[str, ...]
    publisher: str | None
    date: str | None
    url: str | None
    language: str | None
    sha256: str
    notes: str | None
    text: str = field(repr=False)
    raw_sha256: str = ""  # digest of the bytes on disk, to compare with `sha256`

    def line_of(self, offset: int) -> int:
        """1-based line number of a code-point offset into the text."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class NamePeriod:
    """A name an entity held for a period: 17+1 from 2019-04 until 2021-05. ISO dates as the
    claims format writes them; `until` None while it is still held."""

    name: str
    start: str
    until: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    path: Path
    line: int
    broader: tuple[str, ...] = ()  # entities this one is part of (SKOS broader)
    names_in_time: tuple[NamePeriod, ...] = ()  # names that were right only for a period


@dataclass(frozen=True)
class Quantity:
    """A figure, read as an interval so that bounds compare: "more than 70" is (70, inf)."""

    value: float
    unit: str | None = None  # "percent", "times", "rank", or what is counted ("drone")
    currency: str | None = None
    bound: str = "exact"  # exact, approx, more_than, at_least, less_than, at_most, range
    max: float | None = None  # the top of a range

    def interval(self) -> tuple[float, float]:
        """(low, high): where the true figure may lie, given its bound and its rounding."""
        v = self.value
        slack = self.rounding()
        match self.bound:
            case "approx":
                spread = max(abs(v) * 0.1, slack)
                return v - spread, v + spread
            case "more_than":
                return v, math.inf
            case "at_least":
                return v - slack, math.inf
            case "less_than":
                return -math.inf, v
            case "at_most":
                return -math.inf, v + slack
            case "range":
                return v - slack, (self.max if self.max is not None else v) + slack
            case _:
                return v - slack, v + slack

    def rounding(self) -> float:
        """How far the true figure may lie from the written one: half a unit of its last
        significant digit ("$1.26 billion" may be 1,262 million, "46%" may be 46.3%), but for
        large round counts no more than 0.5% ("3,017 drones" is exact)."""
        v = abs(self.value)
        if v == 0:
            return 0.0
        digits = f"{v:.12g}".replace(".", "").lstrip("0").rstrip("0") or "0"
        exponent = math.floor(math.log10(v)) - (len(digits) - 1)
        half_unit = 0.5 * 10.0**exponent
        return half_unit if self.unit == "percent" else min(half_unit, v * 0.005)

    def describe(self) -> str:
        what = " ".join(x for x in (self.currency, self.unit) if x)
        words = {
            "approx": "about ",
            "more_than": "more than ",
            "less_than": "less than ",
            "at_least": "at least ",
            "at_most": "at most ",
        }
        number = f"{self.value:,.15g}" + (f"-{self.max:,.15g}" if self.max is not None else "")
        return f"{words.get(self.bound, '')}{number}{' ' + what if what else ''}"


@dataclass(frozen=True)
class Figure:
    """A figure a claim states, with what it counts: worked out once, when the index is built."""

    quantity: Quantity
    head: str | None  # stem of the counted noun: "drone"; None for percent, money, multiples
    thing: str | None  # the entity counted, when the unit does not say ("nine Wing Loong")
    measure: tuple[str, ...]  # stems of the claim's scope.measure: what a percentage is of
    flows: frozenset[str] = frozenset()  # "export", "import": which way the goods went
    # for a rank, who holds it: the claim's subject, and whom its sentence gives the rank to
    holders: tuple[str, ...] = ()
    dimension: str | None = None  # a physical measure's, by pint: "[length]" for "km"
    increment: bool = False  # it counts what came on top of an earlier amount: "15 more"
    # stems of the words around its counted noun in the claim's sentence: "ten portable devices
    # for detecting explosives" says what "twelve explosive detectors" count
    described: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    source: str
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    subject: str
    predicate: str
    theme: str
    path: Path
    line: int
    object: str | None = None
    negated: bool = False
    quantity: Quantity | None = None
    date: str | None = None
    date_bound: str | None = None
    status: str | None = None
    scope: dict[str, str] = field(default_factory=dict)
    cites: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ImportedClaim:
    """A claim from an external collection (a fact-checker's archive): provenance by URL, not
    by a quote, and no facets; `search` ranks it, `verify` and `conflicts` leave it out."""

    id: str
    text: str
    collection: str
    path: Path
    line: int
    title: str | None = None
    url: str | None = None
    date: str | None = None
    rating: str | None = None
    reviewer: str | None = None
    claimant: str | None = None


@dataclass(frozen=True)
class Database:
    root: Path
    sources: dict[str, Source]
    claims: tuple[Claim, ...]
    entities: dict[str, Entity]
    imported: tuple[ImportedClaim, ...] = ()

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One lint finding, located at a file and line, with a fix when one is known."""

    severity: Severity
    code: str
    message: str
    path: Path
    line: int | None = None
    claim_id: str | None = None
    fix: dict[str, int | str] | None = None


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    DISPUTED = "disputed"
    NOT_FOUND = "not_found"


class Relation(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    RELATED = "related"


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str | None
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    claim_id: str
    relation: Relation
    score: float
    claim: str
    quote: str
    source: SourceRef
    cites: tuple[str, ...]
    reasons: tuple[str, ...]
    highlights: tuple[tuple[int, int], ...] = ()  # spans of `quote` that match the statement


@dataclass(frozen=True)
class VerifyResult:
    statement: str
    verdict: Verdict
    confidence: float
    why: str
    evidence: tuple[Evidence, ...]
    # The parts of the statement (names, figures, dates, words) that the deciding evidence
    # speaks of, and those it says nothing of: a verdict concerns the first.
    covered: tuple[str, ...] = ()
    not_covered: tuple[str, ...] = ()


class Level(StrEnum):
    """How sure and how serious a disagreement between sources is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class ConflictClaim:
    claim_id: str
    source: SourceRef
    quote: str
    text: str


@dataclass(frozen=True)
class ConflictSide:
    value: str
    claims: tuple[ConflictClaim, ...]
    corroborated_by: tuple[ConflictClaim, ...] = ()  # less precise claims that agree with it


@dataclass(frozen=True)
class Conflict:
    id: str
    subject: str
    predicate: str
    object: str | None
    field: str  # count, amount, percent, multiple, rank, date, status
    severity: Level
    kind: str  # "structured" (same subject, predicate, object) or "possible" (paired by text)
    explanation: str
    reasons: tuple[str, ...]
    sides: tuple[ConflictSide, ...]
