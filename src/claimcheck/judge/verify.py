"""Candidates -> supported / contradicted / disputed / not_found, with the evidence and why."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.judge.rules import (
    ABOUT,
    CONTAINED,
    PARAPHRASE,
    Judgement,
    Pair,
    covered_parts,
    judge,
    statement_parts,
)
from claimcheck.language.firsts import KIND_OF_WORD, same_firsts
from claimcheck.language.lexicon import is_cancellation
from claimcheck.language.normalize import fold, stem
from claimcheck.language.reader import Facts, read
from claimcheck.models import Evidence, Relation, SourceRef, Verdict, VerifyResult
from claimcheck.retrieve.index import ClaimIndex, IndexedClaim
from claimcheck.retrieve.scoring import ScoredClaim, candidates, score_claims

if TYPE_CHECKING:  # numpy is imported only when the search ranking or the model is needed
    from claimcheck.judge.paraphrase import PairModel
    from claimcheck.retrieve.search import SearchIndex

RELATED = 0.3  # below this a candidate is not shown at all
PAIRED = 4  # candidates the text-pair model reads, best first by how much they share with it
# ... and when none of those tells the statement, the first few of `search`'s ranking, which may
# share few words with it: the model must be surer of them (P(entails) + P(contradicts) at
# least SEARCHED_PARAPHRASE; chosen with rules.PARAPHRASE by cross-validation,
# benchmarks/tune_paraphrase.py)
SEARCHED = 2
SEARCHED_PARAPHRASE = 0.7
FIRSTS = 20  # claims that tell a first, asked of the index when the statement tells one
RANKED = 20  # claims asked of `search`'s ranking when the names-first retrieval finds nothing
GROUP = 200  # claims asked of the index that name what a deciding claim's fact is about

# Claim ids ranked for a statement by `claimcheck.retrieve.search` (the same ranking `search` shows).
Ranking = Callable[[str, int], Sequence[str]]


def verify(
    statement_text: str,
    index: ClaimIndex,
    top: int = 5,
    ranking: Ranking | None = None,
    pairs: Callable[[], PairModel | None] | None = None,
) -> VerifyResult:
    """The verdict on a statement. Candidates come from the index's names-first retrieval; when
    none of them is about the statement and `ranking` is given, its top claims are judged too
    (it reaches claims whose names are too common to pick them out, at the cost of a numpy
    import that the usual path does without). When still none is, and `pairs` gives a text-pair
    model, it reads the statement against the best few candidates: a claim it says the statement
    tells in other words is judged again by the rules, as one the statement contains."""
    if not statement_text.strip():  # a blank line of a --file batch keeps its place
        return VerifyResult(
            statement_text, Verdict.NOT_FOUND, 1.0, "an empty line: nothing to check", ()
        )
    statement = read(statement_text, index.matcher)
    found = candidates(statement, index)
    if statement.firsts:
        found = [*found, *_firsts_of_its_kind(statement, index, found)]
    judged = _judged(statement, found)
    searched: list[str] = []
    if ranking is not None and not _decided(judged):
        seen = {c.claim.id for c in found}
        searched = list(ranking(statement.reported, RANKED))
        more = [i for i in searched if i not in seen]
        found = [*found, *score_claims(statement, index, [(c, 0.0) for c in index.by_ids(more)])]
        judged = sorted(_judged(statement, found), key=lambda cj: -cj[0].about)
    model = pairs() if pairs is not None and not _decided(judged) else None
    if model is not None:
        judged = _paraphrased(statement, found, judged, model, searched)
    judged = _other_sides(statement, index, judged)
    judged = _checked_first(_one_sentence_one_voice(_figure_first(judged)))
    judged = _finest_date_first(statement, judged)
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
        # a claim that covers most of it but is of another time, people or measure is about
        # its words, not its fact
        none = "is about this" if best < ABOUT else "confirms or refutes this"
        why = f"no claim in the database {none}" + (
            f" (the closest covers {best:.0%} of it)" if judged else ""
        )
    order = {Relation.CONTRADICTS: 0, Relation.SUPPORTS: 0, Relation.RELATED: 1}
    ranked = sorted(judged, key=lambda cj: (order[cj[1].relation], -cj[0].about))
    evidence = tuple(_evidence(statement, c, j) for c, j in ranked[:top])
    deciding = [c for c, j in judged if j.relation is not Relation.RELATED]
    said = set().union(*(covered_parts(statement, c) for c in deciding))
    parts = [text for _, text in statement_parts(statement)] if deciding else []
    return VerifyResult(
        statement_text,
        verdict,
        round(confidence, 3),
        why,
        evidence,
        covered=tuple(p for p in parts if p in said),
        not_covered=tuple(p for p in parts if p not in said),
    )


def search_ranking(root: Path, notify: Callable[[str], None] | None = None) -> Ranking:
    """`search`'s ranking of the quoted claims, for `verify`; opened on first use only
    (`notify`: as for open_search_index)."""
    opened: list[SearchIndex] = []

    def ranked(statement: str, limit: int) -> list[str]:
        if not opened:
            from claimcheck.retrieve.search import open_search_index

            opened.append(open_search_index(root, notify=notify))
        hits = opened[0].search(statement, limit).hits
        return [hit.document.id for hit in hits if hit.document.kind == "quoted"]

    return ranked


def pair_model() -> Callable[[], PairModel | None]:
    """The shipped text-pair model, loaded on first use; None when the `semantic` extra (the
    base model, tokenizers) is not installed."""
    loaded: list[PairModel | None] = []

    def model() -> PairModel | None:
        if not loaded:
            from claimcheck.errors import UsageError

            try:
                from claimcheck.judge.paraphrase import PairModel

                loaded.append(PairModel.load())
            except (ImportError, UsageError):
                loaded.append(None)
        return loaded[0]

    return model


def _firsts_of_its_kind(
    statement: Facts, index: ClaimIndex, found: list[ScoredClaim]
) -> list[ScoredClaim]:
    """Claims that date the first of a kind of event the statement says was a first: "the first
    joint training" finds "their first military drill", which shares no word with it."""
    seen = {c.claim.id for c in found}
    kinds = {first.kind for first in statement.firsts}
    words = ["first", *(w for w, kind in KIND_OF_WORD.items() if kind in kinds)]
    hits = [
        (claim, score)
        for claim, score in index.search(words, (), FIRSTS)
        if claim.id not in seen and same_firsts(claim.firsts, statement.firsts)
    ]
    return score_claims(statement, index, hits)


def _decided(judged: list[tuple[ScoredClaim, Judgement]]) -> bool:
    return any(j.relation is not Relation.RELATED for _, j in judged)


def _paraphrased(
    statement: Facts,
    found: list[ScoredClaim],
    judged: list[tuple[ScoredClaim, Judgement]],
    model: PairModel,
    ranked: Sequence[str] = (),
) -> list[tuple[ScoredClaim, Judgement]]:
    """The best few candidates, read against the statement by the text-pair model and judged
    again with its answer; when that decides nothing, the first few of `search`'s ranking
    (`ranked`), which may share few words with it ("a six-strong team of Chinese pandemic
    specialists", "a medical team of six Chinese pandemic experts"): of those, the model must
    be surer."""
    pool = sorted(found, key=lambda c: -max(c.about, c.contained))
    best = pool[:PAIRED]
    by_id = {c.claim.id: c for c in found}
    searched = [by_id[i] for i in ranked if i in by_id and by_id[i] not in best][:SEARCHED]
    again: dict[str, tuple[ScoredClaim, Judgement]] = {}
    for asked, threshold in ((best, PARAPHRASE), (searched, SEARCHED_PARAPHRASE)):
        probabilities = model.score([(statement.reported, c.claim.text) for c in asked])
        for candidate, p in zip(asked, probabilities, strict=True):
            if p[0] + p[1] >= threshold:
                read = replace(candidate, paraphrase=float(p[0] + p[1]))
                again[read.claim.id] = (read, judge(statement, read))
        if _decided(list(again.values())):
            break
    kept = [cj for cj in judged if cj[0].claim.id not in again]
    return sorted([*kept, *again.values()], key=lambda cj: -max(cj[0].about, cj[0].paraphrase))


def _other_sides(
    statement: Facts, index: ClaimIndex, judged: list[tuple[ScoredClaim, Judgement]]
) -> list[tuple[ScoredClaim, Judgement]]:
    """Where the sources disagree on the fact that decides the statement (`conflicts`: one
    source dates the FK-3 purchase 2019, another August 2020), the claims on the other side are
    judged too, by that date or figure alone: the statement that agrees with one source is
    disputed by the other."""
    deciding = {c.claim.id for c, j in judged if j.relation is not Relation.RELATED}
    again: dict[str, tuple[ScoredClaim, Judgement]] = {}
    naming = functools.cache(lambda *entities: index.naming(entities, GROUP))  # one query each
    for candidate, judgement in judged:
        if candidate.claim.id not in deciding:
            continue
        for other, field in _disagreeing(candidate.claim, judgement, index, naming):
            if other.id not in deciding:
                [scored] = score_claims(statement, index, [(other, 0.0)])
                scored = replace(scored, disputes=field)
                again[other.id] = (scored, judge(statement, scored))
    if not again:
        return judged
    return [*(cj for cj in judged if cj[0].claim.id not in again), *again.values()]


def _disagreeing(
    claim: IndexedClaim,
    judgement: Judgement,
    index: ClaimIndex,
    naming: Callable[..., list[IndexedClaim]],
) -> Iterator[tuple[IndexedClaim, str]]:
    """The claims `conflicts` finds telling `claim`'s fact with another value of a field the
    judgement compared, with that field. `claim` is on a side when it tells the same kind of
    event by the same party about a thing it names, with that side's date or figure. `naming`
    gives the claims that name some entities, each set asked of the index once per statement."""
    from claimcheck.judge.conflicts import find_conflicts, group_key

    _, kind, _ = group_key(claim)
    for thing in sorted(claim.entities - {claim.subject}):
        key = (claim.subject, kind, thing)
        group = [c for c in naming(claim.subject, thing) if group_key(c) == key]
        for conflict in find_conflicts(group, index.entity_types) if len(group) > 1 else ():
            if conflict.kind != "structured" or not _compared(judgement, conflict.field):
                continue
            sides = [index.by_ids([c.claim_id for c in side.claims]) for side in conflict.sides]
            mine = [s for s in sides if any(_same_value(c, claim, conflict.field) for c in s)]
            if len(mine) == 1:
                yield from ((c, conflict.field) for s in sides if s is not mine[0] for c in s)


def _compared(judgement: Judgement, field: str) -> bool:
    """Whether the judgement compared the statement's value of this field: its date, its figure,
    or whether the thing was bought at all (any judgement of a claim about it does)."""
    if field == "date":
        return judgement.date_width is not None
    return field == "status" or judgement.figure_checked


def _same_value(one: IndexedClaim, other: IndexedClaim, field: str) -> bool:
    if one.id == other.id:
        return True
    if field == "date":
        return one.date is not None and one.date == other.date
    if field == "status":
        return is_cancellation(one.predicate, one.status) == is_cancellation(
            other.predicate, other.status
        )
    return one.quantity is not None and one.quantity == other.quantity


def _figure_first(
    judged: list[tuple[ScoredClaim, Judgement]],
) -> list[tuple[ScoredClaim, Judgement]]:
    """When some claim speaks of the statement's figure, the figure is what can be checked: a
    claim inside the statement that gives no figure does not confirm it ("Serbia got 8 CH-92A"
    is not borne out by "Serbia has acquired CH-92A drones" when a source says six)."""
    if not any(j.figure_checked for _, j in judged):
        return judged
    return [
        (
            c,
            replace(
                j,
                relation=Relation.RELATED,
                reasons=(
                    *j.reasons,
                    "it gives no figure, and another claim speaks of the statement's",
                ),
            ),
        )
        if j.relation is Relation.SUPPORTS and j.silent_on_figure
        else (c, j)
        for c, j in judged
    ]


def _checked_first(
    judged: list[tuple[ScoredClaim, Judgement]],
) -> list[tuple[ScoredClaim, Judgement]]:
    """A claim that contradicts the statement's date or figure outweighs one that supports it
    on words alone: "Serbia declared military neutrality in 2006" is contradicted by "in 2007",
    not disputed by "Serbia is militarily neutral", which says nothing of when; and one that
    supports another of its figures: a statement wrong in one part is wrong. Only two claims
    that check the same detail and disagree make it disputed."""
    contradicting = [j for _, j in judged if j.relation is Relation.CONTRADICTS and j.checked]
    if not contradicting:
        return judged
    wrong = frozenset().union(*(j.compared for j in contradicting))
    if any(j.relation is Relation.SUPPORTS and j.checked and j.compared & wrong for _, j in judged):
        return judged  # two claims that check the same detail and disagree: disputed
    return [
        (c, _related(j, _BEARS_OUT_ANOTHER if j.checked else _SAYS_NOTHING_OF_IT))
        if j.relation is Relation.SUPPORTS
        else (c, j)
        for c, j in judged
    ]


_SAYS_NOTHING_OF_IT = "says nothing of the date or figure another claim contradicts"
# "36% supported joining the EU, while 51% rejected it": the 51% right, the 36% wrong
_BEARS_OUT_ANOTHER = (
    "bears out another part of the statement than the one another claim contradicts"
)


def _finest_date_first(
    statement: Facts, judged: list[tuple[ScoredClaim, Judgement]]
) -> list[tuple[ScoredClaim, Judgement]]:
    """A claim that dates the event to the year cannot confirm the month that the statement
    gives and a claim dating it to the month contradicts: "signed in mid-March 2018" is
    contradicted by "in mid-May 2018", not disputed by "in 2018"."""
    told = min(((d.hi - d.lo).days + 1 for d in statement.dates), default=None)
    widths = [
        j.date_width
        for _, j in judged
        if j.relation is Relation.CONTRADICTS and j.event_differs and j.date_width is not None
    ]
    if not widths or told is None:
        return judged
    finest = min(widths)
    return [
        (c, _related(j, "dates it less finely than a claim that contradicts the date"))
        if j.relation is Relation.SUPPORTS
        and not j.figure_checked
        and j.date_width is not None
        and j.date_width > max(finest, told)
        else (c, j)
        for c, j in judged
    ]


def _related(judgement: Judgement, why: str) -> Judgement:
    return Judgement(Relation.RELATED, (*judgement.reasons, why))


def _one_sentence_one_voice(
    judged: list[tuple[ScoredClaim, Judgement]],
) -> list[tuple[ScoredClaim, Judgement]]:
    """A source does not contradict itself within a sentence: when one claim of a sentence
    supports the statement, another figure of the same sentence ("a $3 billion fund" beside
    "$10 billion in credit lines") measures something else and does not contradict it. A date
    or a name is no other figure: six drones delivered in July contradict "in June", however
    many."""
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
        if j.relation is Relation.CONTRADICTS and not j.event_differs and beside_support(c.claim)
        else (c, j)
        for c, j in judged
    ]


def _judged(statement: Facts, found: Iterable[ScoredClaim]) -> list[tuple[ScoredClaim, Judgement]]:
    """The candidates that share enough with the statement to be shown, judged; and those that
    share little but whose fact it tells by its figure (`Pair.identified_by_its_figure`:
    "Hesteel ... invest a total of $300 million", "Hesteel Group indicated it would invest
    $300 million ...")."""
    return [
        (c, judge(statement, c))
        for c in found
        if c.about >= RELATED
        or c.contained >= CONTAINED
        or same_firsts(c.claim.firsts, statement.firsts)
        or (c.claim.initial_name is not None and c.claim.initial_name[0] in statement.entities)
        or Pair(statement, c).identified_by_its_figure
    ]


def _evidence(statement: Facts, candidate: ScoredClaim, judgement: Judgement) -> Evidence:
    claim = candidate.claim
    return Evidence(
        claim_id=claim.id,
        relation=judgement.relation,
        score=round(candidate.about, 3),
        claim=claim.text,
        quote=claim.quote,
        source=SourceRef(
            claim.source_id, claim.source_title, claim.source_line, claim.start, claim.end
        ),
        cites=claim.cites,
        reasons=judgement.reasons,
        highlights=tuple(_highlights(statement, claim.quote)),
    )


def _highlights(statement: Facts, quote: str) -> Iterable[tuple[int, int]]:
    wanted = statement.stems
    for match in re.finditer(r"\w+", quote):
        if stem(fold(match.group(0))) in wanted:
            yield match.start(), match.end()


def _agree(count: int, verb: str) -> str:
    """'1 claim supports', '2 claims support'."""
    return f"1 claim {verb}" if count == 1 else f"{count} claims {verb.removesuffix('s')}"
