"""Candidates -> supported / contradicted / disputed / not_found, with the evidence and why."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimcheck.compare import (
    Agreement,
    Amount,
    compare_amounts,
    compare_dates,
    is_cancellation,
    is_prospective,
    predicate_group,
)
from claimcheck.dates import DateSpan, parse_iso
from claimcheck.index import ClaimIndex, IndexedClaim
from claimcheck.matcher import Candidate, Statement, analyze, candidates
from claimcheck.models import Evidence, Relation, SourceRef, Verdict, VerifyResult
from claimcheck.normalize import content_stems, fold, stem
from claimcheck.quantities import QuantityMention

ABOUT = 0.6  # a claim covering this share of the statement is about the same fact
WORDS = 0.5  # ... and at least this share of its words besides names: "Chinese warships" is
# not about the same fact as "Chinese drones", however many names the two share
ABOUT_WITHOUT_FIGURES = 0.75  # with no number or date to check, agreement needs more overlap
RELATED = 0.3  # below this a candidate is not shown at all
_COUNTS = ("percent", "times", "rank")


@dataclass(frozen=True)
class Judgement:
    relation: Relation
    reasons: tuple[str, ...]


def verify(statement_text: str, index: ClaimIndex, top: int = 5) -> VerifyResult:
    statement = analyze(statement_text, index.matcher)
    judged = [
        (candidate, judge(statement, candidate))
        for candidate in candidates(statement, index)
        if candidate.about >= RELATED
    ]
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


def judge(statement: Statement, candidate: Candidate) -> Judgement:
    """How one claim bears on the statement, by the same rules `conflicts` uses."""
    claim = candidate.claim
    reasons = [f"covers {candidate.about:.0%} of the statement"]
    if candidate.shared_entities:
        reasons.append("names " + ", ".join(sorted(candidate.shared_entities)))
    if candidate.about < ABOUT or candidate.words < WORDS:
        if candidate.missing:
            reasons.append("says nothing of " + ", ".join(candidate.missing))
        return Judgement(Relation.RELATED, tuple(reasons))

    if (
        is_cancellation(claim.predicate, claim.status)
        and claim.object in statement.entities
        and "acquire" in statement.groups
        and "cancel" not in statement.groups
        and not statement.negated
    ):
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
    if statement.quantities and claim.quantity and not quantities:
        reasons.append("its figure measures something else")
        return Judgement(Relation.RELATED, tuple(reasons))
    dates = list(_date_checks(statement, claim))
    reasons.extend(r for _, r in [*quantities, *dates])
    if is_prospective(claim.status) and not statement.future:
        reasons.append(f"the claim reports a plan ({claim.status}), not what happened")
        return Judgement(Relation.RELATED, tuple(reasons))
    date_differs = any(a is Agreement.DISAGREE for a, _ in dates)
    if date_differs and kind is not True:
        # Without the same verb, another date more likely means another event or period
        # (a 2019 count next to a 2018 one) than a disagreement.
        reasons.append("at another time, and not clearly the same event")
        return Judgement(Relation.RELATED, tuple(reasons))
    disagree = date_differs or any(a is Agreement.DISAGREE for a, _ in quantities)
    agree = any(a is Agreement.AGREE for a, _ in [*quantities, *dates])
    if statement.negated != claim.negated and kind is True and not disagree:
        reasons.append("one says it happened, the other that it did not")
        return Judgement(Relation.CONTRADICTS, tuple(reasons))
    if disagree:
        return Judgement(Relation.CONTRADICTS, tuple(reasons))
    if agree:
        return Judgement(Relation.SUPPORTS, tuple(reasons))
    if not statement.checkable and candidate.about >= ABOUT_WITHOUT_FIGURES:
        return Judgement(Relation.SUPPORTS, tuple(reasons))
    if statement.checkable:
        reasons.append("it states no figure or date to check the statement's against")
    return Judgement(Relation.RELATED, tuple(reasons))


def _kind_of_event(statement: Statement, claim: IndexedClaim) -> bool | None:
    """True when a verb of the statement matches the claim's predicate group or its own words,
    False when the statement has such verbs and none matches, None when it has none."""
    if not statement.verbs:
        return None
    claim_group = predicate_group(claim.predicate)
    return any(g == claim_group or stem(w) in claim.text_stems for w, g in statement.verbs)


def _quantity_checks(statement: Statement, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
    q = claim.quantity
    if q is None:
        return
    theirs = Amount(q["value"], q["bound"], q["max"], q["unit"], q["currency"])
    results: list[tuple[Agreement, str]] = []
    for mention in statement.quantities:
        if not _same_measure(statement, mention, claim):
            continue
        ours = Amount(
            mention.value, mention.bound, mention.max, mention.unit or q["unit"], mention.currency
        )
        agreement = compare_amounts(ours, theirs)
        if agreement is Agreement.INCOMPARABLE:
            results.append(
                (
                    agreement,
                    f"{ours.describe()} and {theirs.describe()} are in different currencies",
                )
            )
            continue
        sign = "agrees with" if agreement is Agreement.AGREE else "differs from"
        results.append(
            (agreement, f"{_field(theirs)} {ours.describe()} {sign} {theirs.describe()}")
        )
    # one matching figure is enough: a statement may give several
    if any(a is Agreement.AGREE for a, _ in results):
        results = [r for r in results if r[0] is not Agreement.DISAGREE]
    yield from results


def _field(amount: Amount) -> str:
    if amount.currency:
        return "amount"
    return {"percent": "percentage", "rank": "rank", "times": "multiple"}.get(
        amount.unit or "", "count"
    )


def _same_measure(statement: Statement, mention: QuantityMention, claim: IndexedClaim) -> bool:
    """Whether a number in the statement counts what the claim's quantity counts."""
    q = claim.quantity
    assert q is not None
    measure = content_stems(claim.scope.get("measure", ""))
    if measure and sum(m in set(content_stems(statement.folded)) for m in measure) * 2 < len(
        measure
    ):
        return False  # the claim's figure is of something the statement does not speak of
    if mention.currency or q["currency"]:
        return bool(mention.currency and q["currency"])
    if mention.unit in _COUNTS or q["unit"] in _COUNTS:
        return bool(mention.unit == q["unit"])
    unit_stem = stem(str(q["unit"]).split()[-1]) if q["unit"] else None
    following = [stem(w) for w in mention.following]
    if unit_stem and unit_stem in following[:3]:
        return True
    if claim.object and any(
        entity == claim.object and 0 <= start - mention.end <= 30
        for start, _, entity in statement.entity_spans
    ):
        return True
    names_a_thing = bool(mention.following) and mention.following[0] not in _LINKING
    return (
        not names_a_thing
        and unit_stem is not None
        and unit_stem in {stem(w) for w in statement.words}
    )


_LINKING = frozenset("in to of for from at by on and or was were is are".split())


def _date_checks(statement: Statement, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
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


def _statement_date(statement: Statement, span: DateSpan) -> str:
    return statement.folded[span.start : span.end]


def _evidence(statement: Statement, candidate: Candidate, judgement: Judgement) -> Evidence:
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


def _highlights(statement: Statement, quote: str) -> Iterable[tuple[int, int]]:
    wanted = {stem(w) for w in re.findall(r"[a-z0-9]+", statement.folded) if len(w) > 2}
    for match in re.finditer(r"\w+", quote):
        if stem(fold(match.group(0))) in wanted:
            yield match.start(), match.end()


def _agree(count: int, verb: str) -> str:
    """'1 claim supports', '2 claims support'."""
    return f"1 claim {verb}" if count == 1 else f"{count} claims {verb.removesuffix('s')}"
