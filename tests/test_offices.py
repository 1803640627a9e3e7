"""People's offices as a text gives them next to their names."""

from __future__ import annotations

import pytest

from claimcheck.language.names import EntityMatcher
from claimcheck.language.normalize import fold
from claimcheck.language.offices import Office, offices

MATCHER = EntityMatcher(
    [
        ("vulin", ["Aleksandar Vulin", "Vulin"]),
        ("chen-bo", ["Chen Bo", "Ambassador Chen Bo"]),
        ("wei", ["Wei Fenghe"]),
        ("ruritania", ["Ruritania"]),
    ]
)


def _offices(text: str) -> dict[str, Office]:
    folded = fold(text)
    return offices(folded, [(m.start, m.end, m.entity_id) for m in MATCHER.find(folded)])


@pytest.mark.parametrize(
    ("text", "who", "office"),
    [
        ("Defence Minister Aleksandar Vulin said", "vulin", Office("minister", "defence")),
        ("the Minister of Foreign Affairs of Ruritania, Alexander Vulin, said", "vulin",
         Office("minister", "foreign")),
        ("Chen Bo, China's defence attache in Ruritania, said", "chen-bo",
         Office("attache", "defence")),
        ("Chinese Ambassador Chen Bo said", "chen-bo", Office("ambassador")),  # in the name
        ("Ruritania's deputy prime minister Aleksandar Vulin said", "vulin",
         Office("prime minister", rank="deputy")),
    ],
)  # fmt: skip
def test_an_office_is_read_next_to_the_name(text: str, who: str, office: Office) -> None:
    assert _offices(text)[who] == office


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Vulin, who met Chinese Defence Minister Wei Fenghe, said", "vulin"),  # Wei's office
        ("former defence minister Aleksandar Vulin said", "vulin"),  # not the office held
        ("the Minister of Foreign Affairs of Ruritania said", "ruritania"),  # what it is of
        ("the military attache of the Ruritania", "ruritania"),
        ("on a visit to Ruritania, Defence Minister Aleksandar Vulin said", "ruritania"),
    ],
)
def test_no_office_is_given_where_the_text_gives_none(text: str, who: str) -> None:
    assert who not in _offices(text)


def test_offices_differ_by_head_rank_or_a_portfolio_both_give() -> None:
    defence = Office("minister", "defence")
    assert defence.differs(Office("minister", "foreign"))
    assert not defence.differs(Office("minister"))  # "the minister": any minister
    assert Office("prime minister").differs(Office("prime minister", rank="deputy"))
    assert Office("ambassador").differs(Office("attache", "defence"))
