"""Exchange rates for comparing an amount told in one currency with one told in another: the
European Central Bank's daily reference rates, which the `CurrencyConverter` package carries
offline (nothing is fetched). Loaded on first use: most statements never need them."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta
from functools import cache
from typing import Any

# A writer converts at the rate of their own day, which is seldom the day of the event: the
# rates of a year either side of it are the ones a conversion may have used.
_WRITERS_LAG = timedelta(days=366)
_STEP = timedelta(days=7)  # weekly samples: a week moves a major rate by a percent or two


@cache
def _converter() -> Any:
    # imported here: the package takes 20 ms to import and 0.3 s to read its rates
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True)


@cache  # a batch meets the same claims' dates again and again
def rate_range(from_currency: str, to_currency: str, lo: date, hi: date) -> tuple[float, float]:
    """The lowest and highest number of `to_currency` units one `from_currency` unit bought
    from a year before `lo` to a year after `hi`, within the rates the package holds. Raises
    LookupError for a currency the central bank gives no rate for (the Serbian dinar) or a
    time it has no rates for."""
    converter = _converter()
    from currency_converter import RateNotFoundError  # imported by _converter already

    known = set(converter.currencies)
    if not {from_currency, to_currency} <= known:
        raise LookupError(f"no reference rate for {from_currency} or {to_currency}")
    first, last = converter.bounds[from_currency]
    start = first if lo - first < _WRITERS_LAG else lo - _WRITERS_LAG  # open-ended spans too
    end = last if last - hi < _WRITERS_LAG else hi + _WRITERS_LAG
    if start > end:
        raise LookupError(f"no reference rate between {lo} and {hi}")
    rates = []
    day = start
    while day <= end:
        with suppress(RateNotFoundError):  # a gap at the edge of one currency's series
            rates.append(converter.convert(1.0, from_currency, to_currency, date=day))
        day += _STEP
    if not rates:
        raise LookupError(f"no reference rate between {lo} and {hi}")
    return min(rates), max(rates)
