"""The comparison rules shared by `verify` and `conflicts`: two quantities, two dates, two
predicates, judged the same way whether they come from a statement or a claim (pure)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from claimcheck.judge.rates import rate_range
from claimcheck.language.dates import DateSpan
from claimcheck.models import Quantity


class Agreement(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    INCOMPARABLE = "incomparable"


def compare_amounts(a: Quantity, b: Quantity, when: DateSpan | None = None) -> Agreement:
    """Overlapping intervals agree. Amounts in two currencies are compared only given when
    `b` was true: `b` converted at every reference rate of that time (`rate_range`), so
    "EUR 950 million" meets "about $1 billion" of 2018 and "$150 million" differs from
    "EUR 150 million". Without a time, or for a currency with no reference rate, they are
    incomparable: equating USD and EUR figures would be worse than saying nothing."""
    a_lo, a_hi = a.interval()
    b_lo, b_hi = b.interval()
    if (a.currency or b.currency) and a.currency != b.currency:
        if when is None or a.currency is None or b.currency is None:
            return Agreement.INCOMPARABLE
        try:
            low_rate, high_rate = rate_range(b.currency, a.currency, when.lo, when.hi)
        except LookupError:
            return Agreement.INCOMPARABLE
        b_lo, b_hi = b_lo * low_rate, b_hi * high_rate
    # Intervals that only touch are two written figures a rounding step apart ("40%" and
    # "50%", "1.5 million" and "1.6 million"): they differ.
    below = a_hi < b_lo or (a_hi == b_lo and a_lo != b_hi)
    above = b_hi < a_lo or (b_hi == a_lo and b_lo != a_hi)
    return Agreement.DISAGREE if below or above else Agreement.AGREE


def compare_dates(a: DateSpan, b: DateSpan) -> Agreement:
    """At the precision both have: 2020 and June 2020 agree, June and July 2020 do not. Two
    deadlines ("by 2025", "by 2030"), or two starts ("since 2016", "since 2017"), are the same
    bound or not by their years (a month at the edge of "by mid-2021" is not told), never as
    intervals that overlap."""
    if a.lo == date.min and b.lo == date.min:
        return Agreement.AGREE if a.hi.year == b.hi.year else Agreement.DISAGREE
    if a.hi == date.max and b.hi == date.max:
        return Agreement.AGREE if a.lo.year == b.lo.year else Agreement.DISAGREE
    return Agreement.AGREE if a.overlaps(b) else Agreement.DISAGREE
