"""Numbers, money, percentages and bounds; and how two amounts compare."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.judge.compare import Agreement, compare_amounts
from claimcheck.language.dates import DateSpan
from claimcheck.language.normalize import fold
from claimcheck.language.numbers import find_quantities, is_distinctive, is_increment
from claimcheck.models import Quantity


@pytest.mark.parametrize(
    ("text", "value", "bound", "unit", "currency"),
    [
        ("nine drones", 9, "exact", None, None),
        ("one thousand cameras", 1000, "exact", None, None),
        ("1,000 cameras", 1000, "exact", None, None),
        # thousands grouped by spaces, as much of Europe writes them
        ("a loan of USD 608 260 000", 608_260_000, "exact", None, "USD"),
        ("the jobs of its 5 050 workers", 5050, "exact", None, None),
        # a superlative is rank one
        ("the Union was the largest donor", 1, "exact", "rank", None),
        ("Ruritania's biggest exporter", 1, "exact", "rank", None),
        ("Zembla was the top donor", 1, "exact", "rank", None),
        ("more visitors than any other nationality", 1, "exact", "rank", None),
        ("the number one donor country", 1, "exact", "rank", None),
        ("$1.26 billion", 1.26e9, "exact", None, "USD"),
        ("USD 943 million", 943e6, "exact", None, "USD"),
        ("943 million dollars", 943e6, "exact", None, "USD"),
        ("1.3 trillion US dollars", 1.3e12, "exact", None, "USD"),
        ("€93 million", 93e6, "exact", None, "EUR"),
        ("a fifteen-fold rise", 15, "exact", "times", None),
        ("more than 70%", 70, "more_than", "percent", None),
        ("almost 70 per cent", 70, "less_than", "percent", None),
        ("around 145,000 tourists", 145000, "approx", None, None),
        ("at least 12 systems", 12, "at_least", None, None),
        ("exports doubled", 2, "exact", "times", None),
        ("second in Europe", 2, "exact", "rank", None),
        ("almost one-tenth of capacity", 10, "less_than", "percent", None),
        ("two fifths of voters", 40, "exact", "percent", None),
        ("more than four-fifths of exports", 80, "more_than", "percent", None),
        ("the fifth largest", 5, "exact", "rank", None),
        ("over 100,00026 visitors", 100000, "more_than", None, None),  # footnote 26 glued on
    ],
)
def test_find_quantities(text: str, value: float, bound: str, unit: str, currency: str) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.bound, q.unit, q.currency) == (pytest.approx(value), bound, unit, currency)


def test_a_fraction_word_before_a_hyphen_is_an_ordinal() -> None:
    assert "percent" not in {q.unit for q in find_quantities("four fifth-generation jets")}


def test_model_names_are_not_numbers() -> None:
    assert find_quantities("the CH-92A, the S-300, 5G and the 17+1 format") == []


def test_a_range_keeps_both_ends_and_its_scale() -> None:
    [q] = find_quantities("9 – 10 billion euros")
    assert (q.value, q.max, q.bound, q.currency) == (9e9, 10e9, "range", "EUR")


def test_a_range_may_be_written_with_a_bare_hyphen() -> None:
    [q] = find_quantities("9-10 billion euros")
    assert (q.value, q.max, q.bound, q.currency) == (9e9, 10e9, "range", "EUR")


def test_out_of_counts_the_part_not_the_whole() -> None:
    [q] = find_quantities("two out of three submarine cables")
    assert (q.value, q.following) == (2.0, ("submarine", "cables"))


def test_following_words_say_what_was_counted() -> None:
    [q] = find_quantities("six CH-92A drones arrived")
    assert q.following[:2] == ("ch-92a", "drones")


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        (Quantity(6), Quantity(9), Agreement.DISAGREE),
        (Quantity(6), Quantity(6), Agreement.AGREE),
        (
            Quantity(70, bound="more_than", unit="percent"),
            Quantity(80, bound="more_than", unit="percent"),
            Agreement.AGREE,
        ),
        (
            Quantity(70, bound="more_than", unit="percent"),
            Quantity(75, unit="percent"),
            Agreement.AGREE,
        ),
        (
            Quantity(70, bound="more_than", unit="percent"),
            Quantity(60, unit="percent"),
            Agreement.DISAGREE,
        ),
        (Quantity(70, bound="more_than"), Quantity(65), Agreement.DISAGREE),
        (Quantity(100000, bound="more_than"), Quantity(145000, bound="approx"), Agreement.AGREE),
        (Quantity(46, unit="percent"), Quantity(46.3, unit="percent"), Agreement.AGREE),
        (Quantity(1.26e9, currency="USD"), Quantity(1.262e9, currency="USD"), Agreement.AGREE),
        (Quantity(608e6, currency="USD"), Quantity(806e6, currency="USD"), Agreement.DISAGREE),
        (Quantity(93e6, currency="EUR"), Quantity(93e6, currency="USD"), Agreement.INCOMPARABLE),
        (Quantity(93e6, currency="EUR"), Quantity(93e6), Agreement.INCOMPARABLE),
        (
            Quantity(9e9, currency="EUR", bound="range", max=10e9),
            Quantity(9.5e9, currency="EUR"),
            Agreement.AGREE,
        ),
        (Quantity(10, bound="less_than"), Quantity(9.8), Agreement.AGREE),
        # a rounding step apart: the intervals touch, the written figures differ
        (Quantity(50, unit="percent"), Quantity(40, unit="percent"), Agreement.DISAGREE),
        (Quantity(1.5e6), Quantity(1.6e6), Agreement.DISAGREE),
        (Quantity(0), Quantity(0), Agreement.AGREE),
    ],
)
def test_compare_amounts(a: Quantity, b: Quantity, agreement: Agreement) -> None:
    assert compare_amounts(a, b) is agreement
    assert compare_amounts(b, a) is agreement  # symmetric


_2018 = DateSpan(date(2018, 1, 1), date(2018, 12, 31), "year")


@pytest.mark.parametrize(
    ("ours", "theirs", "when", "agreement"),
    [
        # EUR 950 million was USD 1.0-1.2 billion around 2018: it meets "about $1 billion"
        (Quantity(950e6, currency="EUR"), Quantity(1e9, currency="USD", bound="approx"), _2018,
         Agreement.AGREE),
        # a euro never bought less than a dollar then: the same number in both differs
        (Quantity(150e6, currency="USD"), Quantity(150e6, currency="EUR"), _2018,
         Agreement.DISAGREE),
        (Quantity(150e6, currency="USD"), Quantity(150e6, currency="EUR"), None,
         Agreement.INCOMPARABLE),  # no time, no rate
        (Quantity(150e6, currency="USD"), Quantity(150e6, currency="RSD"), _2018,
         Agreement.INCOMPARABLE),  # the central bank gives no rate for the dinar
        (Quantity(150e6, currency="USD"), Quantity(150e6), _2018, Agreement.INCOMPARABLE),
    ],
)  # fmt: skip
def test_amounts_in_two_currencies_meet_at_the_rates_of_their_time(
    ours: Quantity, theirs: Quantity, when: DateSpan | None, agreement: Agreement
) -> None:
    assert compare_amounts(ours, theirs, when) is agreement


@given(st.text(max_size=300))
def test_find_quantities_never_crashes(text: str) -> None:
    for q in find_quantities(text):
        assert q.start <= q.end


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_thousands_separators_round_trip(n: int) -> None:
    [q] = find_quantities(f"{n:,} items")
    assert q.value == n


@pytest.mark.parametrize(
    "text",
    [
        "one of the largest exporters",
        "among the biggest investors",
        "a larger share",
        "the top-ranked",
        "at one point",  # nor is "one" that counts nothing
        "one day",
    ],
)
def test_one_of_the_largest_is_no_rank(text: str) -> None:
    assert find_quantities(text) == []


def test_the_top_few_are_a_count_not_rank_one() -> None:
    assert [(q.value, q.unit) for q in find_quantities("the top ten donors")] == [(10, None)]


@pytest.mark.parametrize(
    ("text", "describes"),
    [
        ("the Union was the largest donor", False),
        ("Zembla was the second-largest donor", False),
        ("the first major project in Capitalia", True),
        ("the bridge was the first major project in Capitalia", False),
        ("Ruritania became the first European country to buy Falcon drones", True),
    ],
)
def test_a_rank_after_a_form_of_be_is_asserted(text: str, describes: bool) -> None:
    from claimcheck.language.normalize import fold
    from claimcheck.language.numbers import describes as describing

    folded = fold(text)
    [rank] = [q for q in find_quantities(folded, folded=True) if q.unit == "rank"]
    assert describing(folded, rank) is describes


@pytest.mark.parametrize(
    ("text", "increment"),
    [
        ("Serbia agreed to procure an additional 2 million doses", True),
        ("another batch of 15 drones arrived", True),
        ("Serbia might buy 15 more", True),
        ("Serbia received two million doses", False),
        ("more than 15 drones were bought", False),
        ("Serbia bought 15 drones, more than planned", False),
        ("another report says 15 drones came", False),
    ],
)
def test_a_figure_on_top_of_an_earlier_one_is_an_increment(text: str, increment: bool) -> None:
    folded = fold(text)
    [mention] = find_quantities(folded, folded=True)
    assert is_increment(folded, mention) is increment


@pytest.mark.parametrize(
    ("value", "distinctive"),
    [(943e6, True), (5.2e6, True), (1004, True), (3e8, False), (1.5e6, False), (25, False)],
)
def test_a_figure_is_distinctive_when_chance_would_rarely_repeat_it(
    value: float, distinctive: bool
) -> None:
    assert is_distinctive(value) is distinctive
