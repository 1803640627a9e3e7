"""Claims grouped by what they are about -> where the sources disagree, with reasons.

Two passes, neither of them all-pairs:
- structured: claims with the same subject, predicate group and object are compared field by
  field (count, amount, percent, date, status, negation), by the rules `verify` uses;
- possible: claims from different sources that share two or more entities and read alike, but
  sit in different groups, are compared on their figures and dates and reported at lower
  severity with why they were paired. Pairs come from buckets of shared entities, not from
  every pair of claims.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from rapidfuzz import fuzz

from claimcheck.judge.compare import Agreement, compare_amounts, compare_dates
from claimcheck.judge.rules import flow_mark, what_it_counts
from claimcheck.language.dates import DateSpan, parse_iso
from claimcheck.language.figures import structured_total
from claimcheck.language.firsts import DIRECTED_FIRSTS, same_firsts
from claimcheck.language.lexicon import (
    TRANSFER_PREDICATES,
    is_cancellation,
    is_one_time,
    is_prospective,
    predicate_group,
)
from claimcheck.language.names import (
    BEGUN,
    INITIALLY,
    EntityMatcher,
    held_at,
    name_used,
    start_of,
    when_in_use,
)
from claimcheck.language.normalize import fold
from claimcheck.models import (
    Conflict,
    ConflictClaim,
    ConflictSide,
    Level,
    NamePeriod,
    Quantity,
    SourceRef,
)
from claimcheck.retrieve.index import IndexedClaim

SIMILAR = 60.0  # token_set_ratio of two claim texts that may describe the same event
SIMILAR_SAME_MONTH = 40.0  # ... or less alike when both date it to the same month
SIMILAR_DATES = 85.0  # two texts alike enough that different dates must be one event's
MAX_BUCKET = 400  # claims sharing one pair of entities; larger buckets are too generic to pair
_ORDER = {Level.HIGH: 0, Level.MEDIUM: 1, Level.LOW: 2}


# Objects that name one thing (a weapon system, an agreement, a company): claims about buying or
# signing it speak of one event. A country or a person as object does not: Serbia signs many
# agreements with China, and the EU made many donations to Serbia.
SPECIFIC = frozenset("weapon_system product document initiative event company other".split())


def find_conflicts(
    claims: Sequence[IndexedClaim],
    entity_types: Mapping[str, str] | None = None,
    matcher: EntityMatcher | None = None,
    names_in_time: Mapping[str, Sequence[NamePeriod]] | None = None,
) -> list[Conflict]:
    """Every disagreement between sources that the claims' structure and text reveal. With
    the entity matcher, also the names sources give a thing (`names_in_time`: the periods its
    names held, `ClaimIndex.names_in_time`)."""
    from claimcheck.store.database import bulk_allocation

    with bulk_allocation():
        found = _find(claims, entity_types or {})
        if matcher is not None:
            found.extend(_name_conflicts(claims, entity_types or {}, matcher, names_in_time or {}))
        return sorted(
            _one_per_disagreement(found),
            key=lambda c: (_ORDER[c.severity], c.subject, c.field, c.id),
        )


def _find(claims: Sequence[IndexedClaim], types: Mapping[str, str]) -> list[Conflict]:
    groups: dict[tuple[str, str, str], list[IndexedClaim]] = defaultdict(list)
    for claim in claims:
        groups[group_key(claim)].append(claim)
    found: list[Conflict] = []
    for key, members in groups.items():
        if len(members) > 1:  # one source too: it may contradict itself across its pages
            specific = bool(key[2]) and types.get(key[2], "other") in SPECIFIC
            found.extend(_structured(key, members, specific))
    found.extend(_possible(claims))
    found.extend(_first_conflicts(claims))
    return _one_per_disagreement(found)


def filter_conflicts(
    found: Iterable[Conflict],
    *,
    level: Level = Level.LOW,
    subject: str | None = None,
    source: str | None = None,
) -> list[Conflict]:
    """Those at or above `level`, about `subject` (an entity id), involving `source`."""
    return [
        c
        for c in found
        if _ORDER[c.severity] <= _ORDER[level]
        and (
            subject is None or subject in (c.subject, c.object) or subject in c.subject.split(" / ")
        )
        and (source is None or any(x.source.id == source for side in c.sides for x in side.claims))
    ]


def group_key(claim: IndexedClaim) -> tuple[str, str, str]:
    """(subject, kind of event, object): a cancellation belongs with the order it cancels."""
    group = predicate_group(claim.predicate) or claim.predicate
    if group == "cancel":
        group = "acquire"
    return claim.subject, group, claim.object or ""


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    claim: IndexedClaim
    value: object  # Quantity or DateSpan
    width: float  # how imprecise the value is: precise values lead the sides
    label: str


def _amount(claim: IndexedClaim) -> Quantity | None:
    return claim.quantity


def _measure(claim: IndexedClaim) -> str | None:
    """What a claim's figure counts, by the rule `verify` uses (`rules.what_it_counts`)."""
    if claim.quantity is None:
        return None
    return what_it_counts(claim.figures[0])


def _field(measure: str) -> str:
    if measure.startswith("currency:"):
        return "amount"
    kind = measure.split(" (")[0]  # without which way goods went
    return {"percent": "percent", "times": "multiple", "rank": "rank"}.get(kind, "count")


def _date(claim: IndexedClaim) -> DateSpan | None:
    return parse_iso(claim.date, claim.date_bound) if claim.date else None


def _width(span: DateSpan) -> float:
    return float((span.hi.toordinal() if span.hi.year < 9999 else 10**7) - span.lo.toordinal())


def _amount_width(amount: Quantity) -> float:
    lo, hi = amount.interval()
    return hi - lo


# --- structured pass ---------------------------------------------------------------------


def _structured(
    key: tuple[str, str, str], members: list[IndexedClaim], specific: bool
) -> Iterable[Conflict]:
    one_event = specific and is_one_time(members[0].predicate)
    yield from _quantity_conflicts(key, members, one_event)
    if one_event:
        for phase in _phases(members):
            yield from _date_conflicts(key, phase)
        yield from _status_conflicts(key, members)
    yield from _negation_conflicts(key, members)


def _phases(members: list[IndexedClaim]) -> Iterable[list[IndexedClaim]]:
    """An order and its delivery are two dates of one deal: compare like with like."""
    yield [c for c in members if c.predicate not in TRANSFER_PREDICATES]
    yield [c for c in members if c.predicate in TRANSFER_PREDICATES]


def _quantity_conflicts(
    key: tuple[str, str, str], members: list[IndexedClaim], one_event: bool
) -> Iterable[Conflict]:
    by_measure: dict[tuple[str, tuple[tuple[str, str], ...]], list[IndexedClaim]] = defaultdict(
        list
    )
    for claim in members:
        measure = _measure(claim)
        if measure is not None:
            by_measure[measure, tuple(sorted(claim.scope.items()))].append(claim)
    for (measure, scope), claims in by_measure.items():
        for period in _same_periods(claims, one_event):
            items = []
            for claim in period:
                amount = _amount(claim)
                assert amount is not None
                items.append(_Item(claim, amount, _amount_width(amount), amount.describe()))
            sides = _sides(items, lambda a, b: compare_amounts(a, b))  # type: ignore[arg-type]
            if sides is None:
                continue
            reasons = []
            level = Level.HIGH
            if scope:
                reasons.append(
                    "the claims share the scope " + ", ".join(f"{k}: {v}" for k, v in scope)
                )
            if any(is_prospective(i.claim.status) for side in sides for i in side[0]):
                level = Level.LOW
                reasons.append("one side reports a plan or an announcement, which may have changed")
            if any(_bounded(i.claim) for side in sides for i in side[0]):
                level = _less_severe(level, Level.MEDIUM)
                reasons.append("a bound (about, more than, ...) is involved")
            yield _conflict(key, _field(measure), level, "structured", reasons, sides)


def _bounded(claim: IndexedClaim) -> bool:
    return claim.quantity is not None and claim.quantity.bound != "exact"


def _less_severe(a: Level, b: Level) -> Level:
    return a if _ORDER[a] >= _ORDER[b] else b


def _same_periods(claims: list[IndexedClaim], one_event: bool) -> Iterable[list[IndexedClaim]]:
    """Figures of a recurring measure, or of events that recur (donations, deals with a
    country), compare only within one period: a 2020 poll with a 2020 poll. Figures of one
    event (the purchase of a weapon system) compare whatever their dates."""
    if one_event:
        yield claims
        return
    dated = [(c, _date(c)) for c in claims]
    undated = [c for c, d in dated if d is None]
    periods: list[tuple[DateSpan, list[IndexedClaim]]] = []
    for claim, span in dated:
        if span is None:
            continue
        for anchor, members in periods:
            if compare_dates(anchor, span) is Agreement.AGREE:
                members.append(claim)
                break
        else:
            periods.append((span, [claim]))
    if undated and not periods:
        yield undated
    for _, members in periods:
        yield members


def _date_conflicts(key: tuple[str, str, str], members: list[IndexedClaim]) -> Iterable[Conflict]:
    items = []
    for claim in members:
        span = _date(claim)
        if span is not None and not is_cancellation(claim.predicate, claim.status):
            items.append(_Item(claim, span, _width(span), claim.date or ""))
    sides = _sides(items, lambda a, b: compare_dates(a, b))  # type: ignore[arg-type]
    if sides is None:
        return
    reasons = []
    level = Level.HIGH
    if any(is_prospective(i.claim.status) for side in sides for i in side[0]):
        level = Level.MEDIUM
        reasons.append("one side dates a decision or plan, the other the event itself")
    yield _conflict(key, "date", level, "structured", reasons, sides)


def _status_conflicts(key: tuple[str, str, str], members: list[IndexedClaim]) -> Iterable[Conflict]:
    """One source says it was ordered or delivered, another that it was given up."""
    cancelled = [c for c in members if is_cancellation(c.predicate, c.status)]
    going = [
        c for c in members
        if not is_cancellation(c.predicate, c.status) and not is_prospective(c.status) and not c.negated
    ]  # fmt: skip
    if not cancelled or not going:
        return
    others = [
        c for c in going
        if c.source_id not in {x.source_id for x in cancelled} and _still_going(c, cancelled)
    ]  # fmt: skip
    if not others:
        return  # a source that reports both the order and its cancellation is telling a story
    sides: list[Side] = [
        ([_Item(c, None, 0, c.status or c.predicate) for c in others], []),
        ([_Item(c, None, 0, "cancelled or replaced") for c in cancelled], []),
    ]
    reasons = ["a later cancellation may explain it: check the dates of both sources"]
    yield _conflict(key, "status", Level.MEDIUM, "structured", reasons, sides)


def _still_going(claim: IndexedClaim, cancelled: list[IndexedClaim]) -> bool:
    """An undated "has ordered" speaks of now; "ordered in 2018" only of 2018, which a later
    cancellation does not contradict, unless the order is dated after the cancellation."""
    span = _date(claim)
    if span is None:
        return True
    ends = [s for s in (_date(c) for c in cancelled) if s is not None]
    return any(end.hi < span.lo for end in ends)


def _negation_conflicts(
    key: tuple[str, str, str], members: list[IndexedClaim]
) -> Iterable[Conflict]:
    happened = [c for c in members if not c.negated and not is_prospective(c.status)]
    denied = [c for c in members if c.negated]
    if not happened or not denied:
        return
    if {c.source_id for c in happened} == {c.source_id for c in denied} and len(
        {c.source_id for c in happened}
    ) == 1:
        return
    sides: list[Side] = [
        ([_Item(c, None, 0, "happened") for c in happened], []),
        ([_Item(c, None, 0, "did not happen") for c in denied], []),
    ]
    yield _conflict(key, "status", Level.HIGH, "structured", [], sides)


Side = tuple[list[_Item], list[_Item]]  # holders of the value, and claims that corroborate it


def _sides(items: list[_Item], compare: Callable[[object, object], Agreement]) -> list[Side] | None:
    """Cluster values around the most precise ones; None unless two sources disagree.

    A less precise value that agrees with several sides ("2020" with "June 2020" and
    "July 2020") corroborates each of them rather than taking a side.
    """
    if len(items) < 2:
        return None
    sides: list[Side] = []
    for item in sorted(items, key=lambda i: (i.width, i.claim.id)):
        agreeing = [s for s in sides if compare(s[0][0].value, item.value) is Agreement.AGREE]
        incomparable = any(
            compare(s[0][0].value, item.value) is Agreement.INCOMPARABLE for s in sides
        )
        if incomparable:
            continue  # never compared with a value in another currency
        if len(agreeing) == 1:
            agreeing[0][0].append(item)
        elif agreeing:
            for side in agreeing:
                side[1].append(item)
        else:
            sides.append(([item], []))
    # Two values one source tells in one passage (nine ordered, fifteen more expected) are two
    # facts, not a dispute: only sides never told together disagree.
    disputed = [
        (a, b) for a, b in combinations(range(len(sides)), 2)
        if not _told_together(sides[a][0], sides[b][0])
    ]  # fmt: skip
    kept = sorted({i for pair in disputed for i in pair})
    return [sides[i] for i in kept] if kept else None


PASSAGE = 600  # characters: claims of one source this close are told in one passage


def _told_together(one: list[_Item], other: list[_Item]) -> bool:
    return any(
        x.claim.source_id == y.claim.source_id and abs(x.claim.start - y.claim.start) < PASSAGE
        for x in one
        for y in other
    )


def _one_source(sides: list[Side]) -> str | None:
    """The source, when every side is held by it alone: it contradicts itself across its pages."""
    sources = {i.claim.source_id for holders, _ in sides for i in holders}
    return sources.pop() if len(sources) == 1 else None


# --- possible pass -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    """What the possible pass compares, worked out once per claim."""

    claim: IndexedClaim
    key: tuple[str, str, str]
    amount: Quantity | None
    measures: frozenset[str]  # what the figure counts (rules.what_it_counts)
    span: DateSpan | None
    scope: tuple[tuple[str, str], ...]
    event: str | None  # kind of one-off event, when the claim is dated and is one
    derived: str | None = None  # how the amount was worked out from the sentence's structure


def _facts(claim: IndexedClaim) -> _Facts:
    amount, measures, scope, derived = claim.quantity, frozenset[str](), claim.scope, None
    if claim.quantity is not None:
        figure = claim.figures[0]
        measures = frozenset({what_it_counts(figure)})
        structure = structured_total(claim.text)
        if structure is not None:
            # "each of the two systems consists of three drones": six drones in all, a count
            # that may meet another source's; the figure per system stays in its own group.
            total, head, how = structure
            amount = Quantity(total, unit=head)
            measures = frozenset({f"count:{head}{flow_mark(figure)}"})
            scope = {k: v for k, v in scope.items() if k != "measure"}
            derived = f"{total:g} {head}s worked out from the text: {how}"
    one_off = claim.date is not None and is_one_time(claim.predicate)
    return _Facts(
        claim=claim,
        key=group_key(claim),
        amount=amount,
        measures=measures,
        span=_date(claim),
        scope=tuple(sorted(scope.items())),
        event=(predicate_group(claim.predicate) or claim.predicate) if one_off else None,
        derived=derived,
    )


def _possible(claims: Sequence[IndexedClaim]) -> Iterable[Conflict]:
    """Claims in different groups that read alike, share entities and differ in a figure or
    date. Buckets of shared entity pairs, split by what a figure counts or by kind of event,
    keep this far from all-pairs."""
    frequency: dict[str, int] = defaultdict(int)
    for claim in claims:
        for entity in claim.entities:
            frequency[entity] += 1
    buckets: dict[tuple[str, str, str], list[_Facts]] = defaultdict(list)
    for claim in claims:
        facts = _facts(claim)
        rare = sorted(claim.entities, key=lambda e: (frequency[e], e))[:4]
        facets = [*facts.measures, *([f"event:{facts.event}"] if facts.event else [])]
        for pair in combinations(sorted(rare), 2):
            for facet in facets:
                buckets[(*pair, facet)].append(facts)
    seen: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue
        for a, b in combinations(members, 2):
            if a.claim.source_id == b.claim.source_id or a.key == b.key:
                continue
            ids = (a.claim.id, b.claim.id) if a.claim.id < b.claim.id else (b.claim.id, a.claim.id)
            if ids in seen:
                continue
            seen.add(ids)
            conflict = _compare_pair(a, b)
            if conflict is not None:
                yield conflict


def _compare_pair(a: _Facts, b: _Facts) -> Conflict | None:
    """The cheap facet checks first; the text similarity only for pairs that would conflict."""
    dates_differ = a.span is not None and b.span is not None and not a.span.overlaps(b.span)
    if a.amount and b.amount and a.measures & b.measures:
        if a.scope != b.scope or dates_differ:
            return None  # another scope, period or occasion: not the same figure
        if compare_amounts(a.amount, b.amount) is not Agreement.DISAGREE:
            return None
        same_month = (
            a.span is not None and b.span is not None
            and a.span.precision != "year" and b.span.precision != "year"
        )  # fmt: skip
        why = _paired(a.claim, b.claim, SIMILAR_SAME_MONTH if same_month else SIMILAR, same_month)
        if why is None:
            return None
        reasons = [why, *(f.derived for f in (a, b) if f.derived)]
        sides = _pair_sides(a.claim, b.claim, a.amount.describe(), b.amount.describe())
        field = _field(_measure(a.claim) or "")
        key = _possible_key(a.claim, b.claim)
        return _conflict(key, field, Level.LOW, "possible", reasons, sides)
    if dates_differ and a.event is not None and a.event == b.event:
        why = _paired(a.claim, b.claim, SIMILAR_DATES, False)
        if why is None:
            return None
        sides = _pair_sides(a.claim, b.claim, a.claim.date or "", b.claim.date or "")
        return _conflict(
            _possible_key(a.claim, b.claim), "date", Level.LOW, "possible", [why], sides
        )
    return None


def _paired(a: IndexedClaim, b: IndexedClaim, cutoff: float, same_month: bool) -> str | None:
    """Why two claims look like one event, or None when their texts are too unlike."""
    similarity = fuzz.token_set_ratio(fold(a.text), fold(b.text), score_cutoff=cutoff)
    if not similarity:
        return None
    shared = ", ".join(sorted(a.entities & b.entities))
    why = f"paired because both name {shared} and their texts are {similarity:.0f}% alike"
    return why + (f", dated to the same month ({a.date})" if same_month else "")


def _possible_key(a: IndexedClaim, b: IndexedClaim) -> tuple[str, str, str]:
    subject = a.subject if a.subject == b.subject else f"{a.subject} / {b.subject}"
    return (
        subject,
        a.predicate if a.predicate == b.predicate else f"{a.predicate} / {b.predicate}",
        "",
    )


def _pair_sides(a: IndexedClaim, b: IndexedClaim, value_a: str, value_b: str) -> list[Side]:
    return [([_Item(a, None, 0, value_a)], []), ([_Item(b, None, 0, value_b)], [])]


# --- firsts ------------------------------------------------------------------------------


# Words every first or beginning is told with (language.firsts): a cheap test before the reading.
_FIRST_WORD = re.compile("first|start|began|begun|commenced", re.IGNORECASE)


def _first_conflicts(claims: Sequence[IndexedClaim]) -> Iterable[Conflict]:
    """Sources that date the first of a kind among the same parties differently ("the first
    joint exercise" in 2019, "their first military drill" in 2020). Both may hold when they
    speak of different kinds of it, which the reasons say: a possible conflict, at low
    severity, never hidden."""
    by_kind: dict[str, list[tuple[IndexedClaim, DateSpan]]] = defaultdict(list)
    for claim in claims:
        span = _date(claim) if _FIRST_WORD.search(claim.text) else None  # before reading it
        if span is not None:
            for first in claim.firsts:
                by_kind[first.kind].append((claim, span))
    for kind, members in by_kind.items():
        if len(members) > MAX_BUCKET:
            continue
        for (a, span_a), (b, span_b) in combinations(members, 2):
            shared = a.entities & b.entities
            if a.source_id == b.source_id or span_a.overlaps(span_b) or len(shared) < 2:
                continue
            if kind in DIRECTED_FIRSTS and (a.subject, a.object) != (b.subject, b.object):
                continue  # a first visit is someone's to somewhere
            if kind not in same_firsts(a.firsts, b.firsts):
                continue  # a first police exercise is not the first military one
            fields = sorted(
                {f.field or "unspecified" for f in a.firsts | b.firsts if f.kind == kind}
            )
            reasons = [
                f"paired because both date the first {kind} involving {', '.join(sorted(shared))}",
                f"both may hold if these are different kinds of {kind} "
                f"({' and '.join(fields)}, or a wider or narrower set of parties)"
                + (
                    "; a cooperation may be dated by different agreements"
                    if kind == "cooperation"
                    else ""
                ),
            ]
            sides = _pair_sides(a, b, a.date or "", b.date or "")
            yield _conflict(_possible_key(a, b), "date", Level.LOW, "possible", reasons, sides)


# --- names -------------------------------------------------------------------------------

# A claim about what a thing was called when it began ("initially named 14+1"), and a claim that
# dates its beginning ("the 17+1 initiative launched in 2012").
_GENERIC = re.compile(r"\b(the|initiative|format|framework|platform|mechanism)\b|[\"'“”]")
_NAMED_THINGS = frozenset({"initiative", "organization", "document", "event", "product"})


@dataclass(frozen=True)
class _NameUse:
    claim: IndexedClaim
    name: str
    span: DateSpan  # when the claim uses the name: its date, or the thing's start


def _name_conflicts(
    claims: Sequence[IndexedClaim],
    types: Mapping[str, str],
    matcher: EntityMatcher,
    periods: Mapping[str, Sequence[NamePeriod]],
) -> Iterable[Conflict]:
    """Sources that call one thing by names of different periods at the same date (a 2014
    summit of the "16+1" and of the "17+1"), when one of the names was not in use then; for a
    thing whose names in time the database does not record, sources that give it different
    names at its start ("initially named 14+1", "inaugurated the 16+1")."""
    uses: dict[str, list[_NameUse]] = defaultdict(list)
    at_start: dict[str, list[tuple[str, IndexedClaim]]] = defaultdict(list)
    for claim in claims:
        if not any(types.get(e) in _NAMED_THINGS for e in claim.entities):
            continue  # the index knows which entities a claim names: most name none of these
        folded = fold(claim.text)
        initially = INITIALLY.search(folded) is not None
        begun = initially or BEGUN.search(folded) is not None
        if not begun and not any(e in periods for e in claim.entities):
            continue
        named: dict[str, set[str]] = defaultdict(set)
        for mention in matcher.find(folded, folded=True):
            entity, words = mention.entity_id, folded[mention.start : mention.end]
            if types.get(entity) not in _NAMED_THINGS:
                continue
            if entity in periods:
                name = name_used(words, periods[entity])
                if name is not None:
                    named[entity].add(name)
            elif begun:
                name = " ".join(_GENERIC.sub(" ", words).split())
                if name:
                    at_start[entity].append((name, claim))
        for entity, names in named.items():
            if len(names) > 1:
                continue  # "the 16+1 became the 17+1": the claim tells the renaming
            dated = _date(claim)
            span = start_of(periods[entity]) if initially or (begun and dated is None) else dated
            if span is not None:
                uses[entity].append(_NameUse(claim, names.pop(), span))
    for entity, found in uses.items():
        yield from _names_of_other_periods(entity, found, periods[entity])
    for entity, named_at_start in at_start.items():
        yield from _names_at_start(entity, named_at_start)


def _names_of_other_periods(
    entity: str, uses: list[_NameUse], periods: Sequence[NamePeriod]
) -> Iterable[Conflict]:
    """Uses of one date (within a year, a month and the year around it) that name the thing
    differently, one of them by a name not in use at that date: they cannot both be right."""
    moments: list[list[_NameUse]] = []
    for use in sorted(uses, key=lambda u: (_width(u.span), u.claim.id)):
        for moment in moments:
            if moment[0].span.overlaps(use.span):
                moment.append(use)
                break
        else:
            moments.append([use])
    for moment in moments:
        when = moment[0].span
        by_name: dict[str, list[IndexedClaim]] = defaultdict(list)
        for use in moment:
            by_name[use.name].append(use.claim)
        wrong = sorted(name for name in by_name if not held_at(name, periods, when))
        if len(by_name) < 2 or not wrong or len({u.claim.source_id for u in moment}) < 2:
            continue
        at = when.describe() if when.precision == "day" else _iso_of(when)
        reasons = [
            *(
                f"{name} was not in use at {at}: only {when_in_use(name, periods)}"
                for name in wrong
            ),
            f"so say the names in time of {entity}; a source may call a past event by the name "
            "of its own day",
        ]
        sides: list[Side] = [
            ([_Item(c, None, 0, name) for c in holders], [])
            for name, holders in sorted(by_name.items(), key=lambda kv: (kv[0] in wrong, kv[0]))
        ]
        yield _conflict((entity, "named", ""), "name", Level.MEDIUM, "structured", reasons, sides)


def _iso_of(span: DateSpan) -> str:
    return span.lo.isoformat()[: 4 if span.precision == "year" else 7]


def _names_at_start(entity: str, found: list[tuple[str, IndexedClaim]]) -> Iterable[Conflict]:
    by_name: dict[str, list[IndexedClaim]] = defaultdict(list)
    for name, claim in found:
        by_name[name].append(claim)
    if len(by_name) < 2 or len({c.source_id for _, c in found}) < 2:
        return
    sides: list[Side] = [
        ([_Item(c, None, 0, name) for c in holders], [])
        for name, holders in sorted(by_name.items())
    ]
    reasons = [
        "a later renaming may explain it: the database does not record this thing's names in "
        "time (names_in_time in entities.yaml)"
    ]
    yield _conflict((entity, "named", ""), "name", Level.MEDIUM, "structured", reasons, sides)


# --- output ------------------------------------------------------------------------------


def _reference(claim: IndexedClaim) -> ConflictClaim:
    source = SourceRef(
        claim.source_id, claim.source_title, claim.source_line, claim.start, claim.end
    )
    return ConflictClaim(claim.id, source, claim.quote, claim.text)


def _conflict(
    key: tuple[str, str, str],
    field: str,
    level: Level,
    kind: str,
    reasons: list[str],
    sides: list[Side],
) -> Conflict:
    subject, predicate, obj = key
    itself = _one_source(sides)
    if itself is not None:
        level = Level.LOW
        lines = ", ".join(str(holders[0].claim.source_line) for holders, _ in sides)
        reasons = [*reasons, f"{itself} contradicts itself (lines {lines}): one of its pages may "
                   "correct or update another"]  # fmt: skip
    built = tuple(
        ConflictSide(
            value=holders[0].label,
            claims=tuple(_reference(i.claim) for i in holders),
            corroborated_by=tuple(_reference(i.claim) for i in backers),
        )
        for holders, backers in sides
    )
    return Conflict(
        id=_conflict_id(field, (i.claim.id for holders, _ in sides for i in holders)),
        subject=subject,
        predicate=predicate,
        object=obj or None,
        field=field,
        severity=level,
        kind=kind,
        explanation=_explain(field, built),
        reasons=tuple(reasons),
        sides=built,
    )


def _one_per_disagreement(found: list[Conflict]) -> list[Conflict]:
    """Conflicts of one field that share a claim are one disagreement, found by several passes
    or pairs: one conflict, its sides the union of theirs (a value's claims together), at the
    severity of the surest of them, with every reason given."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, str], int] = {}
    for i, conflict in enumerate(found):
        for side in conflict.sides:
            for claim in side.claims:
                j = first_with.setdefault((conflict.field, claim.claim_id), i)
                parent[root(i)] = root(j)
    groups: dict[int, list[Conflict]] = defaultdict(list)
    for i, conflict in enumerate(found):
        groups[root(i)].append(conflict)
    return [_merged(group) if len(group) > 1 else group[0] for group in groups.values()]


def _merged(group: list[Conflict]) -> Conflict:
    surest = min(group, key=lambda c: (_ORDER[c.severity], c.kind != "structured"))
    values: dict[str, tuple[dict[str, ConflictClaim], dict[str, ConflictClaim]]] = {}
    for conflict in sorted(group, key=lambda c: c is not surest):
        for side in conflict.sides:
            holders, backers = values.setdefault(side.value, ({}, {}))
            holders.update((c.claim_id, c) for c in side.claims)
            backers.update((c.claim_id, c) for c in side.corroborated_by)
    sides = tuple(
        ConflictSide(
            value, tuple(holders.values()), tuple(b for k, b in backers.items() if k not in holders)
        )
        for value, (holders, backers) in values.items()
    )
    reasons = tuple(dict.fromkeys(r for c in group for r in c.reasons))
    return replace(
        surest,
        id=_conflict_id(surest.field, (c.claim_id for side in sides for c in side.claims)),
        reasons=reasons,
        sides=sides,
        explanation=_explain(surest.field, sides),
    )


def _conflict_id(field: str, claim_ids: Iterable[str]) -> str:
    digest = hashlib.sha1(f"{field}|{'|'.join(sorted(claim_ids))}".encode()).hexdigest()[:8]
    return f"c-{digest}"


def _explain(field: str, sides: tuple[ConflictSide, ...]) -> str:
    parts = [
        f"{side.value} according to {', '.join(sorted({c.source.id for c in side.claims}))}"
        for side in sides
    ]
    what = {"count": "The count", "amount": "The amount", "percent": "The percentage",
            "multiple": "The multiple", "rank": "The rank", "date": "The date",
            "status": "What happened", "name": "The name"}.get(field, field)  # fmt: skip
    return f"{what} differs between the sources: " + "; ".join(parts) + "."
