"""The comparison rules shared by `verify` and `conflicts`: two quantities, two dates, two
predicates, judged the same way whether they come from a statement or a claim (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from claimcheck.language.dates import DateSpan


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
