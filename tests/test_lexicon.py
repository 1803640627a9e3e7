"""The lexicon: one place for every word list, each word with its roles, no list cancelling
another."""

from __future__ import annotations

from collections import Counter

from claimcheck.language.lexicon import PREDICATE_GROUPS, predicate_group, roles


def test_a_word_tells_at_most_one_kind_of_event() -> None:
    counts = Counter(word for words in PREDICATE_GROUPS.values() for word in words)
    assert [word for word, n in counts.items() if n > 1] == []


def test_auxiliaries_tell_no_kind_of_event() -> None:
    # "has/have/had" were once in the acquire group, and two other lists existed to cancel that
    for word in "has have had is are was were be been do did".split():
        assert predicate_group(word) is None, word
        assert not any(role.startswith("event:") for role in roles(word)), word


def test_roles_name_every_list_a_word_is_in() -> None:
    assert roles("delivered") == ["event:acquire", "transfer verb", "handed over"]
    assert roles("not") == ["function word", "ranking stop word", "negation"]
    assert roles("drone") == []
