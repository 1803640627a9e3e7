"""Dates as people write them, read as intervals so that two dates compare at the precision
both sides have: "2020" contains "June 2020"; "June 2020" and "July 2020" are disjoint (pure)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claimcheck.language.normalize import fold
from claimcheck.language.spans import Spans

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_NAMES = frozenset(name.lower() for name in calendar.month_name if name)
DAY_NAMES = frozenset(name.lower() for name in calendar.day_name)
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_PART = (
    r"(?P<part>early|mid|middle of|late|end of|the end of|end|beginning of|the beginning of|start of"
    r"|the start of|first half of|the first half of|second half of|the second half of"
    r"|spring|summer|autumn|fall|winter|spring of|summer of|autumn of|fall of|winter of)"
)
_QUARTER = r"(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of"

_PATTERNS = [
    # 2020-06-15
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    # 21 March 2020, 21st of March, 2020
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<y>{_YEAR})\b"
    ),
    # March 21, 2020
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b"),
    # (mid-)May 2018, (the end of) June 2020
    re.compile(rf"(?:\b{_PART}[\s-]+)?\b(?P<mon>{_MONTH})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    # 2017/2018, 2017-2018, 2017-18, 2017–18, between 2003 and 2012, from 2003 to 2012
    re.compile(rf"\b(?P<y>{_YEAR})\s*(?:/|-|–)\s*(?P<y2>{_YEAR}|\d\d)\b(?!-)"),
    re.compile(rf"\b(?:between|from)\s+(?P<y>{_YEAR})\s+(?:and|to|until)\s+(?P<y2>{_YEAR})\b"),
    # the first quarter of 2021, late 2019, 2019
    re.compile(rf"(?:\b{_QUARTER}\s+|\b{_PART}[\s-]+)?\b(?P<y>{_YEAR})\b(?!\s*(?:%|percent))"),
]
_BOUND_BEFORE = re.compile(
    r"\b(?P<bound>by|before|after|since|until|till|prior to|no later than|from)\s+(?:the\s+)?$"
)
_BOUNDS = {
    "by": "by", "no later than": "by", "before": "before", "prior to": "before", "after": "after",
    "since": "since", "from": "since", "until": "until", "till": "until",
}  # fmt: skip


@dataclass(frozen=True)
class DateSpan:
    """A closed interval of days; open-ended on one side for "by", "since" and the like."""

    lo: date
    hi: date
    precision: str  # "year", "month", "day" (the finest unit the text gave)
    start: int = 0  # span in the (folded) text it was read from
    end: int = 0

    def overlaps(self, other: DateSpan) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def describe(self) -> str:
        if self.lo == date.min:
            return f"by {self.hi.isoformat()}"
        if self.hi == date.max:
            return f"since {self.lo.isoformat()}"
        return self.lo.isoformat() if self.lo == self.hi else f"{self.lo}..{self.hi}"


# "on October 5", "May 8", "the 21st of March": a day of a month, with no year next to it
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH}))\b(?!,?\s*(?:{_YEAR}|\d))"
)


# "in June", "late June", "by mid-March": a month with a word that only takes a time before it
# (so that "may" the verb is never a month), and no year after it
_MONTH_OF_YEAR = re.compile(
    rf"\b(?:in|during|since|by|until|early|late|mid|end of|beginning of)[\s-]+(?P<mon>{_MONTH})\b"
    rf"(?!\.?\s*\d)(?!,?\s*{_YEAR})"
)


@dataclass(frozen=True)
class YearlessDay:
    """A day or a month written without a year ("on March 1", "in late June"): it can still
    differ from a claim's day or month."""

    month: int
    day: int | None  # None: the whole month
    start: int
    end: int


def days_of_months(text: str, *, folded: bool = False) -> list[YearlessDay]:
    """The days and months written without a year ("on October 5", "in late June"): dates,
    never counts."""
    text = text if folded else fold(text)
    found = []
    for match in _DAY_OF_MONTH.finditer(text):
        month = _MONTHS[match.group("mon") or match.group("mon2")]
        day = int(match.group("d") or match.group("d2"))
        if 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: February 29 exists
            found.append(YearlessDay(month, day, match.start(), match.end()))
    days = Spans((d.start, d.end) for d in found)
    for match in _MONTH_OF_YEAR.finditer(text):
        if not days.overlaps(match.start("mon"), match.end("mon")):
            month = _MONTHS[match.group("mon")]
            found.append(YearlessDay(month, None, match.start("mon"), match.end("mon")))
    return sorted(found, key=lambda d: d.start)


def find_dates(text: str, *, folded: bool = False) -> list[DateSpan]:
    """Every date the text states, earliest pattern first, never two for the same words. A day
    written without a year ("In the early hours of May 8 (Beijing time), 1999") takes the year
    of the text when it gives exactly one."""
    text = text if folded else fold(text)
    found = _in_its_clause(text, _find_dates(text))
    years = {d.lo.year for d in found if d.lo != date.min and d.lo.year == d.hi.year}
    if len(years) == 1:
        (year,) = years
        taken = Spans((d.start, d.end) for d in found)
        for match in _DAY_OF_MONTH.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            month = _MONTHS[match.group("mon") or match.group("mon2")]
            try:
                day = date(year, month, int(match.group("d") or match.group("d2")))
            except ValueError:
                continue
            found.append(DateSpan(day, day, "day", match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


# "Since signing a partnership with China in 2016, Serbia has purchased drones": the year dates
# the clause's own event; for the sentence's, it is a lower bound.
_LEADING_CLAUSE = re.compile(r"^\W*(?P<word>since|after|following)\b[^,;:]*,")


def _in_its_clause(text: str, found: list[DateSpan]) -> list[DateSpan]:
    clause = _LEADING_CLAUSE.match(text)
    if clause is None:
        return found
    bound = "since" if clause.group("word") == "since" else "after"
    return [_at(_bounded(d, bound), d.start, d.end) if d.start < clause.end() else d for d in found]


def _find_dates(text: str) -> list[DateSpan]:
    found: list[DateSpan] = []
    taken = Spans()
    for pattern in _PATTERNS:
        # one pattern's matches never overlap each other: they join `taken` after the pattern,
        # so that its spans are sorted once a pattern, not once a match
        added: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            if _is_count(text, match):
                continue
            span = _read(match)
            if span is None:
                continue
            bound = _BOUND_BEFORE.search(text[max(0, match.start() - 25) : match.start()])
            if bound:
                span = _bounded(span, _BOUNDS[bound.group("bound")])
            found.append(_at(span, match.start(), match.end()))
            added.append((match.start(), match.end()))
        for start, end in added:
            taken.add(start, end)
    return found


@lru_cache(maxsize=65536)
def parse_iso(value: str, bound: str | None = None) -> DateSpan | None:
    """A claim's date facet: "2020", "2020-06", "2020-06-15" or an interval "2017/2018"."""
    first, _, second = value.partition("/")
    lo = _iso_span(first)
    hi = _iso_span(second) if second else lo
    if lo is None or hi is None:
        return None
    span = DateSpan(lo.lo, hi.hi, lo.precision)
    return _bounded(span, bound) if bound else span


def impossible_iso(value: str) -> str | None:
    """Why an ISO date as the claims format writes it ("2020", "2020-06", "2020-06-15", an
    interval "2017/2018") cannot be: a 13th month, a 30th of February, an interval that ends
    before it starts. None when it can be, or when it is not written that way at all."""
    if not _ISO_SHAPE.match(value):
        return None
    first, _, second = value.partition("/")
    for part in filter(None, (first, second)):
        if _iso_span(part) is None:
            return f"{part} is not a date in the calendar"
    lo, hi = _iso_span(first), _iso_span(second) if second else None
    if lo is not None and hi is not None and hi.hi < lo.lo:
        return f"{value} ends before it starts"
    return None


_ISO_SHAPE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def _iso_span(value: str) -> DateSpan | None:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return _year(numbers[0])
        if len(numbers) == 2:
            return _month(numbers[0], numbers[1])
        if len(numbers) == 3:
            day = date(numbers[0], numbers[1], numbers[2])
            return DateSpan(day, day, "day")
    except ValueError:
        return None
    return None


def _year(year: int) -> DateSpan:
    return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")


def _month(year: int, month: int) -> DateSpan:
    return DateSpan(
        date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    )


def _is_count(text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number followed by a plural noun is a count ("2000 cameras"), unless
    a word that only takes a time comes before it ("launched in 2012 plays a role")."""
    after = re.match(r"\s+([a-z]+)", text[match.end() :])
    return bool(
        match.group(0).isdigit()
        and not re.search(
            r"\b(?:in|since|until|during)\s+$", text[max(0, match.start() - 12) : match.start()]
        )
        and after
        and after.group(1).endswith("s")
        and after.group(1) not in {"was", "is", "has", "as", "its", "this"}
        and len(after.group(1)) > 3
    )


def _read(match: re.Match[str]) -> DateSpan | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    try:
        year = int(groups["y"])
        if "mon" in groups:
            month = _MONTHS[groups["mon"]]
            if "d" in groups:
                day = date(year, month, int(groups["d"]))
                return DateSpan(day, day, "day")
            if "m" not in groups:
                return _narrow(_month(year, month), groups.get("part"))
        if "m" in groups:
            month = int(groups["m"])
            if "d" in groups:
                day = date(year, month, int(groups["d"]))
                return DateSpan(day, day, "day")
        if "y2" in groups:
            second = groups["y2"]
            end_year = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
            if end_year <= year:
                # "2020-06" is a month, not a range that ends before it starts
                return _month(year, int(second)) if len(second) == 2 else None
            return DateSpan(date(year, 1, 1), date(end_year, 12, 31), "year")
        if "quarter" in groups:
            quarter = "1234".index(groups["quarter"][0]) if groups["quarter"][0].isdigit() else [
                "first", "second", "third", "fourth"].index(groups["quarter"])  # fmt: skip
            lo = date(year, 3 * quarter + 1, 1)
            hi_month = 3 * quarter + 3
            return DateSpan(
                lo, date(year, hi_month, calendar.monthrange(year, hi_month)[1]), "month"
            )
        return _narrow(_year(year), groups.get("part"))
    except (ValueError, KeyError):
        return None


def _narrow(span: DateSpan, part: str | None) -> DateSpan:
    """'early', 'mid', 'late' take a third of a month or year; seasons take their months."""
    if part is None:
        return span
    part = part.removeprefix("the ").removesuffix(" of")
    if span.precision == "month":
        last = span.hi.day
        thirds = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
                  "middle": (11, 20), "late": (21, last), "end": (21, last)}  # fmt: skip
        if part in thirds:
            lo, hi = thirds[part]
            return DateSpan(span.lo.replace(day=lo), span.lo.replace(day=hi), "day")
        return span
    months = {
        "early": (1, 4), "beginning": (1, 3), "start": (1, 3), "mid": (5, 8), "middle": (5, 8),
        "late": (9, 12), "end": (10, 12), "first half": (1, 6), "second half": (7, 12),
        "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 2),
    }  # fmt: skip
    if part not in months:
        return span
    lo, hi = months[part]
    year = span.lo.year
    return DateSpan(_month(year, lo).lo, _month(year, hi).hi, "month")


def _bounded(span: DateSpan, bound: str) -> DateSpan:
    if bound == "by":
        return DateSpan(date.min, span.hi, span.precision)
    if bound == "before":
        return DateSpan(date.min, span.lo, span.precision)
    if bound in ("since", "after"):
        return DateSpan(span.lo, date.max, span.precision)
    if bound == "until":
        return DateSpan(date.min, span.hi, span.precision)
    if bound == "approx":
        pad = 366 if span.precision == "year" else 31
        return DateSpan(
            date.fromordinal(max(1, span.lo.toordinal() - pad)),
            date.fromordinal(min(date.max.toordinal(), span.hi.toordinal() + pad)),
            span.precision,
        )
    return span


def _at(span: DateSpan, start: int, end: int) -> DateSpan:
    return DateSpan(span.lo, span.hi, span.precision, start, end)
