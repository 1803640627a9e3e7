"""Firsts: what a text says was the first of its kind ("the first joint exercises held between
China and Serbia", "their first military drill in 2020", "the first time Chinese and Serbian
troops trained jointly"). Two texts that date the first of one kind among the same parties
differently cannot both be right, however differently they word it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Kinds of event whose first is news, each with the words that tell it (nouns and verbs: "the
# first joint training", "trained together for the first time").
_KIND_WORDS = {
    "exercise": "exercise exercises drill drills training trainings train trained trains "
    "manoeuvre manoeuvres maneuver maneuvers",
    "patrol": "patrol patrols patrolled patrolling",
    "visit": "visit visits visited trip trips",
    "delivery": "delivery deliveries delivered shipment shipments",
    "summit": "summit summits",
    # a beginning: "the first security cooperation agreement", "collaboration started with"
    "cooperation": "cooperation collaboration partnership",
}
# A first visit is someone's to somewhere: who and where must both match. The others are joint.
DIRECTED_FIRSTS = frozenset({"visit", "delivery"})
KIND_OF_WORD = {word: kind for kind, words in _KIND_WORDS.items() for word in words.split()}
# Who took part, when the phrase says it: the first police exercise is not the first military
# drill.
_FIELD_WORDS = {
    "police": "police policemen",
    "military": "military army armies militaries troops soldiers defence defense",
    "naval": "naval navy navies",
    "counterterrorism": "counterterrorism counter-terrorism anti-terrorism anti-terror "
    "anti-terrorist counter-terrorist",
    "security": "security",
    "economic": "economic economy trade",
}
_FIELD_OF_WORD = {word: field for field, words in _FIELD_WORDS.items() for word in words.split()}


class First(NamedTuple):
    kind: str  # "exercise", "visit", ...
    field: str | None  # "police", "military", ... when the phrase says


# "the first joint exercise", "the first such drill": a few words may stand between "first" and
# the kind; after "the first time" the doer comes first ("the first time Chinese and Serbian
# troops trained"). "for the first time" follows what it tells ("visited China for the first
# time"). Words only: a comma or a full stop ends the phrase.
_FIRST = re.compile(r"\bfirst\s+(time\s+)?((?:[\w'-]+\s+){0,5}[\w'-]+)")
_FOR_THE_FIRST_TIME = re.compile(r"((?:[\w'-]+\s+){0,6})for\s+the\s+first\s+time\b")
_BEFORE_THE_KIND = 3  # words between "first" and the kind, outside "the first time ..."
# A beginning is a first too: "security collaboration officially started with the MoU".
_BEGAN = re.compile(
    r"((?:[\w'-]+\s+){0,4}?)(?:cooperation|collaboration|partnership)(?:\s+[\w'-]+){0,4}?\s+"
    r"(?:has\s+|had\s+)?(?:officially\s+|formally\s+)?(?:started|began|begun|commenced)\b"
    r"(?!\s+to\b)"  # "began to grow" tells no beginning
)


def firsts(folded: str) -> frozenset[First]:
    """What the (folded) text says were the first of their kind."""
    found: set[First] = set()
    for match in _FIRST.finditer(folded):
        words = match.group(2).split()
        reach = len(words) if match.group(1) else _BEFORE_THE_KIND + 1
        found.update(_told(words[:reach]))
    for match in _FOR_THE_FIRST_TIME.finditer(folded):
        found.update(_told(match.group(1).split()))
    for match in _BEGAN.finditer(folded):
        found.update(_told([*match.group(1).split(), "cooperation"]))
    return frozenset(found)


def _told(words: list[str]) -> Iterator[First]:
    """The first kind the phrase names, with the field of the words up to it."""
    for i, word in enumerate(words):
        if word in KIND_OF_WORD:
            fields = {_FIELD_OF_WORD[w] for w in words[:i] if w in _FIELD_OF_WORD}
            yield First(KIND_OF_WORD[word], fields.pop() if len(fields) == 1 else None)
            return


def same_firsts(one: frozenset[First], other: frozenset[First]) -> set[str]:
    """The kinds both tell the first of, where neither gives another field than the other."""
    return {
        a.kind
        for a in one
        for b in other
        if a.kind == b.kind and (a.field is None or b.field is None or a.field == b.field)
    }
