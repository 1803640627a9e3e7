"""Physical measures: the unit after a number ("155 miles", "200 km/h", "a 108 km-long
section"), read and converted by pint, so that a length meets a length in any unit and never a
speed.

pint takes a quarter of a second to load, so it is loaded only when a claim states a physical
figure: at index build, and when a statement is compared with such a claim.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from claimcheck.models import Quantity

if TYPE_CHECKING:
    import pint

# What a claim's figure may measure. Counts (drones, doses) are not pint units, and money is a
# currency; other dimensions (pint reads "point" as a length of type) are not read as measures.
DIMENSIONS = frozenset(
    {
        "[length]",
        "[length] / [time]",
        "[length] ** 2",
        "[length] ** 3",
        "[mass]",
        "[time]",
        "[length] ** 2 * [mass] / [time] ** 3",  # power: a plant's megawatts
    }
)
# Words pint reads as units that in running text are mostly something else ("in", "at" and
# "a" are inch, technical atmosphere and year; "point" and "line" are typographers' lengths).
_NOT_UNITS = frozenset("a an at in is it as by to of on or per point points line lines".split())


@cache
def _registry() -> pint.UnitRegistry[Any]:
    import pint

    registry: pint.UnitRegistry[Any] = pint.UnitRegistry()
    registry.define("kmph = kilometer / hour")  # pint would read kilo-mph
    return registry


@cache
def dimension(unit: str) -> str | None:
    """The dimension of a unit as a claims file writes it ("km/h": "[length] / [time]"), or
    None when it is not a physical measure ("drone", "percent")."""
    if not unit or unit.split()[0] in _NOT_UNITS:
        return None
    import pint

    try:
        parsed = _registry().parse_units(unit)
    except (pint.PintError, AttributeError, TypeError, ValueError, SyntaxError):
        return None
    found = str(parsed.dimensionality)
    return found if found in DIMENSIONS else None


def unit_after(following: tuple[str, ...], glued: bool) -> str | None:
    """The physical unit written after a number, from the words that follow it: ("km", "h")
    is km/h, ("km", "per", "hour") km/hour, ("km-long",) after a glued number is km."""
    words = list(following[:3])
    if not words:
        return None
    if glued:
        words[0] = words[0].split("-")[0]
    tries = []
    if len(words) > 2 and words[1] == "per":
        tries.append(f"{words[0]}/{words[2]}")
    if len(words) > 1:
        tries.append(f"{words[0]}/{words[1]}")
        if words[0] in ("square", "cubic"):
            tries.append(f"{words[0]} {words[1]}")
    tries.append(words[0])
    for unit in tries:
        if all(w not in _NOT_UNITS for w in unit.replace("/", " ").split()) and dimension(unit):
            return unit
    return None


def converted(quantity: Quantity, unit: str) -> Quantity:
    """The quantity in another unit of its dimension, as the interval its rounding allows:
    "155 miles" is 155 +- 0.5 miles, so 248.6 to 250.3 km."""
    registry = _registry()
    low, high = quantity.interval()
    factor = float(registry.Quantity(1.0, quantity.unit).to(unit).magnitude)
    if quantity.bound in ("exact", "approx", "range"):
        return Quantity(low * factor, unit, None, "range", high * factor)
    return Quantity(quantity.value * factor, unit, None, quantity.bound)
