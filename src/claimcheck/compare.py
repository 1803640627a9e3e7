"""The comparison rules shared by `verify` and `conflicts`: two quantities, two dates, two
predicates, judged the same way whether they come from a statement or a claim (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from claimcheck.dates import DateSpan


class Agreement(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    INCOMPARABLE = "incomparable"


@dataclass(frozen=True)
class Amount:
    """A quantity as an interval, so bounds compare: "more than 70" is (70, inf)."""

    value: float
    bound: str = "exact"
    max: float | None = None
    unit: str | None = None
    currency: str | None = None

    def interval(self) -> tuple[float, float, bool, bool]:
        """(low, high, low is open, high is open)."""
        v = self.value
        slack = self.rounding()
        match self.bound:
            case "approx":
                spread = max(abs(v) * 0.1, slack)
                return v - spread, v + spread, False, False
            case "more_than":
                return v, math.inf, True, True
            case "at_least":
                return v - slack, math.inf, False, True
            case "less_than":
                return -math.inf, v, True, True
            case "at_most":
                return -math.inf, v + slack, True, False
            case "range":
                return v - slack, (self.max if self.max is not None else v) + slack, False, False
            case _:
                return v - slack, v + slack, False, False

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
        number = f"{self.value:,.10g}" + (f"-{self.max:,.10g}" if self.max is not None else "")
        return f"{words.get(self.bound, '')}{number}{' ' + what if what else ''}"


def compare_amounts(a: Amount, b: Amount) -> Agreement:
    """Overlapping intervals agree. Different currencies are never compared: that would need a
    rate and a date, and silently equating USD and EUR figures is worse than saying nothing."""
    if (a.currency or b.currency) and a.currency != b.currency:
        return Agreement.INCOMPARABLE
    a_lo, a_hi, a_lo_open, a_hi_open = a.interval()
    b_lo, b_hi, b_lo_open, b_hi_open = b.interval()
    below = a_hi < b_lo or (a_hi == b_lo and (a_hi_open or b_lo_open))
    above = b_hi < a_lo or (b_hi == a_lo and (b_hi_open or a_lo_open))
    return Agreement.DISAGREE if below or above else Agreement.AGREE


def compare_dates(a: DateSpan, b: DateSpan) -> Agreement:
    """At the precision both have: 2020 and June 2020 agree, June and July 2020 do not."""
    return Agreement.AGREE if a.overlaps(b) else Agreement.DISAGREE


# Verbs people use, grouped by the kind of event they report. A claim's predicate and a
# statement's verbs are compared by group, so "bought" meets "ordered" and "received".
PREDICATE_GROUPS: dict[str, frozenset[str]] = {
    "acquire": frozenset(
        "acquired purchased ordered delivered received owned operated buy bought purchase order "
        "acquire procure procured obtain obtained get got receive deliver arrive arrived reach "
        "reached has have had own owns possess possesses took take took_control took_over "
        "handed_over hand_over "
        "take_over supply supplied "
        "sold sell sells opted_for opt_for chose choose chosen selected select went_for "
        "go_for".split()
    ),
    "cancel": frozenset("cancelled canceled replaced cancel abandon abandoned scrap scrapped "
                        "drop dropped gave_up give_up withdrew withdraw".split()),
    "finance": frozenset("lent borrowed financed lend loan loans borrow finance funded fund "
                         "credit".split()),
    "invest": frozenset("invested invest investment investments".split()),
    "sign": frozenset("signed agreed sign agree concluded conclude".split()),
    "launch": frozenset("announced launched established announce launch unveil unveiled "
                        "propose proposed initiate initiated founded create created "
                        "introduced introduce start started opened open inaugurated "
                        "inaugurate began begin begun begins".split()),
    "hold": frozenset("held hold holds conducted conduct organised organized organise organize "
                      "staged stage participated participate took_part take_part".split()),
    "adopt": frozenset("adopted adopt enacted enact ratified ratify entered_into_force "
                       "came_into_force took_effect".split()),
    "increase": frozenset("increased increase increases grew grow grown rose rise risen "
                          "doubled tripled expanded".split()),
    "decrease": frozenset("decreased decrease decreases fell fall fallen declined decline "
                          "shrank".split()),
    "detect": frozenset("detected detect found find discovered discover spotted identified "
                        "uncovered".split()),
    "attack": frozenset("bombed bomb bombing attacked attack struck destroyed destroy".split()),
    "recognize": frozenset("recognized recognised recognize recognise recognizes "
                           "recognises".split()),
    "visit": frozenset("visited met attended hosted visit meet attend host travelled traveled "
                       "came come comes "
                       "greeted greet welcomed welcome".split()),
    "install": frozenset("installed deployed built produced developed install deploy build "
                         "construct constructed produce manufacture manufactured made make makes".split()),
    "trade": frozenset("exported imported traded export import trade".split()),
    "donate": frozenset("donated donate gave give granted grant".split()),
    "support": frozenset("supported support supports backed back favour favor approve "
                         "approved".split()),
    "oppose": frozenset("opposed oppose opposes rejected reject rejects against".split()),
    "abolish": frozenset("abolished abolish lifted lift waived waive".split()),
    "state": frozenset("stated said say says claimed declared declare proclaimed "
                       "proclaim".split()),
}  # fmt: skip
_GROUP_OF = {word: group for group, members in PREDICATE_GROUPS.items() for word in members}
GROUPED_WORDS = tuple(_GROUP_OF)


def predicate_group(word: str) -> str | None:
    return _GROUP_OF.get(word)


# Events that happen once, on a date: a different date for the same one is a disagreement.
# Other predicates (visits, trade, polls, counts) recur, so another date is another occasion.
_ONE_TIME_GROUPS = frozenset(
    "acquire cancel finance invest sign launch install donate abolish adopt recognize hold "
    "attack".split()
)
_ONE_TIME_PREDICATES = frozenset(
    "declared established signed elected appointed joined left published".split()
)


def is_one_time(predicate: str) -> bool:
    return predicate_group(predicate) in _ONE_TIME_GROUPS or predicate in _ONE_TIME_PREDICATES


def is_cancellation(predicate: str, status: str | None) -> bool:
    return predicate_group(predicate) == "cancel" or status in ("cancelled", "replaced")


def is_prospective(status: str | None) -> bool:
    """A plan or an announcement says what may happen, not what did."""
    return status in ("planned", "announced")
