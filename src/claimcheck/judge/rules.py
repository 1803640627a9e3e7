"""The rules that decide how a claim bears on a statement: named, in order, each with the
examples that show it (they run as tests, and the README's "how it decides" is checked
against this table). The first rule that decides wins.

`verify` runs the whole table on each candidate claim; `conflicts` uses the same figure rules
(`same_measure`) to decide whether two claims' figures count the same thing.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from functools import cached_property

from rapidfuzz import fuzz, process

from claimcheck.judge.compare import Agreement, compare_amounts, compare_dates
from claimcheck.language.dates import DateSpan, YearlessDay, parse_iso
from claimcheck.language.figures import COUNTS, rank_holder, verb_root
from claimcheck.language.firsts import DIRECTED_FIRSTS, same_firsts
from claimcheck.language.lexicon import (
    COUNTED_ALIKE,
    EITHER_PHASE_VERBS,
    OPPOSITE_GROUPS,
    RECEIVING_VERBS,
    STOPWORDS,
    TRANSFER_PREDICATES,
    TRANSFER_VERBS,
    is_cancellation,
    is_one_time,
    is_prospective,
    predicate_group,
)
from claimcheck.language.names import BEGUN, INITIALLY, which_name
from claimcheck.language.normalize import fold, stem
from claimcheck.language.numbers import (
    QuantityMention,
    find_quantities,
    is_distinctive,
    is_increment,
)
from claimcheck.language.reader import Facts
from claimcheck.language.units import converted, dimension, unit_after
from claimcheck.models import Figure, Quantity, Relation
from claimcheck.retrieve.index import IndexedClaim
from claimcheck.retrieve.scoring import ScoredClaim

_PRICED = frozenset({"acquire", "sign"})  # kinds of event whose figure is one deal's price
_CLOSED = ("exact", "approx")  # bounds of a figure that says what it is, not what it is under
ABOUT = 0.6  # a claim covering this share of the statement is about the same fact
WORDS = 0.5  # ... and at least this share of its words besides names: "Chinese warships" is
# not about the same fact as "Chinese drones", however many names the two share
ABOUT_ALIGNED, WORDS_ALIGNED = 0.4, 0.3  # when a figure of the same measure lines up
WORDS_FOR_A_DATE = 0.75  # a contradiction by date alone needs the event told in the same words
ABOUT_WITHOUT_FIGURES = 0.75  # with no number or date to check, agreement needs more overlap
# P(entails) + P(contradicts) of the text-pair model at which a statement says a claim in other
# words: chosen by cross-validation on labelled real sentences (benchmarks/tune_paraphrase.py)
PARAPHRASE = 0.05
# ...and at which it reads the statement as telling the claim itself, so that a one-off event's
# date is the same event's date: more likely than not, not fitted (on the labelled sets 0.2 to
# 0.5 score the same, 0.8 one row less)
IDENTIFYING_PARAPHRASE = 0.5
CONTAINED = 0.7  # a statement that says this share of a claim's own words and names contains it


@dataclass(frozen=True)
class Judgement:
    relation: Relation
    reasons: tuple[str, ...]
    rule: str = ""  # the name of the rule that decided
    figure_checked: bool = False  # it is about the statement and compared the statement's figure
    # it is inside the statement, gives no figure, and the statement gives one
    silent_on_figure: bool = False
    # it contradicts on the date or the name of the event itself: no "other figure" of a
    # sentence, whatever else the sentence supports
    event_differs: bool = False
    # it compared a figure or a date of the statement (else it decided on words alone)
    checked: bool = False
    # when it compared dates: how many days the claim's date spans (365 for a year)
    date_width: int | None = None
    # what of the statement it compared: "date", "figure N" for the figure at offset N, and
    # "office E" for the office it gives entity E
    compared: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Example:
    """A statement, one claim (its text and facets, as in a claims file) and what the rule
    decides about the pair."""

    statement: str
    claim: str
    facets: dict[str, object] = field(default_factory=dict)
    relation: Relation = Relation.RELATED
    paraphrase: float = 0.0  # what the text-pair model says of the pair, when it is asked
    disputes: str | None = None  # the field on which `conflicts` finds the sources disagree


@dataclass(frozen=True)
class Rule:
    name: str
    says: str  # what it decides, in a user's words
    decide: Callable[[Pair], tuple[Relation, list[str]] | None]  # None: the next rule decides
    examples: tuple[Example, ...]
    shows_checks: bool = True  # whether its reasons include the figure and date comparisons


class Pair:
    """One statement and one candidate claim, with what the rules ask of them worked out once."""

    def __init__(self, statement: Facts, candidate: ScoredClaim):
        self.statement = statement
        self.candidate = candidate
        self.claim = candidate.claim

    @cached_property
    def aligned(self) -> bool:
        """A figure of the same measure (same unit or currency) lines up: strong evidence that
        the claim is about the same fact, so paraphrase ("stretch" for "section") is forgiven
        more."""
        return any(
            _counts_the_same_thing(self.statement, m, f)
            for f in self.claim.figures
            for m in self.statement.quantities
        )

    @cached_property
    def kind(self) -> bool | None:
        kind = _kind_of_event(self.statement, self.claim)
        if kind is False and self.candidate.paraphrase >= PARAPHRASE:
            # the model read the statement as telling the claim: another verb is the paraphrase,
            # unless it tells the opposite ("criticised" is never "backed")
            opposite = any(
                frozenset({g, k}) in OPPOSITE_GROUPS
                for _, g in self.statement.verbs
                for k in self.claim.kinds
            )
            return False if opposite else None
        return kind

    @cached_property
    def told_aside(self) -> bool:
        """The statement tells the claim's kind of event only where it qualifies a noun ("the
        drones acquired from China are stationed at ..."): a side fact, not what it asserts."""
        telling = [
            w
            for w, g in self.statement.verbs
            if g in self.claim.kinds or verb_root(w) in self.claim.forms
        ]
        return bool(telling) and all(w in self.statement.side_verbs for w in telling)

    @property
    def read_as_the_claim(self) -> bool:
        """The text-pair model reads the statement as telling the claim itself."""
        return self.candidate.paraphrase >= IDENTIFYING_PARAPHRASE

    @property
    def same_kind(self) -> bool:
        """The same kind of event: by the verbs, or, where the model forgave another verb, by
        the model's reading ("the visa-free regime came into effect", "abolished visas")."""
        return self.kind is True or (self.kind is None and self.read_as_the_claim)

    @cached_property
    def quantities(self) -> list[tuple[Agreement, str]]:
        return [(agreement, why) for _, agreement, why in self.figure_checks]

    @cached_property
    def figure_checks(self) -> list[tuple[int | None, Agreement, str]]:
        """Each check of a figure, with the offset of the statement's figure it compared."""
        return list(
            _quantity_checks(self.statement, self.claim, self.ranks_of_another, self.places_held)
        )

    @cached_property
    def ranks_of_another(self) -> list[tuple[str, str]]:
        """The claim's ranks the statement gives to someone else (`_rank_of_another`)."""
        return list(_rank_of_another(self.statement, self.claim))

    @cached_property
    def places_held(self) -> list[tuple[Agreement, str]]:
        """The places ahead of a rank the statement gives, against the claim's (`_places_held`)."""
        return list(_places_held(self.statement, self.claim))

    @cached_property
    def dates(self) -> list[tuple[Agreement, str]]:
        # An order and its delivery are two dates of one deal: compare a date with its own kind.
        phase = _phase(self.statement, self.claim)
        if phase is Phase.OTHER:
            return []
        checks = _date_checks(self.statement, self.claim)
        if phase is Phase.EITHER:
            return [c for c in checks if c[0] is Agreement.AGREE]
        return list(checks)

    @cached_property
    def compared(self) -> frozenset[str]:
        """What of the statement the checks compared (`Judgement.compared`)."""
        figures = {f"figure {at}" for at, _, _ in self.figure_checks if at is not None}
        offices = {f"office {who}" for who in self.statement.offices if who in self.claim.offices}
        return frozenset({*figures, *(["date"] if self.dates else []), *offices})

    @cached_property
    def offices(self) -> list[tuple[Agreement, str]]:
        """Someone given another office than the claim gives them ("foreign minister Zoran
        Djordjevic", "Defence Minister Zoran Đorđević"); an office that agrees confirms
        nothing, so only differences are told."""
        theirs = self.claim.offices
        return [
            (Agreement.DISAGREE, f"office {ours.describe()} differs from {theirs[who].describe()}")
            for who, ours in self.statement.offices.items()
            if who in theirs and ours.differs(theirs[who])
        ]

    @property
    def checks(self) -> list[tuple[Agreement, str]]:
        return [*self.quantities, *self.dates, *self.offices]

    def differs(self, checks: list[tuple[Agreement, str]]) -> bool:
        return any(a is Agreement.DISAGREE for a, _ in checks)

    @cached_property
    def covers(self) -> bool:
        """The claim says most of what the statement says (of the thing it names)."""
        if self.candidate.stand_ins:
            return False  # no wording makes another thing of the kind the claim's
        about, words = (ABOUT_ALIGNED, WORDS_ALIGNED) if self.aligned else (ABOUT, WORDS)
        return self.candidate.about >= about and self.candidate.words >= words

    @cached_property
    def contains(self) -> bool:
        """The statement says the whole claim, and more. Either the text-pair model read the
        statement as telling the claim, or a figure or date tells that the statement's one-off
        event is the claim's (`identified`), or it says the claim's words and names and whatever date
        and figure the claim gives (else a long sentence would be "supported" by a side fact
        that shares its words)."""
        claim = self.claim
        if self.candidate.stand_ins:
            return False  # no wording makes another thing of the kind the claim's
        if self.told_aside or claim.object in self.statement.yardsticks:
            return False  # told only to say which thing, or as a yardstick ("comparable to")
        if self.candidate.paraphrase >= PARAPHRASE:
            return True  # the model read the pair whole: a date or figure left out is no side fact
        if self.identified:
            return True  # a figure or a date tells which event: other words are another telling
        return (
            self.candidate.contained >= CONTAINED
            and not ({claim.subject, claim.object} & set(self.candidate.unsaid))
            and not (claim.date and not (self.statement.dates or self.statement.yearless_days))
            and not (claim.figures and not self.quantities)
        )

    @cached_property
    def identified(self) -> bool:
        """The statement tells a one-off event of the claim's kind, and something tells which,
        however much else either says: between the claim's two parties, the same figure ("the
        parliament will vote on the USD 608 million that Zembla lent for the Dam" and "Zembla
        lent Ruritania USD 608 million for the Dam in 2014"), or any of the same measure when
        it is the price of a purchase or a contract, which one deal between the two has (loans
        and investments recur); with one of the claim's parties, the same month or day; or
        the claim's figure, as `identified_by_its_figure` tells."""
        claim = self.claim
        if self.identified_by_its_figure:
            return True
        # a count of the same named thing tells the kind of event when no verb of the statement
        # does ("the rollout put 1,000 cameras")
        told = self.kind is True or (self.kind is None and self.aligned)
        if not (told and is_one_time(claim.predicate)):
            return False
        group = predicate_group(claim.predicate)
        by_figure = (
            claim.subject != claim.object
            and {claim.subject, claim.object} <= self.candidate.shared_entities
            and any(
                a is Agreement.AGREE or (group in _PRICED and group in self.statement.groups)
                for a, _ in self.quantities
            )
        )
        return by_figure or (
            (_date_width(claim) or 366) <= 31  # the claim dates it to the month or day
            and len(self.statement.dates) == 1
            and self.statement.dates[0].precision in ("month", "day")
            and bool({claim.subject, claim.object} & self.candidate.shared_entities)
            and _agrees(self.dates)
        )

    @cached_property
    def identified_by_its_figure(self) -> bool:
        """However little else they share, the statement tells the claim's fact by its figure:
        with one of the claim's parties, its one-off event with the claim's exact figure, and no
        other of that measure ("Hesteel ... pledging to invest a total of $300 million" and
        "Hesteel Group indicated it would invest $300 million ..."), told by any verb when the
        figure is distinctive ("943 million", `is_distinctive`), and in another currency the
        same pledge told wrong ("300 million euros"); or the share of the
        claim's measure, of what the claim names ("one third think that China has donated the
        most" and "33 percent believed that China is the biggest aid donor")."""
        claim = self.claim
        if claim.predicate == "share_of":
            return (
                claim.object in self.candidate.shared_entities
                and any(
                    m.bound in _CLOSED
                    and f.quantity.bound in _CLOSED
                    and _same_measure(self.statement, m, f)
                    for f in claim.figures
                    for m in self.statement.quantities
                )
                and _agrees(self.quantities)
                and not self.differs(self.quantities)
            )
        if not (
            is_one_time(claim.predicate)
            and {claim.subject, claim.object} & self.candidate.shared_entities
        ):
            return False
        told = [
            m.currency == f.quantity.currency
            for f in claim.figures
            for m in self.statement.quantities
            if (self.kind is True or is_distinctive(m.value))
            and m.bound == f.quantity.bound == "exact"
            and (m.value, m.unit) == (f.quantity.value, f.quantity.unit)
            and _same_measure(self.statement, m, f)
        ]
        # in another currency it identifies the fact whatever the comparison says
        return (any(told) and not self.differs(self.quantities)) or (bool(told) and not all(told))

    @property
    def broader(self) -> bool:
        """About the statement only because the statement contains it: the statement says more."""
        return self.contains and not self.covers


# --- the rules, in the order they are tried ------------------------------------------------


def _sources_disagree(pair: Pair) -> tuple[Relation, list[str]] | None:
    # `conflicts` found this claim and one that decides the statement to tell one fact two
    # ways: the statement's date or figure, compared with this claim's, is all there is to say.
    field = pair.candidate.disputes
    if field is None:
        return None
    if field == "status":
        return _bought_or_given_up(pair)
    checks = pair.dates if field == "date" else pair.quantities
    if pair.differs(checks):
        return Relation.CONTRADICTS, [f"the sources disagree on the {field}; this one differs"]
    if _agrees(checks):
        return Relation.SUPPORTS, [f"the sources disagree on the {field}; this one agrees"]
    return Relation.RELATED, [f"the sources disagree on the {field}"]


def _bought_or_given_up(pair: Pair) -> tuple[Relation, list[str]]:
    # One source says it was bought, another that it was given up. An undated statement sides
    # with one of them; an order told with its date is not undone by a later cancellation.
    if pair.statement.dates:
        return Relation.RELATED, ["the sources disagree on whether it happened, not on when"]
    if pair.differs(pair.checks):
        return Relation.CONTRADICTS, ["the sources disagree on whether it happened; "
                                      "this one gives another figure"]  # fmt: skip
    claim = pair.claim
    gave_up = is_cancellation(claim.predicate, claim.status)
    if gave_up == pair.statement.denies(claim.object, frozenset({"acquire"})):
        return Relation.SUPPORTS, ["the sources disagree on whether it happened; this one agrees"]
    return Relation.CONTRADICTS, ["the sources disagree on whether it happened; this one differs"]


def _first_of_its_kind(pair: Pair) -> tuple[Relation, list[str]] | None:
    # There is one first joint exercise of two armies: a claim that dates it decides a statement
    # that dates it too, however differently the two word it.
    kinds = same_firsts(pair.statement.firsts, pair.claim.firsts)
    dated = parse_iso(pair.claim.date) if pair.claim.date else None
    if not kinds or dated is None or dated.lo.year != dated.hi.year:
        return None
    kind = min(kinds)
    statement, claim = pair.statement, pair.claim
    if kind in DIRECTED_FIRSTS:  # who visited whom: both ends named
        if not {claim.subject, claim.object} <= statement.entities:
            return None
    elif len(pair.candidate.shared_entities) < 2:  # among the same parties
        return None
    years = {d.lo.year for d in (*statement.dates, *statement.name_dates) if d.lo.year == d.hi.year}
    if len(years) != 1:
        return None  # undated, or dated more than one way: nothing to compare
    [year] = years
    told = dated.lo.year
    relation = Relation.SUPPORTS if year == told else Relation.CONTRADICTS
    return relation, [f"the claim dates the first {kind} {told}, the statement {year}"]


def _named_at_its_start(pair: Pair) -> tuple[Relation, list[str]] | None:
    # What a thing was called when it began is a detail a statement can get wrong, whatever
    # else it says: "the 16+1 was founded in 2012" against "it was initially named 14+1".
    # Only for names the database knows were right for a period (names_in_time).
    if pair.claim.initial_name is None:
        return None
    entity, name, names = pair.claim.initial_name
    statement = pair.statement
    used = {
        which_name(statement.folded[start:end], names)
        for start, end, mentioned in statement.entity_spans
        if mentioned == entity
    } - {None}
    if entity in statement.entities and not used:
        # what the claim tells is a name; a statement that gives none says nothing of it
        return Relation.RELATED, [
            f"the claim tells what {entity} was first called; the statement does not say"
        ]
    if not (INITIALLY.search(statement.folded) or BEGUN.search(statement.folded)):
        return None  # the statement does not speak of the beginning
    if len(used) != 1:
        return None  # called by two names of periods: a renaming told
    relation = Relation.SUPPORTS if used == {name} else Relation.CONTRADICTS
    return relation, [f"the source says {entity} was initially named {name}"]


def _not_about(pair: Pair) -> tuple[Relation, list[str]] | None:
    if pair.covers or pair.contains:
        return None
    if pair.told_aside:
        return Relation.RELATED, ["the statement tells it only to say which thing it means"]
    missing = pair.candidate.missing
    return Relation.RELATED, ["says nothing of " + ", ".join(missing)] if missing else []


def _cancelled(pair: Pair) -> tuple[Relation, list[str]] | None:
    claim, statement = pair.claim, pair.statement
    if not (
        is_cancellation(claim.predicate, claim.status)
        and claim.object in statement.entities
        and "acquire" in statement.groups
        and "cancel" not in statement.groups
    ):
        return None
    if statement.asserted_figures and not any(
        _counts(statement, m, claim.object) for m in statement.asserted_figures
    ):
        return None  # "the drones Serbia ordered reach 200 km/h" is about something else
    if statement.denies(claim.object, frozenset({"acquire"})):
        return Relation.SUPPORTS, [f"the source says {claim.object} was given up"]
    return Relation.CONTRADICTS, [f"the source says {claim.object} was given up or replaced"]


def _other_names(pair: Pair) -> tuple[Relation, list[str]] | None:
    # A statement that contains the claim may name more than the claim does; and a capitalised
    # word the database does not know ("European") is no other party to a claim it says whole.
    missing = pair.candidate.missing_entities
    if pair.contains:
        missing = missing & pair.statement.entities
    if any(f.quantity.unit == "rank" for f in pair.claim.figures):
        # who is ahead of a ranked party is the ranking's, told to place it ("behind Italy")
        missing = missing - {holder for _, holder in pair.statement.places_ahead}
    if not missing or pair.broader:
        return None
    return Relation.RELATED, [f"does not mention {', '.join(sorted(missing))}"]


def _other_kind_of_event(pair: Pair) -> tuple[Relation, list[str]] | None:
    if pair.kind is not False or pair.identified_by_its_figure:
        return None  # a figure as distinctive as "943 million" tells the fact in any verb
    return Relation.RELATED, [f"a different kind of event ({pair.claim.predicate})"]


def _figure_of_something_else(pair: Pair) -> tuple[Relation, list[str]] | None:
    # The figure is what the statement asserts: a claim without one, or with a figure of
    # something else, can neither confirm nor refute it. A claim the statement contains speaks
    # of a part of it, and the statement's other figures may be details the database lacks
    # (verify sets such a claim aside when another claim speaks of the figure).
    if not pair.statement.asserted_figures or pair.quantities:
        return None
    if pair.broader and not (pair.claim.figures and _over_a_period(pair.claim)):
        # the statement's figures may be details the database lacks; but a total over years
        # that measures something else does not bear out one part of it with its own figure
        return None
    if pair.differs(pair.dates) and predicate_group(pair.claim.predicate) in pair.statement.groups:
        return None  # adding a figure must not hide that the same event's date is wrong
    what = "its figure measures something else" if pair.claim.quantity else "it gives no figure"
    return Relation.RELATED, [what]


def _plan_not_event(pair: Pair) -> tuple[Relation, list[str]] | None:
    if not is_prospective(pair.claim.status) or pair.statement.tells_a_plan:
        return None
    if pair.identified_by_its_figure and pair.differs(pair.quantities):
        return None  # the amount told in another currency is wrong whether planned or done
    return Relation.RELATED, [f"the claim reports a plan ({pair.claim.status}), not what happened"]


def _another_time(pair: Pair) -> tuple[Relation, list[str]] | None:
    # A count for 2019 next to one for 2018 is another period, and a visit in 2019 another
    # visit; only a one-off event (a purchase, a signing, a delivery) described in the same
    # words, or identified by its figure (the same $608 million loan), has a single date to
    # get wrong. An occasion told in the same words with the same exact figure (a five-day
    # visit) is one occasion too.
    if not pair.differs(pair.dates):
        return None
    one_off = _one_off(pair)
    identified = bool(pair.quantities) or _told_in_the_same_words(pair) or pair.read_as_the_claim
    # the first of a kind has its date, but another of that kind is another occasion
    another_of_a_first = bool(pair.claim.firsts) and not same_firsts(
        pair.statement.firsts, pair.claim.firsts
    )
    if pair.same_kind and one_off and identified and not another_of_a_first:
        return None

    return Relation.RELATED, ["at another time, so not the same event or period"]


def _one_off(pair: Pair) -> bool:
    """The claim's event has a single date: its kind happens once, the claim dates it to the day
    the statement gives, or the statement tells it in its words with its exact figure."""
    return (
        is_one_time(pair.claim.predicate)
        or _to_the_day(pair.statement, pair.claim)
        or _known_by_its_figure(pair)
    )


def _happened_or_not(pair: Pair) -> tuple[Relation, list[str]] | None:
    claim, statement = pair.claim, pair.statement
    same_thing = claim.object is None or (
        claim.object in statement.entities and claim.object not in statement.yardsticks
    )
    if (
        statement.denies(claim.object, claim.kinds) != claim.negated
        and pair.kind is True
        and same_thing
        and not pair.differs(pair.checks)
    ):
        return Relation.CONTRADICTS, ["one says it happened, the other that it did not"]
    return None


def _known_by_its_figure(pair: Pair) -> bool:
    return (
        _agrees(pair.quantities)
        and _told_in_the_same_words(pair)
        and all(f.quantity.bound == "exact" for f in pair.claim.figures)
    )


def _told_in_the_same_words(pair: Pair) -> bool:
    """The statement tells the claim in its words: it says most of what the claim says, or
    most of its own words are the claim's."""
    return pair.candidate.words >= WORDS_FOR_A_DATE or (
        pair.contains and pair.candidate.contained >= WORDS_FOR_A_DATE
    )


def _broader_claim(pair: Pair) -> tuple[Relation, list[str]] | None:
    # A claim the statement contains may support it, but contradicts it only on a count of the
    # same named thing or on the date of the same one-off event: total exports do not
    # contradict "raspberry exports reached $50m".
    if not pair.broader or not pair.differs(pair.checks):
        return None
    same_count = any(
        _counts_the_same_thing(pair.statement, m, f)
        and any(a is Agreement.DISAGREE for a, _ in pair.quantities)
        for f in pair.claim.figures
        for m in pair.statement.quantities
    )
    same_rank = bool(pair.ranks_of_another) or pair.differs(pair.places_held)
    same_event = (pair.differs(pair.dates) and pair.same_kind and _one_off(pair)) or pair.identified
    same_person = pair.differs(pair.offices)  # the office of someone both name
    if same_count or same_rank or same_event or same_person or _told_in_its_part(pair):
        return None
    return Relation.RELATED, [
        "the statement says more than the claim, which may be of another part"
    ]


def _told_in_its_part(pair: Pair) -> bool:
    """Of a statement that gives several figures, the part that gives one of the claim's measure
    says half the claim's own words or more, and the figure differs: "China accounts for 43% of
    Serbia's export revenues but ..." tells "China accounted for less than 2 percent of Serbian
    export revenues" with another figure, whatever the rest of the sentence says."""
    own = {stem(w) for w in pair.claim.own_words}
    statement = pair.statement
    if len(statement.quantities) < 2 or len(own) < 2:
        return False  # one figure: the sentence's other words may say it is of a part
    figures = {m.start: m for m in statement.quantities}
    return any(
        len(statement.stems_of(figures[at]) & own) * 2 >= len(own)
        for at, agreement, _ in pair.figure_checks
        if at is not None and agreement is Agreement.DISAGREE
    )


def _figure_or_date_differs(pair: Pair) -> tuple[Relation, list[str]] | None:
    return (Relation.CONTRADICTS, []) if pair.differs(pair.checks) else None


def _undated_one_off(pair: Pair) -> tuple[Relation, list[str]] | None:
    # It confirms the figure but not when: the date is what a one-off event's statement is
    # most often wrong about, so this claim is related, not a confirmation.
    if (
        not pair.broader
        and _agrees(pair.checks)
        and pair.statement.dates
        and pair.claim.date is None
        and pair.kind is True
        and is_one_time(pair.claim.predicate)
    ):
        return Relation.RELATED, ["it confirms the figure but gives no date"]
    return None


def _figure_or_date_agrees(pair: Pair) -> tuple[Relation, list[str]] | None:
    return (Relation.SUPPORTS, []) if _agrees(pair.checks) else None


def _same_words(pair: Pair) -> tuple[Relation, list[str]] | None:
    if not pair.statement.checkable and pair.candidate.about >= ABOUT_WITHOUT_FIGURES:
        return Relation.SUPPORTS, []
    if (
        pair.broader
        and not (pair.claim.date or pair.claim.figures)
        and not (pair.statement.asserted_figures and pair.statement.dates)
    ):
        return Relation.SUPPORTS, [
            f"the statement says all the claim says ({pair.candidate.contained:.0%})"
        ]
    return None


def _told_without_its_date(pair: Pair) -> tuple[Relation, list[str]] | None:
    # A one-off event happens once: a statement that tells it in other words and names what it
    # concerns, but gives no date, is borne out by the claim that dates it. A visit or a meeting
    # recurs, so an undated one may be another occasion.
    if not (
        pair.broader
        and pair.candidate.paraphrase >= PARAPHRASE
        and pair.claim.date
        and not pair.statement.checkable
    ):
        return None
    if not is_one_time(pair.claim.predicate):
        return Relation.RELATED, ["it may recur, and the statement gives no date to tell which"]
    if pair.claim.object not in pair.statement.entities:
        return None
    return Relation.SUPPORTS, ["the statement tells the claim's event without its date"]


def _nothing_to_check(pair: Pair) -> tuple[Relation, list[str]] | None:
    return Relation.RELATED, ["it gives no date to check the statement's against"]


def _agrees(checks: list[tuple[Agreement, str]]) -> bool:
    return any(a is Agreement.AGREE for a, _ in checks)


def _ex(statement: str, claim: str, relation: Relation, **facets: object) -> Example:
    return Example(statement, claim, facets, relation)


def _ex_read(statement: str, claim: str, relation: Relation, **facets: object) -> Example:
    """An example whose pair the text-pair model reads as telling the same thing."""
    return Example(statement, claim, facets, relation, paraphrase=0.9)


def _ex_disputed(
    field: str, statement: str, claim: str, relation: Relation, **facets: object
) -> Example:
    """An example whose claim `conflicts` finds disagreeing on `field` with another claim that
    decides the statement."""
    return Example(statement, claim, facets, relation, disputes=field)


S, C, R = Relation.SUPPORTS, Relation.CONTRADICTS, Relation.RELATED
# fmt: off
_NINE_FALCONS = {"predicate": "ordered", "object": "falcon", "date": "2018",
                 "quantity": {"value": 9, "unit": "drone"}}
_SIX_HERONS = {"predicate": "received", "object": "heron", "date": "2020-06",
               "quantity": {"value": 6, "unit": "drone"}}
_CAMERAS = {"subject": "acme", "predicate": "installed", "object": "capitalia",
            "quantity": {"value": 1000, "unit": "camera"}}
_WARSHIPS = ("Ruritania bought Zemblan-made warships in 2019",
             "Ruritania bought frigates from Zembla in 2018.")
_FRIGATES = {"predicate": "purchased", "object": "zembla", "date": "2018"}
_GAVE_UP = {"predicate": "cancelled", "object": "falcon", "status": "cancelled"}
_COPPER = {"predicate": "share_of", "object": "zembla",
           "quantity": {"value": 70, "unit": "percent", "bound": "more_than"}}

RULES: tuple[Rule, ...] = (
    Rule("sources-disagree",
         "where the sources disagree on the date or figure of the fact that decides the "
         "statement, or on whether it was bought or given up (as `conflicts` finds), the claims "
         "of the other side decide it by that alone: agreeing with one source and not the "
         "other is disputed; an order told with its date is not undone by a later cancellation",
         _sources_disagree, (
             _ex_disputed("date", "Ruritania purchased the Kestrel system in 2019",
                          "Ruritania bought the Kestrel system in August 2020.", C,
                          predicate="purchased", object="kestrel", date="2020-08"),
             _ex_disputed("status", "Ruritania bought nine Falcon drones",
                          "Ruritania has ordered nine Falcon drones.", S, predicate="ordered",
                          object="falcon", quantity={"value": 9, "unit": "drone"}),
             _ex_disputed("status", "Ruritania bought nine Falcon drones",
                          "Ruritania later gave up on the Falcon drones.", C, **_GAVE_UP),
             _ex_disputed("status", "Ruritania ordered nine Falcon drones in 2018",
                          "Ruritania later gave up on the Falcon drones.", R, **_GAVE_UP),
         )),
    Rule("first-of-its-kind",
         "a claim that dates the first of a kind of event (the first joint exercise of two "
         "armies, someone's first visit somewhere) decides a statement that dates that first, "
         "in whatever words",
         _first_of_its_kind, (
             _ex("The Eagle-2025 manoeuvres were the first joint exercises held between "
                 "Ruritania and Zembla",
                 "Ruritania and Zembla held their first military drill in 2020.", C,
                 predicate="held", object="zembla", date="2020"),
             _ex("Ruritanian and Zemblan troops trained together for the first time in 2020",
                 "Ruritania and Zembla held their first military drill in 2020.", S,
                 predicate="held", object="zembla", date="2020"),
         ), shows_checks=False),
    Rule("named-at-its-start",
         "a claim of what a thing was called when it began (a name the database knows held "
         "only for a period) decides a statement that names its beginning, whatever else it "
         "says, and tells nothing to one that gives no such name",
         _named_at_its_start, (
             _ex("Zembla founded the 4+1 league with four partners in 2010",
                 "Zembla's league was initially named 3+1.", C,
                 subject="league", predicate="named"),
             _ex("Zembla founded the 3+1 league with three partners in 2010",
                 "Zembla's league was initially named 3+1.", S,
                 subject="league", predicate="named"),
             _ex("Zembla founded the league of Zembla with three partners in 2010",
                 "Zembla's league was initially named 3+1.", R,
                 subject="league", predicate="named"),
         ), shows_checks=False),
    Rule("not-about",
         "a claim that covers too little of what the statement says is not about it, nor one "
         "the statement tells only to say which thing it means ('the drones ordered from "
         "Zembla are stationed at ...') or whose thing it names only as a yardstick "
         "('comparable to the Kestrel')",
         _not_about, (
             _ex("Ruritania bought Zemblan warships and submarines for its navy",
                 "Ruritania ordered nine Falcon drones from Zembla in 2018.", R, **_NINE_FALCONS),
             _ex("Acme opened a factory in Capitalia",
                 "Acme installed 1,000 cameras in Capitalia.", R, **_CAMERAS),
             _ex_read("The Falcon drones ordered from Zembla are stationed at a base near Capitalia",
                      "Ruritania ordered Falcon drones from Zembla.", R, predicate="ordered",
                      object="falcon"),
             _ex("Ruritania bought the Falcon drones, an export model comparable to the Kestrel",
                 "Ruritania did not buy the Kestrel system.", R, predicate="purchased",
                 object="kestrel", negated=True),
             # a round figure in another currency and told by another verb tells no fact
             _ex("Officials said that in 2016 Acme signed a EUR 600 million deal to widen the "
                 "Long Bridge, the largest contract in the history of the firm",
                 "The widening of the Long Bridge is to be financed with an Acme loan of USD 600 "
                 "million.", R, subject="acme", predicate="lent", object="long-bridge",
                 status="planned", quantity={"value": 6e8, "currency": "USD"}),
         ), shows_checks=False),
    Rule("cancelled",
         "a claim that the thing was given up or replaced contradicts a statement that it was "
         "bought, and supports one that it was not",
         _cancelled, (
             _ex("Ruritania bought the Falcon drones",
                 "Ruritania later gave up on the Falcon drones.", C, **_GAVE_UP),
             _ex("Ruritania never bought the Falcon drones",
                 "Ruritania later gave up on the Falcon drones.", S, **_GAVE_UP),
             _ex("Ruritania bought nine Falcon drones",
                 "Ruritania later gave up on the Falcon drones.", C, **_GAVE_UP),
         ), shows_checks=False),
    Rule("other-names",
         "a claim that does not name what the statement names is about something else (a name "
         "that only qualifies another, as in 'Zemblan firm Acme', need not be there, nor, in a "
         "claim that names no place, the place where it happened: 'at the Capitalia barracks')",
         _other_names, (
             _ex("Acme installed 1,000 cameras in Capitalia for Zembla",
                 "Acme installed 1,000 cameras in Capitalia.", R, **_CAMERAS),
         ), shows_checks=False),
    Rule("other-kind-of-event",
         "a claim about another kind of event (a visit, not a sale) neither confirms nor refutes",
         _other_kind_of_event, (
             _ex("Ruritania sold nine Falcon drones to Zembla in 2018",
                 "Zembla visited Ruritania with nine Falcon drones in 2018.", R,
                 subject="zembla", predicate="visited", object="ruritania", date="2018",
                 quantity={"value": 9, "unit": "drone"}),
         ), shows_checks=False),
    Rule("figure-of-something-else",
         "when the statement gives a figure, a claim with no figure, or with a figure of "
         "something else (money, not a count; exports, not imports), cannot decide it; nor can "
         "a total over a period that the statement tells a part of with a figure of its own",
         _figure_of_something_else, (
             _ex_read("Zembla donated 16 ambulances to Ruritania's health ministry in 2017",
                 "Between 2008 and 2018, Zembla donated USD 5 million to Ruritania.", R,
                 subject="zembla", predicate="donated", object="ruritania", date="2008/2018",
                 quantity={"value": 5e6, "currency": "USD"}),
             _ex("Ruritania ordered nine Falcon drones",
                 "Ruritania ordered Falcon drones worth USD 50 million.", R, predicate="ordered",
                 object="falcon", quantity={"value": 5e7, "currency": "USD"}),
             _ex("Ruritania ordered twelve Falcon drones",
                 "Ruritania ordered Falcon drones from Zembla.", R, predicate="ordered",
                 object="falcon"),
             _ex("Zembla accounts for under 2% of Ruritania's exports",
                 "Copper accounted for more than 70 percent of Ruritania's exports to Zembla.", R,
                 predicate="share_of", object="zembla",
                 quantity={"value": 70, "unit": "percent", "bound": "more_than"},
                 scope={"measure": "copper share of Ruritania's exports to Zembla"}),
         ), shows_checks=False),
    Rule("plan-not-event",
         "a claim about a plan never confirms or refutes what happened",
         _plan_not_event, (
             _ex("Ruritania ordered fifteen more Falcon drones",
                 "It was predicted that Ruritania would order fifteen more Falcon drones.", R,
                 predicate="ordered", object="falcon", status="planned",
                 quantity={"value": 15, "unit": "drone"}),
         )),
    Rule("another-time",
         "a figure or event at another time is another period or occasion, unless it is one "
         "event (a purchase, a signing) told in the same words, read by the text-pair model as "
         "the same, or identified by its figure; and an event of some kind is not the first of "
         "that kind",
         _another_time, (
             _ex("Ruritania hosted Zembla's president in 2019",
                 "Ruritania hosted Zembla's president in 2016.", R, predicate="hosted",
                 object="zembla", date="2016"),
             _ex("Ruritania imported copper from Zembla in 2019",
                 "Ruritania imported copper from Zembla in 2017.", R, predicate="imported",
                 object="zembla", date="2017"),
             _ex(*_WARSHIPS, R, **_FRIGATES),  # told in other words: another purchase
             _ex("Ruritania and Zembla held a military drill in 2019",
                 "Ruritania and Zembla held their first military drill in 2020.", R,
                 predicate="held", object="zembla", date="2020"),
         )),
    Rule("happened-or-not",
         "a claim that something did not happen contradicts a statement that it did, and the "
         "other way round",
         _happened_or_not, (
             _ex("Ruritania bought the Kestrel system",
                 "Ruritania did not buy the Kestrel system.", C, predicate="purchased",
                 object="kestrel", negated=True),
             _ex("Ruritania refused to buy the Kestrel system",
                 "Ruritania bought the Kestrel system.", C, predicate="purchased",
                 object="kestrel"),
         )),
    Rule("broader-claim",
         "a claim that the statement contains, but that says less than the statement, "
         "contradicts it only on a count of the same named thing, the date of the same "
         "one-off event, the office of someone both name, or a figure whose own part of the "
         "sentence says the claim's words "
         "(\"a $10 billion investment fund and $3 billion in credit lines\")",
         _broader_claim, (
             _ex("Ruritania exported goods worth USD 50 million to Zembla in 2019, most of it "
                 "copper from the mines near Capitalia, officials at the trade ministry said",
                 "Ruritania exported goods worth USD 300 million to Zembla in 2019.", R,
                 predicate="exported", object="zembla", date="2019",
                 quantity={"value": 3e8, "currency": "USD"}),
         )),
    Rule("figure-or-date-differs",
         "the same fact with another figure or date contradicts (a count of the same thing, "
         "however it is named: \"explosive detectors\", \"devices for detecting "
         "explosives\"): figures as intervals that "
         "respect bounds, dates at the precision both give, two currencies at the exchange "
         "rates of the claim's time (never without one); the price of the one purchase or "
         "contract between the same two, however else it is told; another office for someone "
         "both name (\"foreign minister\", \"Defence Minister\"); a figure as distinctive "
         "as 608 million, whatever verb or currency tells it; a "
         "rank (\"the largest donor\") given to another of the two it names, or the place "
         "ahead of one to another (\"second behind Italy\", \"second behind Germany\")",
         _figure_or_date_differs, (
             _ex("Ruritania received 8 Heron drones",
                 "Six Heron drones were delivered to Ruritania in June 2020.", C, **_SIX_HERONS),
             _ex("Ruritania bought the Kestrel system for $150 million",
                 "In 2019, Ruritania bought the Kestrel system for EUR 150 million.", C,
                 predicate="purchased", object="kestrel", date="2019",
                 quantity={"value": 1.5e8, "currency": "EUR"}),
             _ex("Ruritania ordered nine Falcon drones in 2019",
                 "Ruritania ordered nine Falcon drones from Zembla in 2018.", C, **_NINE_FALCONS),
             _ex("Officials in Capitalia said on Monday that Acme had signed a USD 150 million "
                 "deal with Zembla to modernise its railways, the largest in the firm's history",
                 "In 2016, Acme signed a contract worth EUR 150 million with Zembla.", C,
                 subject="acme", predicate="signed", object="zembla", date="2016",
                 quantity={"value": 1.5e8, "currency": "EUR"}),
             # when figures were released is not the years they are of
             _ex("Figures released in 2019 showed Zembla was the largest donor to the "
                 "Ruritanian army over the previous decade, ahead of the Union",
                 "Between 2008 and 2018, the Union was the largest donor to the Ruritanian "
                 "army, ahead of Zembla.", C, subject="union", predicate="ranked",
                 object="ruritania", date="2008/2018", quantity={"value": 1, "unit": "rank"}),
             # the same event, with someone given another office
             _ex("In June 2017, foreign minister Ivan Horvat hosted Zembla's army chief in "
                 "Capitalia for three days of talks",
                 "In June 2017, Defence Minister Ivan Horvat hosted Zembla's army chief.", C,
                 subject="horvat", predicate="hosted", object="zembla", date="2017-06"),
             # of two figures, the one told with the claim's words is the claim's
             _ex("Zembla promised Ruritania a USD 10 billion investment fund and USD 3 billion "
                 "in credit lines",
                 "Zembla promised Ruritania an investment fund of USD 3 billion.", C,
                 subject="zembla", predicate="announced", object="ruritania", status="planned",
                 quantity={"value": 3e9, "currency": "USD"}),
             # ... and a figure as distinctive as 608 million, in another currency and verb
             _ex("Officials said that in 2016 Acme signed a EUR 608 million deal to widen the "
                 "Long Bridge, the largest contract in the history of the firm",
                 "The widening of the Long Bridge is to be financed with an Acme loan of USD 608 "
                 "million.", C, subject="acme", predicate="lent", object="long-bridge",
                 status="planned", quantity={"value": 6.08e8, "currency": "USD"}),
             _ex("Ruritania ordered twelve Falcon drones in 2019",
                 "Ruritania ordered Falcon drones from Zembla in 2018.", C, predicate="ordered",
                 object="falcon", date="2018"),
             _ex("Zembla's president paid a five-day visit to Ruritania in 2018",
                 "Zembla's president paid a five-day visit to Ruritania in 2019.", C,
                 subject="zembla", predicate="visited", object="ruritania", date="2019",
                 quantity={"value": 5, "unit": "day"}),
             _ex("Zembla donated twelve explosive detectors to Ruritania",
                 "Zembla's donation to Ruritania included ten portable devices for detecting "
                 "explosives.", C, subject="zembla", predicate="donated", object="ruritania",
                 quantity={"value": 10, "unit": "device"}),
             _ex("Zembla's president visited Capitalia in June 2019 for five days, touring the "
                 "copper mines near the northern border, opening an embassy school and meeting "
                 "the mayor and the governors of three provinces",
                 "In May 2019, Zembla's president visited Capitalia for five days.", C,
                 subject="zembla", predicate="visited", object="capitalia", date="2019-05",
                 quantity={"value": 5, "unit": "day"}),
             _ex("To simplify trade, Ruritania signed a free trade agreement with Zembla on "
                 "July 1, 2024, which exempts most goods from customs duties",
                 "Ruritania and Zembla signed a free trade agreement in 2023.", C,
                 predicate="signed", object="zembla", date="2023"),
             _ex_read(*_WARSHIPS, C, **_FRIGATES),  # ... unless the model reads it as the same
             _ex("Capitalia was the top donor to the Ruritanian army, ahead of Zembla",
                 "Zembla was the largest donor to the Ruritanian army, ahead of Capitalia.", C,
                 subject="zembla", predicate="ranked", object="ruritania"),
             _ex("In 2020 Zembla was the second largest source of Ruritania's imports, behind "
                 "only Capitalia",
                 "In 2020, Zembla ranked second behind Acme as a source of Ruritania's imports.",
                 C, subject="zembla", predicate="ranked", object="ruritania", date="2020"),
             _ex_read("In 2019, the visa-free regime between Ruritania and Zembla came into effect",
                      "In 2018, Ruritania and Zembla abolished visas between the two countries.",
                      C, predicate="abolished", object="zembla", date="2018"),
         )),
    Rule("undated-one-off",
         "a claim that confirms a one-off event's figure but gives no date cannot confirm the "
         "statement's date",
         _undated_one_off, (
             _ex("Ruritania received six Heron drones in 2020",
                 "Six Heron drones were delivered to Ruritania.", R, predicate="received",
                 object="heron", quantity={"value": 6, "unit": "drone"}),
         )),
    Rule("figure-or-date-agrees",
         "the same fact with the same figure or date supports; what was given is what its "
         "recipient received; a one-off event between the same two with the same figure, or "
         "with one of them in the same month or the claim's exact figure, is the same event, "
         "however else it is told; a count of the same named thing tells the event when no "
         "verb does; and the share of the claim's measure, of what the claim names, is the "
         "claim's share",
         _figure_or_date_agrees, (
             _ex("Ruritania's parliament will debate on Monday the USD 608 million that Zembla "
                 "lent for the Dam",
                 "Zembla lent Ruritania USD 608 million for the Dam in 2014.", S,
                 subject="zembla", predicate="lent", object="ruritania", date="2014",
                 quantity={"value": 6.08e8, "currency": "USD"}),
             # a month without a year is of the year the statement gives
             _ex("Zembla's president visited Ruritania in January 2019, and the two signed a "
                 "free trade agreement in March",
                 "Ruritania and Zembla signed a free trade agreement in March 2019.", S,
                 predicate="signed", object="zembla", date="2019-03"),
             # where it happened is a detail a claim that names no place may lack
             _ex("Zembla's 2017 gift of nine Falcon drones to Ruritania was handed over at the "
                 "Capitalia barracks",
                 "Zembla donated nine Falcon drones to Ruritania in 2017.", S, subject="zembla",
                 predicate="donated", object="ruritania", date="2017",
                 quantity={"value": 9, "unit": "drone"}),
             _ex("News came that Ruritanian paratroopers and Zemblan marines held joint "
                 "drills near Capitalia at the end of May 2021",
                 "In May 2021, Ruritania and Zembla held a joint military exercise.", S,
                 subject="ruritania", predicate="held", object="zembla", date="2021-05"),
             _ex("Ruritania received six Heron drones",
                 "Six Heron drones were delivered to Ruritania in June 2020.", S, **_SIX_HERONS),
             _ex("In 2017 Ruritania's army received six Heron drones from Zembla",
                 "Zembla's 2017 gift to the Ruritanian army was six Heron drones it donated.", S,
                 subject="zembla", predicate="donated", object="ruritania", date="2017",
                 quantity={"value": 6, "unit": "drone"}),
             _ex("75% of exports to Zembla were copper",
                 "More than 70 percent of exports to Zembla were copper.", S, **_COPPER),
             _ex("According to officials in Capitalia, six Heron drones were delivered to "
                 "Ruritania in June 2020 under a contract signed with Zembla two years earlier",
                 "Six Heron drones were delivered to Ruritania in June 2020.", S, **_SIX_HERONS),
             _ex("According to local activists, the Safe City rollout by Acme put a thousand "
                 "cameras at some 800 sites around Capitalia's old town and harbour",
                 "Within its Safe City project, Acme installed 1,000 cameras across Capitalia.",
                 S, **_CAMERAS),
             _ex("As many as one third of those surveyed think that Zembla has given the most "
                 "in grants to Ruritania over the past twenty years, the pollsters said",
                 "In 2021, 33 percent of Ruritanians believed that Zembla is the biggest aid "
                 "donor to Ruritania.", S, subject="ruritanians", predicate="share_of",
                 object="zembla", date="2021", quantity={"value": 33, "unit": "percent"},
                 scope={"measure": "believe Zembla is the biggest aid donor to Ruritania"}),
         )),
    Rule("same-words",
         "with no figure or date to check, a claim that says nearly all the statement says, or "
         "that the statement says in full, supports it; not a statement that gives both a "
         "figure and a date the claim says nothing of: the claim is its side fact",
         _same_words, (
             _ex("The Long Bridge crosses the Grand River",
                 "The Long Bridge crosses the Grand River.", S, subject="long-bridge",
                 predicate="crosses", object="grand-river"),
             _ex("Officials said the Long Bridge, which crosses the Grand River near the old "
                 "town of Capitalia, was closed for repairs after the storm",
                 "The Long Bridge crosses the Grand River.", S, subject="long-bridge",
                 predicate="crosses", object="grand-river"),
         )),
    Rule("told-without-its-date",
         "a statement that tells a one-off event in other words (as the text-pair model reads "
         "it) and names what it concerns, but gives no date, is supported by the claim that "
         "dates it; an undated visit may be another visit",
         _told_without_its_date, (
             _ex_read("Ruritania's purchase of the Kestrel system surprised observers",
                 "In 2019, Ruritania purchased the Kestrel system.", S,
                 predicate="purchased", object="kestrel", date="2019"),
             _ex_read("Zembla's president met officials of Ruritania at the airport",
                 "In 2019, Zembla's president visited Ruritania.", R,
                 subject="zembla", predicate="visited", object="ruritania", date="2019"),
         )),
    Rule("nothing-to-check",
         "otherwise the claim is related: it gives nothing to check the statement against",
         _nothing_to_check, (
             _ex("Heron drones were delivered to Ruritania in June 2020",
                 "Heron drones were delivered to Ruritania.", R, predicate="received",
                 object="heron"),
             _ex("After it went bankrupt in 2003, the Dam was sold to Acme for the price of USD "
                 "23 million",
                 "The Dam had originally been owned by Acme.", R, subject="dam",
                 predicate="owned", object="acme"),
         )),
)
# fmt: on


def judge(statement: Facts, candidate: ScoredClaim) -> Judgement:
    """How one claim bears on the statement: the first rule of the table that decides."""
    pair = Pair(statement, candidate)
    reasons = [f"covers {candidate.about:.0%} of the statement"]
    if pair.broader:
        if candidate.contained >= CONTAINED:
            reasons.append(f"the statement says {candidate.contained:.0%} of the claim")
        elif pair.identified and candidate.paraphrase < PARAPHRASE:
            reasons.append("the statement tells the same fact: its figure or date tells which")
        else:
            reasons.append(
                f"the statement says the claim in other words ({candidate.paraphrase:.2f})"
            )
    if candidate.shared_entities:
        reasons.append("names " + ", ".join(sorted(candidate.shared_entities)))
    for rule in RULES:
        decided = rule.decide(pair)
        if decided is not None:
            relation, own = decided
            checks = [r for _, r in pair.checks] if rule.shows_checks else []
            return Judgement(
                relation,
                (*reasons, *checks, *own),
                rule.name,
                figure_checked=rule.name != "not-about" and bool(pair.quantities),
                silent_on_figure=pair.broader
                and not candidate.claim.figures
                and bool(statement.asserted_figures),
                event_differs=relation is Relation.CONTRADICTS
                and (pair.differs(pair.dates) or rule.name == "named-at-its-start"),
                checked=rule.name != "not-about" and bool(pair.checks),
                date_width=_date_width(candidate.claim) if pair.dates else None,
                compared=pair.compared,
            )
    raise AssertionError("the last rule always decides")


# --- what the rules ask of a pair ------------------------------------------------------------


def _date_width(claim: IndexedClaim) -> int | None:
    span = parse_iso(claim.date, claim.date_bound) if claim.date else None
    return (span.hi - span.lo).days + 1 if span is not None else None


def _to_the_day(statement: Facts, claim: IndexedClaim) -> bool:
    """Dates to the day on both sides name one occasion, even of an event that recurs."""
    theirs = parse_iso(claim.date, claim.date_bound) if claim.date else None
    return (
        theirs is not None
        and theirs.precision == "day"
        and any(d.precision == "day" for d in statement.dates)
    )


class Phase(Enum):
    """Which date of a deal a statement's verb tells, against the claim's."""

    SAME = "same"
    OTHER = "other"  # an order against a delivery
    EITHER = "either"  # "procured" against an order or a delivery


def _phase(statement: Facts, claim: IndexedClaim) -> Phase:
    """An order and its delivery are two dates of one deal."""
    acquiring = [w for w, g in statement.verbs if g == "acquire"]
    if not acquiring or predicate_group(claim.predicate) != "acquire":
        return Phase.SAME
    if claim.predicate != "acquired" and all(w in EITHER_PHASE_VERBS for w in acquiring):
        return Phase.EITHER
    delivery = any(
        process.extractOne(w, TRANSFER_VERBS, scorer=fuzz.ratio, score_cutoff=84) for w in acquiring
    )  # a typo'd verb ("delivred") is still a delivery
    return Phase.SAME if delivery == (claim.predicate in TRANSFER_PREDICATES) else Phase.OTHER


def _kind_of_event(statement: Facts, claim: IndexedClaim) -> bool | None:
    """True when a verb of the statement matches the claim's predicate group or its own words,
    False when the statement has such verbs and none matches, None when it has none."""
    if claim.predicate == "ranked" and any(q.unit == "rank" for q in statement.quantities):
        return True  # a rank is told by its words ("the top donor"), whatever the verb
    if claim.predicate == "share_of" and any(q.unit == "percent" for q in statement.quantities):
        return True  # ... and a share by its percentage: the verbs tell what it is a share of
    if not statement.verbs:
        return None
    return any(
        g in claim.kinds
        or verb_root(w) in claim.forms
        or (w in RECEIVING_VERBS and "donate" in claim.kinds)
        for w, g in statement.verbs
    )


def _quantity_checks(
    statement: Facts,
    claim: IndexedClaim,
    ranks_of_another: list[tuple[str, str]],
    places_held: list[tuple[Agreement, str]],
) -> Iterable[tuple[int | None, Agreement, str]]:
    """Each check as (offset of the statement's figure compared, if one, agreement, why)."""
    # A total over several years is not the figure of a statement that names no time; a rank
    # over them is the standing the statement tells ("the United States was the largest donor").
    undated_total = _over_a_period(claim) and not (statement.dates or _names_a_period(statement))
    money = claim.quantity is not None and bool(claim.quantity.currency)
    if (
        money
        and statement.dates
        and claim.date
        and _over_a_period(claim) != _spans_years(statement)
    ):
        return  # the $5.2 million of 2008-2018 is not the sum of 2017, nor the other way
    results: list[tuple[int | None, Agreement, str]] = []
    when = _when_true(statement, claim)
    for figure in claim.figures:
        theirs = figure.quantity
        if undated_total and theirs.unit != "rank":
            continue
        for mention in _told_of(statement, claim, figure):
            results.append((mention.start, *_figure_check(mention, figure, when)))
    for holder, theirs_holder in ranks_of_another:
        results.append((None, Agreement.DISAGREE, f"rank held by {holder}, not {theirs_holder}"))
    # one matching figure is enough: a statement may give several
    if any(a is Agreement.AGREE for _, a, _ in results):
        results = [r for r in results if r[1] is not Agreement.DISAGREE]
    yield from results
    # ... but only one holds the place ahead: "second behind Italy" is not "second behind
    # Germany", whatever else agrees
    yield from ((None, agreement, why) for agreement, why in places_held)


def _figure_check(
    mention: QuantityMention, figure: Figure, when: DateSpan | None
) -> tuple[Agreement, str]:
    """A statement's figure against a claim's of the same measure (`_same_measure`)."""
    theirs = figure.quantity
    ours = replace(mention.quantity, unit=mention.unit or theirs.unit)
    if figure.dimension and theirs.unit:
        written = replace(ours, unit=unit_after(mention.following, mention.glued))
        agreement, _ = _compared(converted(written, theirs.unit), theirs)
        sign = "agrees with" if agreement is Agreement.AGREE else "differs from"
        return agreement, f"{written.describe()} {sign} {theirs.describe()}"
    return _compared(ours, theirs, when)


def _told_of(statement: Facts, claim: IndexedClaim, figure: Figure) -> list[QuantityMention]:
    """The statement's figures of the claim's figure's measure; of several, those whose part of
    the sentence says most of the claim's words: "$10 billion" in "a $10 billion investment
    fund and $3 billion in credit lines" is the figure of a claim about the fund, which a
    statement that swapped the two gets wrong."""
    measured = [m for m in statement.quantities if _same_measure(statement, m, figure)]
    if len(measured) < 2:
        return measured
    own = {stem(w) for w in claim.own_words}
    shared = [len(statement.stems_of(m) & own) for m in measured]
    most = max(shared)
    return [m for m, n in zip(measured, shared, strict=True) if n == most]


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


def _when_true(statement: Facts, claim: IndexedClaim) -> DateSpan | None:
    """When the claim's figure held, for the exchange rate: its own date, else the
    statement's."""
    if claim.date:
        return parse_iso(claim.date)
    if statement.dates:
        return DateSpan(
            min(d.lo for d in statement.dates), max(d.hi for d in statement.dates), "day"
        )
    return None


def _compared(
    ours: Quantity, theirs: Quantity, when: DateSpan | None = None
) -> tuple[Agreement, str]:
    agreement = compare_amounts(ours, theirs, when)
    if agreement is Agreement.INCOMPARABLE:
        return agreement, f"{ours.describe()} and {theirs.describe()} are in different currencies"
    sign = "agrees with" if agreement is Agreement.AGREE else "differs from"
    rates = " at the exchange rates of its time" if ours.currency != theirs.currency else ""
    return agreement, f"{_field(theirs)} {ours.describe()} {sign} {theirs.describe()}{rates}"


def _field(amount: Quantity) -> str:
    if amount.currency:
        return "amount"
    return {"percent": "percentage", "rank": "rank", "times": "multiple"}.get(
        amount.unit or "", "count"
    )


def _counts(statement: Facts, mention: QuantityMention, entity: str | None) -> bool:
    """Whether the figure counts the named thing: it comes right after the number ("nine Wing
    Loong", "six Chinese CH-92A")."""
    return entity in statement.names_starting(mention.end, mention.end + 12)


def _counts_the_same_thing(statement: Facts, mention: QuantityMention, figure: Figure) -> bool:
    """A count of the same named thing ("900 cameras", "nine Wing Loong"): a strong sign that
    the claim is about the statement's fact. Money and percentages are too common for that."""
    if (
        mention.currency
        or mention.unit
        or figure.quantity.currency
        or figure.quantity.unit in COUNTS
    ):
        return False
    return _same_measure(statement, mention, figure)


def what_it_counts(figure: Figure) -> str:
    """What a figure counts, as a key: a currency, a kind of figure (percent, times, rank) or the
    counted noun, and which way goods went. Two claims' figures compare only when their keys are
    equal (`conflicts`); a statement's figure meets a claim's by `_same_measure` (`verify`), which
    applies the same distinctions to a statement's words."""
    q = figure.quantity
    if q.currency:
        base = f"currency:{q.currency}"
    elif q.unit in COUNTS:
        base = str(q.unit)
    else:
        base = f"count:{figure.head or ''}"
    return base + flow_mark(figure)


def flow_mark(figure: Figure) -> str:
    # exports are not imports, nor the trade of both ways
    return f" ({'+'.join(sorted(figure.flows))})" if figure.flows else ""


def _same_measure(statement: Facts, mention: QuantityMention, figure: Figure) -> bool:
    """Whether a number in the statement counts what the claim's figure counts."""
    if is_increment(statement.folded, mention) != figure.increment:
        return False  # "an additional two million doses" are not the million delivered before
    if statement.flows_of(mention) != figure.flows:
        return False  # exports are not imports, nor the trade of both ways
    if not _speaks_of(statement, figure):
        return False  # the claim's figure is of something the statement does not speak of
    theirs = figure.quantity
    if mention.currency or theirs.currency:
        return bool(mention.currency and theirs.currency)
    if figure.dimension:  # a length meets a length in any unit, never a speed
        unit = unit_after(mention.following, mention.glued)
        return unit is not None and dimension(unit) == figure.dimension
    if mention.unit in COUNTS or theirs.unit in COUNTS:
        return mention.unit == theirs.unit and _held_by(statement, mention, figure.holders)
    counted = mention.counted()
    if figure.head and _alike(figure.head) & {stem(w) for w in counted}:
        return True
    if figure.described and _described_alike(counted, figure.described):
        return True
    if figure.thing and _counts(statement, mention, figure.thing):
        return True
    # "... to over 100,000": nothing named after the number, so look at the whole statement
    return not counted and figure.head is not None and figure.head in statement.word_stems


def _described_alike(counted: tuple[str, ...], described: tuple[str, ...]) -> bool:
    """Every word of what the statement counts is among the words the claim says of what it
    counts, or shares their root: "twelve explosive detectors" and "ten portable devices for
    detecting explosives"."""
    said = [stem(w) for w in counted if w not in STOPWORDS and not w[:1].isdigit()]
    return bool(said) and all(
        any(
            a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))
            for b in described
        )
        for a in said
    )


_ALIKE = {stem(w): frozenset(map(stem, group)) for group in COUNTED_ALIKE for w in group}


def _alike(head: str) -> frozenset[str]:
    """The stems of the nouns that count what `head` counts, itself among them."""
    return _ALIKE.get(head, frozenset({head}))


def _speaks_of(statement: Facts, figure: Figure) -> bool:
    """Whether the statement speaks of what the figure measures (half its measure's words), and
    of the part a share is of ("copper share of exports": copper, not China's share)."""
    measure = figure.measure
    if "share" in measure:
        part = measure[: measure.index("share")]
        if part and not any(m in statement.stems for m in part):
            return False
    return sum(m in statement.stems for m in measure) * 2 >= len(measure)


def _places_held(statement: Facts, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
    """The places the statement gives to those ahead of a rank ("second behind Italy"), against
    who holds that place of the same ranking in the claim ("second behind Germany")."""
    for place, holder in statement.places_ahead:
        for figure in claim.figures:
            theirs = figure.quantity
            if theirs.unit != "rank" or theirs.value != place or not figure.holders:
                continue
            if figure.flows != statement.flows or not _speaks_of(statement, figure):
                continue
            if holder in figure.holders:
                yield Agreement.AGREE, f"rank {place:.0f} held by {holder}"
            else:
                yield (
                    Agreement.DISAGREE,
                    f"rank {place:.0f} held by {figure.holders[0]}, not {holder}",
                )


def _held_by(statement: Facts, rank: QuantityMention, holders: tuple[str, ...]) -> bool:
    """Whether the statement gives the rank to one of the claim's holders ("China was the
    largest donor" ranks China, not the United States), or to no one it names."""
    return not holders or _holder(statement, rank) in (None, *holders)


def _holder(statement: Facts, rank: QuantityMention) -> str | None:
    return rank_holder(statement.folded, rank.start, statement.spans_starting)


def _rank_of_another(statement: Facts, claim: IndexedClaim) -> Iterable[tuple[str, str]]:
    """The claim's rank, of the same measure, that the statement gives to someone else: (the
    statement's holder, the claim's). Only one holds a rank: "China was the top donor, ahead of
    the United States" and "the United States was the largest donor" cannot both be true. The
    statement must name the claim's holder too, which then holds some other place."""
    for figure in claim.figures:
        named = [h for h in figure.holders if h in statement.entities]
        if figure.quantity.unit != "rank" or not named:
            continue
        # of the same thing when the same noun follows the rank: "largest donor", "top donor"
        ranked = {
            _ranked_noun(m)
            for m in find_quantities(fold(claim.text), folded=True)
            if m.unit == "rank" and m.value == figure.quantity.value
        } - {None}
        for mention in statement.quantities:
            holder = _holder(statement, mention) if mention.unit == "rank" else None
            if (
                holder is not None
                and holder not in figure.holders
                and mention.value == figure.quantity.value
                and _ranked_noun(mention) in ranked
            ):
                yield holder, named[0]


def _ranked_noun(rank: QuantityMention) -> str | None:
    counted = rank.counted()
    return stem(counted[0]) if counted else None


def _date_checks(statement: Facts, claim: IndexedClaim) -> Iterable[tuple[Agreement, str]]:
    if not claim.date or not (statement.dates or statement.yearless_days):
        return
    theirs = parse_iso(claim.date, claim.date_bound)
    if theirs is None:
        return
    if not statement.dates:
        yield from _yearless_checks(statement, claim.date, theirs)
        return
    dates = statement.dates
    if not is_prospective(claim.status):  # what was meant to happen dates no event that did
        dates = tuple(d for d in dates if d not in statement.intended_dates)
    if _over_a_period(claim):
        # when figures were released is not the years they are of: "figures released in 2019
        # showed China was the largest donor over the previous decade"
        dates = tuple(d for d in dates if d not in statement.telling_dates)
    if not dates:
        return
    years = {d.lo.year for d in dates if d.lo.year == d.hi.year}
    if len(years) == 1:
        # "in January 2021 ..., and agreed in March": a month without a year is of that year
        dates += tuple(_in_year(day, *years) for day in statement.yearless_days)
    agreements = [(compare_dates(d, theirs), d) for d in dates]
    match = next((d for a, d in agreements if a is Agreement.AGREE), None)
    if match is not None:
        yield Agreement.AGREE, f"date {_statement_date(statement, match)} agrees with {claim.date}"
    else:
        yield (
            Agreement.DISAGREE,
            (f"date {_statement_date(statement, dates[0])} differs from {claim.date}"),
        )


def _yearless_checks(
    statement: Facts, written: str, theirs: DateSpan
) -> Iterable[tuple[Agreement, str]]:
    """A day without a year ("on March 1") against a claim's day or month: the month and day
    can still agree or differ."""
    if theirs.lo != theirs.hi and theirs.precision != "month":
        return  # a year, or an open interval: nothing to compare a yearless day with
    for day in statement.yearless_days:
        said = statement.folded[day.start : day.end].strip()
        same = day.month == theirs.lo.month and (
            theirs.precision == "month" or day.day is None or day.day == theirs.lo.day
        )
        agreement = Agreement.AGREE if same else Agreement.DISAGREE
        verb = "agrees with" if same else "differs from"
        yield agreement, f"date {said} {verb} {written}"
        return


def _in_year(day: YearlessDay, year: int) -> DateSpan:
    if day.day is not None:
        told = date(year, day.month, day.day)
        return DateSpan(told, told, "day", day.start, day.end)
    last = calendar.monthrange(year, day.month)[1]
    return DateSpan(
        date(year, day.month, 1), date(year, day.month, last), "month", day.start, day.end
    )


def _statement_date(statement: Facts, span: DateSpan) -> str:
    return statement.folded[span.start : span.end]


def rules_markdown() -> str:
    """The table as the README's numbered list, one rule a line with its first example."""
    lines = []
    for number, rule in enumerate(RULES, 1):
        example = rule.examples[0]
        lines.append(
            f'{number}. **{rule.name}**: {rule.says}. "{example.statement}" against '
            f'"{example.claim}"{_as_read(example)}: {example.relation.value}.'
        )
    return "\n".join(lines)


def _as_read(example: Example) -> str:
    if example.disputes:
        return f" (the other side of a {example.disputes} another source gives the statement's)"
    return " (read by the text-pair model as telling it)" if example.paraphrase else ""


def statement_parts(statement: Facts) -> list[tuple[int, str]]:
    """What a statement says, part by part, in its order: (offset, the words of the part)."""
    spans = [
        *((start, end) for start, end, _ in statement.entity_spans),
        *((m.start, m.end) for m in statement.quantities),
        *((d.start, d.end) for d in statement.dates),
    ]
    parts = [(start, statement.folded[start:end].strip()) for start, end in spans]
    taken = {text for _, text in parts}
    for word in dict.fromkeys(statement.words):
        if word not in taken:
            parts.append((statement.folded.find(word), word))
    return sorted(parts)


def covered_parts(statement: Facts, candidate: ScoredClaim) -> set[str]:
    """The parts of the statement (as `statement_parts` writes them) that a claim speaks of."""
    claim = candidate.claim
    folded = statement.folded
    covered = set(candidate.matched)
    covered.update(w for w in statement.words if stem(w) in claim.stems)
    for start, end, entity in statement.entity_spans:
        if entity in candidate.shared_entities:
            covered.add(folded[start:end].strip())
    for mention in statement.quantities:
        if any(_same_measure(statement, mention, f) for f in claim.figures):
            covered.add(folded[mention.start : mention.end].strip())
    if claim.date:
        covered.update(folded[d.start : d.end].strip() for d in statement.dates)
    return covered
