"""Numbers in digits and words, money scales, and text folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.language.normalize import (
    abbreviations,
    fold,
    initials,
    spelled_out,
    stem,
    words,
)
from claimcheck.language.numbers import numbers_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbia bought nine Wing Loong", [9]),
        ("one thousand cameras", [1000]),
        ("1,000 cameras", [1000]),
        ("$1.26 billion", [1.26e9]),
        ("USD 943 million", [943e6]),
        ("€93 million", [93e6]),
        ("a fifteen-fold increase", [15]),
        ("more than 70%", [70]),
        ("twenty-five drones", [25]),
        ("two hundred and fifty", [250]),
        ("ranked second behind Germany", [2]),
        ("doubled to over 100,000", [2, 100000]),
        ("9 – 10 billion euros", [9e9, 10e9]),
        ("no numbers here", []),
    ],
)
def test_numbers_in(text: str, expected: list[float]) -> None:
    assert numbers_in(text) == pytest.approx(expected)


def test_fold_removes_diacritics_and_typographic_marks() -> None:
    assert fold("Vučić") == "vucic"
    assert fold("Đorđević") == "djordjevic"
    assert fold("Niš – “Beograd”’s") == 'nis - "beograd"\'s'


@given(st.text(max_size=300))
def test_numbers_in_never_crashes(text: str) -> None:
    assert all(isinstance(n, float) for n in numbers_in(text))


def test_irregular_pasts_and_near_synonyms_meet() -> None:
    assert stem("gave") == stem("give") == stem("provided")
    assert stem("thought") == stem("believed")
    assert stem("landed") == stem("arrived")
    assert stem("trip") == stem("visit")
    assert stem("bought") == stem("purchase")
    assert stem("found") != stem("find")  # "found a company": left alone
    assert stem("donors") == stem("donated") and stem("investor") == stem("investment")


@pytest.mark.parametrize(
    ("abbreviation", "text", "expected"),
    [
        ("uav", "the unmanned aerial vehicles Serbia bought", ("unmanned", "aerial", "vehicles")),
        ("icj", "the International Court of Justice ruled", ("international", "court", "justice")),
        ("gdp", "15% of gross domestic product", ("gross", "domestic", "product")),
        ("gdp", "domestic gross product", ()),  # the initials must spell it, in order
        ("fta", "a free agreement on trade", ()),
    ],
)
def test_an_abbreviation_is_spelled_out_by_the_initials_of_words_in_a_row(
    abbreviation: str, text: str, expected: tuple[str, ...]
) -> None:
    assert spelled_out(abbreviation, initials(words(text))) == expected


def test_abbreviations_are_words_in_capitals_without_their_plural() -> None:
    assert abbreviations("Serbia flies CH-92A UAVs; GDP grew. China said so.") == {
        "ch",
        "uav",
        "gdp",
    }
