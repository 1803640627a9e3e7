"""Dates in the forms people write, read as intervals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.judge.compare import Agreement, compare_dates
from claimcheck.language.dates import find_dates, parse_iso


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("June 2020", "2020-06-01", "2020-06-30"),
        ("on 2 January 1955", "1955-01-02", "1955-01-02"),
        ("January 2, 1955", "1955-01-02", "1955-01-02"),
        ("21st of March, 2020", "2020-03-21", "2020-03-21"),
        ("mid-May 2018", "2018-05-11", "2018-05-20"),
        ("late 2019", "2019-09-01", "2019-12-31"),
        ("2017-18", "2017-01-01", "2018-12-31"),
        ("2017/2018", "2017-01-01", "2018-12-31"),
        ("between 2003 and 2012", "2003-01-01", "2012-12-31"),
        ("the first quarter of 2021", "2021-01-01", "2021-03-31"),
        ("in 2013", "2013-01-01", "2013-12-31"),
        ("2020-06-15", "2020-06-15", "2020-06-15"),
        ("2020-06", "2020-06-01", "2020-06-30"),
        ("by the end of 2019", "0001-01-01", "2019-12-31"),
        ("since 2009", "2009-01-01", "9999-12-31"),
        # a year in a leading "since/after ..." clause dates that clause's event: for the
        # sentence's own, it is a lower bound
        (
            "Since signing a partnership in 2016, Serbia has bought drones",
            "2016-01-01",
            "9999-12-31",
        ),
        ("Following the 2014 summit, loans grew", "2014-01-01", "9999-12-31"),
        ("Serbia bought drones in 2019, after long talks", "2019-01-01", "2019-12-31"),
    ],
)
def test_find_dates(text: str, lo: str, hi: str) -> None:
    [span] = find_dates(text)
    assert (span.lo.isoformat(), span.hi.isoformat()) == (lo, hi)


def test_a_four_digit_count_is_not_a_year() -> None:
    assert find_dates("Huawei installed 2000 cameras") == []
    # ... but after a word that only takes a time it is one, whatever follows
    [launched] = find_dates("the initiative launched in 2012 plays a role")
    assert launched.lo.isoformat() == "2012-01-01"


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("2020", "June 2020", Agreement.AGREE),
        ("June 2020", "July 2020", Agreement.DISAGREE),
        ("August 2020", "2019", Agreement.DISAGREE),
        ("2017-18", "2018", Agreement.AGREE),
        ("by the end of 2019", "March 2019", Agreement.AGREE),
        ("by the end of 2019", "2020", Agreement.DISAGREE),
        ("21 March 2020", "March 21, 2020", Agreement.AGREE),
        ("21 March 2020", "21 March 2021", Agreement.DISAGREE),
        ("by 2025", "by 2030", Agreement.DISAGREE),  # two deadlines, not two intervals
        ("by 2021", "by mid-2021", Agreement.AGREE),
        ("since 2016", "since 2017", Agreement.DISAGREE),
    ],
)
def test_dates_compare_at_the_precision_both_have(a: str, b: str, agreement: Agreement) -> None:
    [first], [second] = find_dates(a), find_dates(b)
    assert compare_dates(first, second) is agreement


def test_claim_facets_parse_with_their_bound() -> None:
    span = parse_iso("2019", "by")
    assert span is not None and span.lo == date.min and span.hi == date(2019, 12, 31)
    assert parse_iso("2019-02-30") is None


@given(st.text(max_size=200))
def test_find_dates_never_crashes(text: str) -> None:
    for span in find_dates(text):
        assert span.lo <= span.hi


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_iso_and_written_forms_round_trip(day: date) -> None:
    written = f"{day.day} {day.strftime('%B')} {day.year}"
    [span] = find_dates(written)
    assert span.lo == span.hi == day
    assert parse_iso(day.isoformat()) == parse_iso(day.isoformat())
    parsed = parse_iso(day.isoformat())
    assert parsed is not None and parsed.lo == day
