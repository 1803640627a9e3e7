"""Find entity mentions in text by their names and aliases, exactly or with a typo (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimcheck.normalize import STOPWORDS, fold

FUZZY_CUTOFF = 90.0
FUZZY_MIN_LENGTH = 6  # shorter names are too easy to hit by accident


@dataclass(frozen=True)
class EntityMention:
    entity_id: str
    start: int  # span in the folded text
    end: int
    exact: bool = True


def _variants(name: str) -> set[str]:
    """'CH-92A' is also typed 'CH 92A' and 'CH92A'."""
    folded = " ".join(fold(name).split())
    return {folded, folded.replace("-", " "), folded.replace("-", "")} - {""}


class EntityMatcher:
    def __init__(self, names: Iterable[tuple[str, Iterable[str]]]):
        """`names`: (entity id, its name and aliases) pairs."""
        self._owner: dict[str, str] = {}
        for entity_id, entity_names in names:
            for name in entity_names:
                for variant in _variants(name):
                    self._owner.setdefault(variant, entity_id)
        alternatives = "|".join(re.escape(v) for v in sorted(self._owner, key=len, reverse=True))
        self._pattern = (
            re.compile(rf"(?<![\w+])(?:{alternatives})(?![\w+])") if alternatives else None
        )
        self._fuzzy_names = [v for v in self._owner if len(v) >= FUZZY_MIN_LENGTH]

    def find(self, text: str, *, folded: bool = False, fuzzy: bool = False) -> list[EntityMention]:
        """Longest-first, non-overlapping mentions; `fuzzy` also tries typo'd words."""
        text = text if folded else fold(text)
        mentions: list[EntityMention] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(text):
                mentions.append(
                    EntityMention(self._owner[match.group(0)], match.start(), match.end())
                )
        if fuzzy and self._fuzzy_names:
            mentions.extend(self._fuzzy(text, [(m.start, m.end) for m in mentions]))
        return sorted(mentions, key=lambda m: m.start)

    def _fuzzy(self, text: str, taken: list[tuple[int, int]]) -> list[EntityMention]:
        tokens = [
            m for m in re.finditer(r"[\w'-]+", text)
            if not any(s < m.end() and m.start() < e for s, e in taken)
        ]  # fmt: skip
        found: list[EntityMention] = []
        used: set[int] = set()
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                window = tokens[i : i + size]
                if any(id(t) in used for t in window) or window[0].group(0) in STOPWORDS:
                    continue
                start, end = window[0].start(), window[-1].end()
                if text[start:end].count("\n"):
                    continue
                best = process.extractOne(
                    text[start:end], self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if best is not None:
                    found.append(EntityMention(self._owner[best[0]], start, end, exact=False))
                    used.update(id(t) for t in window)
        return found
