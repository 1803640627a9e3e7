"""The comparison rules shared by `verify` and `conflicts`: two quantities, two dates, two
predicates, judged the same way whether they come from a statement or a claim (pure)."""

from __future__ import annotations

from enum import StrEnum

from claimcheck.language.dates import DateSpan
from claimcheck.models import Quantity


class Agreement(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    INCOMPARABLE = "incomparable"


def compare_amounts(a: Quantity, b: Quantity) -> Agreement:
    """Overlapping intervals agree. Different currencies are never compared: that would need a
    rate and a date, and silently equating USD and EUR figures is worse than saying nothing."""
    if (a.currency or b.currency) and a.currency != b.currency:
        return Agreement.INCOMPARABLE
    a_lo, a_hi = a.interval()
    b_lo, b_hi = b.interval()
    # Intervals that only touch are two written figures a rounding step apart ("40%" and
    # "50%", "1.5 million" and "1.6 million"): they differ.
    below = a_hi < b_lo or (a_hi == b_lo and a_lo != b_hi)
    above = b_hi < a_lo or (b_hi == a_lo and b_lo != a_hi)
    return Agreement.DISAGREE if below or above else Agreement.AGREE


def compare_dates(a: DateSpan, b: DateSpan) -> Agreement:
    """At the precision both have: 2020 and June 2020 agree, June and July 2020 do not."""
    return Agreement.AGREE if a.overlaps(b) else Agreement.DISAGREE
