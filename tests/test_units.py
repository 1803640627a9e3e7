"""Physical measures: read after a number, compared within one dimension in any unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.judge.verify import verify
from claimcheck.language.units import converted, dimension, unit_after
from claimcheck.models import Quantity, Verdict
from claimcheck.retrieve.index import open_index
from tests.conftest import claim_for, make_database
from tests.test_verify import ENTITIES


@pytest.mark.parametrize(
    ("following", "glued", "unit"),
    [
        (("km", "h", "and"), False, "km/h"),
        (("km", "per", "hour"), False, "km/hour"),
        (("kmph",), False, "kmph"),
        (("miles", "from"), False, "miles"),
        (("km-long", "section"), True, "km"),
        (("meters", "with", "a"), False, "meters"),
        (("square", "kilometers", "of"), False, "square kilometers"),
        (("drones", "in"), False, None),  # a count, not a measure
        (("points", "in"), False, None),  # pint's typographic point is no measure here
        (("in", "2019"), False, None),  # "in" is not inches
    ],
)
def test_the_unit_after_a_number(following: tuple[str, ...], glued: bool, unit: str | None) -> None:
    assert unit_after(following, glued) == unit


def test_units_have_dimensions_and_convert_as_intervals() -> None:
    assert dimension("km/h") == dimension("mph") == "[length] / [time]"
    assert dimension("km") == dimension("miles") == "[length]"
    assert dimension("drone") is None and dimension("percent") is None
    low, high = converted(Quantity(155, "miles"), "km").interval()
    assert low < 250 < high  # 155 miles, to the mile, may be 250 km
    assert converted(Quantity(124, "mph"), "km/h").interval()[1] > 199.6


@pytest.fixture
def wing_loong(tmp_path: Path):  # type: ignore[no-untyped-def]
    text = "The Falcon drones have a maximum speed of 200 km/h and a range of 4,000 km.\n"
    speed = claim_for(text, "The Falcon drones have a maximum speed of 200 km/h", "f-001",
                      subject="falcon", predicate="amounted_to",
                      quantity={"value": 200, "unit": "km/h"}, scope={"measure": "maximum speed"})  # fmt: skip
    return open_index(make_database(tmp_path, text=text, entities=ENTITIES, claims=[speed]))


def test_a_figure_in_other_units_is_converted(wing_loong) -> None:  # type: ignore[no-untyped-def]
    assert verify("The Falcon drones have a maximum speed of 124 mph", wing_loong).verdict is (
        Verdict.SUPPORTED
    )
    result = verify("The Falcon drones have a maximum speed of 155 mph", wing_loong)
    assert result.verdict is Verdict.CONTRADICTED
    assert "155 mph differs from 200 km/h" in " ".join(result.evidence[0].reasons)


def test_a_length_is_never_compared_with_a_speed(wing_loong) -> None:  # type: ignore[no-untyped-def]
    statement = "The Falcon drones have a maximum speed of about 250 kilometers"
    assert verify(statement, wing_loong).verdict is not Verdict.CONTRADICTED
