"""Candidates -> supported / contradicted / disputed / not_found, with the evidence and why."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from claimcheck.judge.compare import Agreement, Amount, compare_amounts, compare_dates
from claimcheck.language.dates import DateSpan, find_dates, parse_iso
from claimcheck.language.lexicon import (
    is_cancellation,
    is_one_time,
    is_prospective,
    predicate_group,
)
from claimcheck.language.normalize import content_stems, fold, stem
from claimcheck.language.numbers import QuantityMention, find_quantities
from claimcheck.language.reader import Facts, read
from claimcheck.models import Evidence, Relation, SourceRef, Verdict, VerifyResult
from claimcheck.retrieve.index import ClaimIndex, IndexedClaim
from claimcheck.retrieve.scoring import Candidate, candidates, score_claims

if TYPE_CHECKING:  # numpy is imported only when the search ranking is needed
    from claimcheck.retrieve.search import SearchIndex

ABOUT = 0.6  # a claim covering this share of the statement is about the same fact
WORDS = 0.5  # ... and at least this share of its words besides names: "Chinese warships" is
# not about the same fact as "Chinese drones", however many names the two share
ABOUT_ALIGNED, WORDS_ALIGNED = 0.4, 0.3  # when a figure of the same measure lines up
WORDS_FOR_A_DATE = 0.75  # a contradiction by date alone needs the event told in the same words
ABOUT_WITHOUT_FIGURES = 0.75  # with no number or date to check, agreement needs more overlap
RELATED = 0.3  # below this a candidate is not shown at all
_COUNTS = ("percent", "times", "rank")


@dataclass(frozen=True)
class Judgement:
    relation: Relation
    reasons: tuple[str, ...]


RANKED = 20  # claims asked of `search`'s ranking when the names-first retrieval finds nothing

# Claim ids ranked for a statement by `claimcheck.retrieve.search` (the same ranking `search` shows).
Ranking = Callable[[str, int], Sequence[str]]


def verify(
    statement_text: str, index: ClaimIndex, top: int = 5, ranking: Ranking | None = None
) -> VerifyResult:
    """The verdict on a statement. Candidates come from the index's names-first retrieval; when
    none of them is about the statement and `ranking` is given, its top claims are judged too
    (it reaches claims whose names are too common to pick them out, at the cost of a numpy
    import that the usual path does without)."""
    statement = read(statement_text, index.matcher)
    found = candidates(statement, index)
    judged = _judged(statement, found)
    if ranking is not None and not any(j.relation is not Relation.RELATED for _, j in judged):
        seen = {c.claim.id for c in found}
        more = [i for i in ranking(statement_text, RANKED) if i not in seen]
        hits = [(claim, 0.0) for claim in index.by_ids(more)]
        judged = sorted(
            [*judged, *_judged(statement, score_claims(statement, index, hits))],
            key=lambda cj: -cj[0].about,
        )
    judged = _one_sentence_one_voice(judged)
    supports = [c for c, j in judged if j.relation is Relation.SUPPORTS]
    contradicts = [c for c, j in judged if j.relation is Relation.CONTRADICTS]
    if supports and contradicts:
        verdict = Verdict.DISPUTED
        confidence = min(supports[0].about, contradicts[0].about)
        why = (
            f"{_agree(len(supports), 'supports')} it and {_agree(len(contradicts), 'contradicts')} "
            "it: the sources disagree"
        )
    elif contradicts:
        verdict, confidence = Verdict.CONTRADICTED, contradicts[0].about
        why = f"{_agree(len(contradicts), 'contradicts')} it and none supports it"
    elif supports:
        verdict, confidence = Verdict.SUPPORTED, supports[0].about
        why = f"{_agree(len(supports), 'supports')} it and none contradicts it"
    else:
        verdict = Verdict.NOT_FOUND
        best = max((c.about for c, _ in judged), default=0.0)
        confidence = 1.0 - best
        why = "no claim in the database is about this" + (
            f" (the closest covers {best:.0%} of it)" if judged else ""
        )
    order = {Relation.CONTRADICTS: 0, Relation.SUPPORTS: 0, Relation.RELATED: 1}
    ranked = sorted(judged, key=lambda cj: (order[cj[1].relation], -cj[0].about))
    evidence = tuple(_evidence(statement, c, j) for c, j in ranked[:top])
    return VerifyResult(statement_text, verdict, round(confidence, 3), why, evidence)


def search_ranking(root: Path) -> Ranking:
    """`search`'s ranking of the quoted claims, for `verify`; opened on first use only."""
    opened: list[SearchIndex] = []

    def ranked(statement: str, limit: int) -> list[str]:
        if not opened:
            from claimcheck.retrieve.search import open_search_index

            opened.append(open_search_index(root))
        hits = opened[0].search(statement, limit).hits
        return [hit.document.id for hit in hits if hit.document.kind == "quoted"]

    return ranked


def _one_sentence_one_voice(
    judged: list[tuple[Candidate, Judgement]],
) -> list[tuple[Candidate, Judgement]]:
    """A source does not contradict itself within a sentence: when one claim of a sentence
    supports the statement, another figure of the same sentence ("a $3 billion fund" beside
    "$10 billion in credit lines") measures something else and does not contradict it."""
    supporting = [c.claim for c, j in judged if j.relation is Relation.SUPPORTS]

    def beside_support(claim: IndexedClaim) -> bool:
        return any(
            s.source_id == claim.source_id and s.start < claim.end and claim.start < s.end
            for s in supporting
        )

    return [
        (
            c,
            Judgement(
                Relation.RELATED, (*j.reasons, "another figure of a sentence that supports it")
            ),
        )
        if j.relation is Relation.CONTRADICTS and beside_support(c.claim)
        else (c, j)
        for c, j in judged
    ]


def _judged(statement: Facts, found: Iterable[Candidate]) -> list[tuple[Candidate, Judgement]]:
    return [(c, judge(statement, c)) for c in found if c.about >= RELATED]


def judge(statement: Facts, candidate: Candidate) -> Judgement:
    """How one claim bears on the statement, by the same rules `conflicts` uses."""
    claim = candidate.claim
    reasons = [f"covers {candidate.about:.0%} of the statement"]
    if candidate.shared_entities:
        reasons.append("names " + ", ".join(sorted(candidate.shared_entities)))
    # A figure of the same measure (same unit or currency) is strong evidence that the claim is
    # about the same fact, so paraphrase ("stretch" for "section") is forgiven more.
    aligned = any(
        _counts_the_same_thing(statement, m, f)
        for f in _claim_figures(claim)
        for m in statement.quantities
    )
    about, words = (ABOUT_ALIGNED, WORDS_ALIGNED) if aligned else (ABOUT, WORDS)
    if candidate.about < about or candidate.words < words:
        if candidate.missing:
            reasons.append("says nothing of " + ", ".join(candidate.missing))
        return Judgement(Relation.RELATED, tuple(reasons))

    if (
        is_cancellation(claim.predicate, claim.status)
        and claim.object in statement.entities
        and "acquire" in statement.groups
        and "cancel" not in statement.groups
    ):
        # "bought X" is contradicted, and "never bought X" borne out, by "gave up on X"
        if statement.denies(claim.object):
            reasons.append(f"the source says {claim.object} was given up")
            return Judgement(Relation.SUPPORTS, tuple(reasons))
        reasons.append(f"the source says {claim.object} was given up or replaced")
        return Judgement(Relation.CONTRADICTS, tuple(reasons))

    if candidate.missing_entities:
        names = ", ".join(sorted(candidate.missing_entities))
        reasons.append(f"does not mention {names}")
        return Judgement(Relation.RELATED, tuple(reasons))
    kind = _kind_of_event(statement, claim)
    if kind is False:
        reasons.append(f"a different kind of event ({claim.predicate})")
        return Judgement(Relation.RELATED, tuple(reasons))

    quantities = list(_quantity_checks(statement, claim))
    if statement.figures and not quantities:
        # The figure is what the statement asserts: a claim without one, or with a figure of
        # something else, can neither confirm nor refute it.
        reasons.append(
            "its figure measures something else" if claim.quantity else "it gives no figure"
        )
        return Judgement(Relation.RELATED, tuple(reasons))
    # An order and its delivery are two dates of one deal: compare a date with its own kind.
    dates = list(_date_checks(statement, claim)) if _same_phase(statement, claim) else []
    reasons.extend(r for _, r in [*quantities, *dates])
    if is_prospective(claim.status) and not statement.tells_a_plan:
        reasons.append(f"the claim reports a plan ({claim.status}), not what happened")
        return Judgement(Relation.RELATED, tuple(reasons))
    date_differs = any(a is Agreement.DISAGREE for a, _ in dates)
    figure_differs = any(a is Agreement.DISAGREE for a, _ in quantities)
    if date_differs and not (
        kind is True
        and (is_one_time(claim.predicate) or _to_the_day(statement, claim))
        # the same words, or a figure that identifies the event (the same $608 million loan)
        and (quantities or candidate.words >= WORDS_FOR_A_DATE)
    ):
        # A count for 2019 next to one for 2018 is another period, and a visit in 2019 another
        # visit; only a one-off event (a purchase, a signing, a delivery) described in the
        # same words has a single date to get wrong.
        reasons.append("at another time, so not the same event or period")
        return Judgement(Relation.RELATED, tuple(reasons))
    disagree = date_differs or figure_differs
    agree = any(a is Agreement.AGREE for a, _ in [*quantities, *dates])
    same_thing = claim.object is None or claim.object in statement.entities
    if (
        statement.denies(claim.object) != claim.negated
        and kind is True
        and same_thing
        and not disagree
    ):
        reasons.append("one says it happened, the other that it did not")
        return Judgement(Relation.CONTRADICTS, tuple(reasons))
    if disagree:
        return Judgement(Relation.CONTRADICTS, tuple(reasons))
    if (
        agree
        and statement.dates
        and claim.date is None
        and kind is True
        and is_one_time(claim.predicate)
    ):
        # It confirms the figure but not when: the date is what a one-off event's statement
        # is most often wrong about, so this claim is related, not a confirmation.
        reasons.append("it confirms the figure but gives no date")
        return Judgement(Relation.RELATED, tuple(reasons))
    if agree:
        return Judgement(Relation.SUPPORTS, tuple(reasons))
    if not statement.checkable and candidate.about >= ABOUT_WITHOUT_FIGURES:
        return Judgement(Relation.SUPPORTS, tuple(reasons))
    reasons.append("it gives no date to check the statement's against")
    return Judgement(Relation.RELATED, tuple(reasons))


def _to_the_day(statement: Facts, claim: IndexedClaim) -> bool:
    """Dates to the day on both sides name one occasion, even of an event that recurs."""
    theirs = parse_iso(claim.date, claim.date_bound) if claim.date else None
    return (
        theirs is not None
        and theirs.precision == "day"
        and any(d.precision == "day" for d in statement.dates)
    )


_TRANSFER_VERBS = (
    "delivered deliver received receive arrived arrive reached reach shipped got get gets "
    "handed_over hand_over".split()
)
_TRANSFER_PREDICATES = frozenset({"delivered", "received"})


def _same_phase(statement: Facts, claim: IndexedClaim) -> bool:
    """An order and its delivery are two dates of one deal."""
    acquiring = [w for w, g in statement.verbs if g == "acquire"]
    if not acquiring or predicate_group(claim.predicate) != "acquire":
        return True
    delivery = any(
        process.extractOne(w, _TRANSFER_VERBS, scorer=fuzz.ratio, score_cutoff=84)
        for w in acquiring
    )  # a typo'd verb ("delivred") is still a delivery
    return delivery == (claim.predicate in _TRANSFER_PREDICATES)


def _kind_of_event(statement: Facts, claim: IndexedClaim) -> bool | None:
    """True when a verb of the statement matches the claim's predicate group or its own words,
    False when the statement has such verbs and none matches, None when it has none."""
    if not statement.verbs:
        return None
    claim_words = re.findall(r"[a-z]+", fold(claim.text))
    # The claim's predicate, or a verb of its own sentence (a noun of the same stem is not
    # enough: "declared" is not "declaration"); "welcomed" meets "greeted" by their group.
    text_verbs = (predicate_group(w) for w in claim_words if w not in _AMBIGUOUS_VERBS)
    groups = {predicate_group(claim.predicate), *text_verbs} - {None}
    forms = {_verb_root(w) for w in claim_words}
    return any(g in groups or _verb_root(w) in forms for w, g in statement.verbs)


# Verbs too common in other senses to say what kind of event a claim's sentence tells of
# ("reached an agreement", "took part", "made up").
_AMBIGUOUS_VERBS = frozenset(
    "reached reach took take got get has have had made make gave give".split()
)


def _verb_root(word: str) -> str:
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@dataclass(frozen=True)
class _Figure:
    """A figure a claim states, with what it counts."""

    amount: Amount
    head: str | None  # stem of the counted noun: "drone"; None for percent, money, multiples
    thing: str | None  # the entity counted, when the unit does not say ("nine Wing Loong")
    measure: tuple[str, ...]  # stems of the claim's scope.measure: what a percentage is of
    flows: frozenset[str] = frozenset()  # "export", "import": which way the goods went


def _flows(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b(export|import)(?:s|ed|ing|er|ers)?\b", text))


def _claim_figures(claim: IndexedClaim) -> list[_Figure]:
    """The claim's quantity facet; failing that, the figures its sentence states."""
    measure = tuple(content_stems(claim.scope.get("measure", "")))
    flows = _flows(f"{claim.predicate} {fold(claim.text)}")
    q = claim.quantity
    if q is not None:
        amount = Amount(q["value"], q["bound"], q["max"], q["unit"], q["currency"])
        # "km/h" is written "200 km/h": its head is the word right after the figure
        unit = str(q["unit"] or "")
        head = stem(unit.split()[-1].split("/")[0]) if unit and unit not in _COUNTS else None
        return [_Figure(amount, head, claim.object, measure, flows)]
    figures = []
    years = [(d.start, d.end) for d in find_dates(claim.text)]
    for mention in find_quantities(claim.text, skip=years):
        if mention.unit == "rank":
            continue  # "the first European country ..." is no count to compare
        counted = mention.counted()
        head = stem(counted[-1]) if counted and not (mention.unit or mention.currency) else None
        amount = Amount(mention.value, mention.bound, mention.max, mention.unit, mention.currency)
        figures.append(_Figure(amount, head, None, measure, flows))
    return figures


def _quantity_checks(statement: Facts, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
    if _over_a_period(claim) and not (statement.dates or _names_a_period(statement)):
        return  # a total over several years is not the figure of a statement that names no time
    money = claim.quantity is not None and bool(claim.quantity["currency"])
    if (
        money
        and statement.dates
        and claim.date
        and _over_a_period(claim) != _spans_years(statement)
    ):
        return  # the $5.2 million of 2008-2018 is not the sum of 2017, nor the other way
    results: list[tuple[Agreement, str]] = []
    for figure in _claim_figures(claim):
        theirs = figure.amount
        for mention in statement.quantities:
            if _same_measure(statement, mention, figure):
                unit = mention.unit or theirs.unit
                ours = Amount(mention.value, mention.bound, mention.max, unit, mention.currency)
                results.append(_compared(ours, theirs))
    # one matching figure is enough: a statement may give several
    if any(a is Agreement.AGREE for a, _ in results):
        results = [r for r in results if r[0] is not Agreement.DISAGREE]
    yield from results


def _names_a_period(statement: Facts) -> bool:
    """Whether it gives a length of time, if not a date: "grew fifteen-fold in five years"."""
    return any(q.following[:1] in _PERIODS for q in statement.quantities)


_PERIODS = frozenset((w,) for w in "year years month months decade decades".split())


def _spans_years(statement: Facts) -> bool:
    return any(
        (d.hi - d.lo).days > 400 for d in statement.dates if d.lo != date.min and d.hi != date.max
    )


def _over_a_period(claim: IndexedClaim) -> bool:
    span = parse_iso(claim.date) if claim.date else None
    return "period" in claim.scope or (span is not None and (span.hi - span.lo).days > 400)


def _compared(ours: Amount, theirs: Amount) -> tuple[Agreement, str]:
    agreement = compare_amounts(ours, theirs)
    if agreement is Agreement.INCOMPARABLE:
        return agreement, f"{ours.describe()} and {theirs.describe()} are in different currencies"
    sign = "agrees with" if agreement is Agreement.AGREE else "differs from"
    return agreement, f"{_field(theirs)} {ours.describe()} {sign} {theirs.describe()}"


def _field(amount: Amount) -> str:
    if amount.currency:
        return "amount"
    return {"percent": "percentage", "rank": "rank", "times": "multiple"}.get(
        amount.unit or "", "count"
    )


def _counts_the_same_thing(statement: Facts, mention: QuantityMention, figure: _Figure) -> bool:
    """A count of the same named thing ("900 cameras", "nine Wing Loong"): a strong sign that
    the claim is about the statement's fact. Money and percentages are too common for that."""
    if mention.currency or mention.unit or figure.amount.currency or figure.amount.unit in _COUNTS:
        return False
    return _same_measure(statement, mention, figure)


def _same_measure(statement: Facts, mention: QuantityMention, figure: _Figure) -> bool:
    """Whether a number in the statement counts what the claim's figure counts."""
    if _flows(statement.folded) != figure.flows:
        return False  # exports are not imports, nor the trade of both ways
    if figure.measure:
        said = set(content_stems(statement.folded))
        if sum(m in said for m in figure.measure) * 2 < len(figure.measure):
            return False  # the claim's figure is of something the statement does not speak of
    theirs = figure.amount
    if mention.currency or theirs.currency:
        return bool(mention.currency and theirs.currency)
    if mention.unit in _COUNTS or theirs.unit in _COUNTS:
        return mention.unit == theirs.unit
    counted = mention.counted()
    if figure.head and figure.head in {stem(w) for w in counted}:
        return True
    if figure.thing and any(
        # the thing counted comes right after the number: "nine Wing Loong", "six Chinese CH-92A"
        entity == figure.thing and 0 <= start - mention.end <= 12
        for start, _, entity in statement.entity_spans
    ):
        return True
    # "... to over 100,000": nothing named after the number, so look at the whole statement
    words = {stem(w) for w in statement.words}
    return not counted and figure.head is not None and figure.head in words


def _date_checks(statement: Facts, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
    if not claim.date or not statement.dates:
        return
    theirs = parse_iso(claim.date, claim.date_bound)
    if theirs is None:
        return
    agreements = [(compare_dates(d, theirs), d) for d in statement.dates]
    match = next((d for a, d in agreements if a is Agreement.AGREE), None)
    if match is not None:
        yield Agreement.AGREE, f"date {_statement_date(statement, match)} agrees with {claim.date}"
    else:
        yield (
            Agreement.DISAGREE,
            (f"date {_statement_date(statement, statement.dates[0])} differs from {claim.date}"),
        )


def _statement_date(statement: Facts, span: DateSpan) -> str:
    return statement.folded[span.start : span.end]


def _evidence(statement: Facts, candidate: Candidate, judgement: Judgement) -> Evidence:
    claim = candidate.claim
    return Evidence(
        claim_id=claim.id,
        relation=judgement.relation,
        score=round(candidate.about, 3),
        claim=claim.text,
        quote=claim.quote,
        source=SourceRef(claim.source_id, claim.source_title, claim.line, claim.start, claim.end),
        cites=claim.cites,
        reasons=judgement.reasons,
        highlights=tuple(_highlights(statement, claim.quote)),
    )


def _highlights(statement: Facts, quote: str) -> Iterable[tuple[int, int]]:
    wanted = {stem(w) for w in re.findall(r"[a-z0-9]+", statement.folded) if len(w) > 2}
    for match in re.finditer(r"\w+", quote):
        if stem(fold(match.group(0))) in wanted:
            yield match.start(), match.end()


def _agree(count: int, verb: str) -> str:
    """'1 claim supports', '2 claims support'."""
    return f"1 claim {verb}" if count == 1 else f"{count} claims {verb.removesuffix('s')}"
