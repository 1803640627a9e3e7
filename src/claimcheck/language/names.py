"""Find entity mentions in text by their names and aliases, exactly or with a typo (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from claimcheck.language.dates import DateSpan, parse_iso
from claimcheck.language.lexicon import STOPWORDS
from claimcheck.language.normalize import fold
from claimcheck.models import NamePeriod

FUZZY_CUTOFF = 90.0
FUZZY_MIN_LENGTH = 6  # shorter names are too easy to hit by accident

# Words with their inner punctuation ("u.s", "16+1", "china's", "17+"); hyphens split words, and
# n-grams are joined without a separator, so "CH-92A", "CH 92A" and "CH92A" all read "ch92a".
_TOKEN = re.compile(r"[a-z0-9]+(?:[.+&'][a-z0-9]+)*\+?|\+")  # a lone '+': '16 + 1' is '16+1'


@dataclass(frozen=True)
class EntityMention:
    entity_id: str
    start: int  # span in the folded text
    end: int
    exact: bool = True


def _key(token: str) -> str:
    """'CH-92A', 'CH 92A' and 'CH92A' meet; so do 'U.S.' and 'US', 'China's' and 'China'."""
    return token.removesuffix("'s").replace("-", "").replace(".", "").replace("'", "")


class EntityMatcher:
    """Matches word n-grams against a table of names: no giant regex to compile per run."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]]):
        """`names`: (entity id, its name and aliases) pairs."""
        self._owner: dict[str, str] = {}
        fuzzy: dict[str, str] = {}
        for entity_id, entity_names in names:
            for name in entity_names:
                tokens = _TOKEN.findall(fold(name))
                if not tokens:
                    continue
                self._owner.setdefault("".join(map(_key, tokens)), entity_id)
                spaced = " ".join(tokens)
                if len(spaced) >= FUZZY_MIN_LENGTH:
                    fuzzy.setdefault(spaced, entity_id)
        self._fuzzy = fuzzy
        self._fuzzy_names = list(fuzzy)
        # Every prefix of every key: a walk over the words stops as soon as none can follow.
        self._prefixes = {key[:n] for key in self._owner for n in range(1, len(key) + 1)}

    def find(self, text: str, *, folded: bool = False, fuzzy: bool = False) -> list[EntityMention]:
        """Longest-first, non-overlapping mentions; `fuzzy` also tries typo'd words."""
        text = text if folded else fold(text)
        tokens = list(_TOKEN.finditer(text))
        keys = [_key(t.group(0)) for t in tokens]
        mentions: list[EntityMention] = []
        unmatched: list[list[re.Match[str]]] = [[]]
        i = 0
        while i < len(tokens):
            key, best = "", None
            for j in range(i, len(tokens)):
                key += keys[j]
                if key not in self._prefixes:
                    break
                if key in self._owner:
                    best = (j, self._owner[key])  # the longest name wins
            if best is None:
                unmatched[-1].append(tokens[i])
                i += 1
                continue
            last, owner = best
            mentions.append(EntityMention(owner, tokens[i].start(), tokens[last].end()))
            unmatched.append([])
            i = last + 1
        if fuzzy and self._fuzzy_names:
            for run in unmatched:
                mentions.extend(self._fuzzy_in(text, run))
        return sorted(mentions, key=lambda m: m.start)

    def _fuzzy_in(self, text: str, tokens: list[re.Match[str]]) -> list[EntityMention]:
        found: list[EntityMention] = []
        used: set[int] = set()
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                window = range(i, i + size)
                if used.intersection(window) or tokens[i].group(0) in STOPWORDS:
                    continue
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                phrase = " ".join(t.group(0) for t in tokens[i : i + size])
                if len(phrase) < FUZZY_MIN_LENGTH - 1 or "\n" in text[start:end]:
                    continue
                best = process.extractOne(
                    phrase, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if best is not None:
                    found.append(EntityMention(self._fuzzy[best[0]], start, end, exact=False))
                    used.update(window)
        return found


# --- names in time -------------------------------------------------------------------------


def period_span(period: NamePeriod) -> DateSpan | None:
    """The days a name was in use: from the start of `start` to the end of `until` (a name
    given up in May 2021 may still be written that month), open-ended while still in use.
    None when a date is none the calendar has (`lint` says so)."""
    start, until = parse_iso(period.start), parse_iso(period.until) if period.until else None
    if start is None or (period.until and until is None):
        return None
    return DateSpan(start.lo, until.hi if until is not None else date.max, start.precision)


def name_used(words: str, periods: Iterable[NamePeriod]) -> str | None:
    """Which of the names in time the (folded) words of a mention use: "the 17+1 initiative"
    uses 17+1."""
    return which_name(words, (period.name for period in periods))


_PLUS = re.compile(r"\s*\+\s*")  # "16 + 1" is written "16+1" too


def which_name(words: str, names: Iterable[str]) -> str | None:
    """The first of `names` whose words the (folded) words of a mention contain."""
    tokens = set(_TOKEN.findall(_PLUS.sub("+", words)))
    for name in names:
        if set(_TOKEN.findall(_PLUS.sub("+", fold(name)))) <= tokens:
            return name
    return None


def held_at(name: str, periods: Iterable[NamePeriod], span: DateSpan) -> bool:
    """Whether `name` was in use at any time of `span`."""
    spans = (period_span(p) for p in periods if p.name == name)
    return any(held is not None and held.overlaps(span) for held in spans)


def when_in_use(name: str, periods: Iterable[NamePeriod]) -> str:
    """'from 2019-04 until 2021-05', or several such periods joined."""
    return " and ".join(
        f"from {p.start}" + (f" until {p.until}" if p.until else "")
        for p in periods
        if p.name == name
    )


def start_of(periods: Sequence[NamePeriod]) -> DateSpan | None:
    """When the entity began, as far as its names tell: the start of its first name."""
    starts = [span for span in (parse_iso(p.start) for p in periods) if span is not None]
    return min(starts, key=lambda span: span.lo, default=None)


# A text that says what a thing was called when it began ("initially named 14+1"), and one that
# tells its beginning ("the 17+1 initiative launched in 2012"): shared by verify's rule of a
# name at its start and by conflicts.
INITIALLY = re.compile(r"\b(initially|originally|at first|first (?:called|named))\b")
BEGUN = re.compile(r"\b(launched|inaugurated|founded|established|set up|created|formed|started)\b")


def name_at_start(
    folded: str, mentions: Iterable[tuple[str, str]], periods: Mapping[str, Sequence[NamePeriod]]
) -> tuple[str, str] | None:
    """(entity, name) when the (folded) text says what an entity with names in time was
    called at its start ("initially it was named 14+1"); `mentions`: (entity, words) pairs."""
    if not INITIALLY.search(folded):
        return None
    for entity, words in mentions:
        if entity in periods and (name := name_used(words, periods[entity])) is not None:
            return entity, name
    return None
