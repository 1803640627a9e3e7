"""People's offices as a text gives them, next to their names: "Defence Minister Aleksandar
Vulin", "the Minister of Foreign Affairs of Serbia, Alexander Vulin", "Chen Bo, China's
ambassador to Serbia,". Two texts that give one person two offices at one event disagree (pure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The office itself, and the words that say which one or how high
_HEADS = {
    "minister": "minister",
    "president": "president",
    "premier": "prime minister",
    "ambassador": "ambassador",
    "attache": "attache",
    "chairman": "chairman",
}
_PORTFOLIOS = {
    "defence": "defence",
    "defense": "defence",
    "foreign": "foreign",
    "interior": "interior",
    "finance": "finance",
    "health": "health",
    "trade": "trade",
    "tourism": "tourism",
    "economy": "economy",
    "education": "education",
    "justice": "justice",
    "construction": "construction",
    "energy": "energy",
}
_RANKS = frozenset({"deputy", "assistant", "vice"})
# Words that may stand between an office and its holder's name, or open an appositive
_GLUE = frozenset({"the", "his", "her", "its", "then", "acting", "of", "affairs", "prime"})
_ANY_HEAD = re.compile("|".join(_HEADS))
_TOKEN = re.compile(r"[a-z]+(?:'s)?")
_CLAUSE_END = re.compile(r"[,.;:()]")


@dataclass(frozen=True)
class Office:
    head: str  # minister, prime minister, president, ambassador, attache, chairman
    portfolio: str | None = None  # defence, foreign, ...
    rank: str | None = None  # deputy, assistant, vice

    def differs(self, other: Office) -> bool:
        """Another office: another head or rank, or another portfolio when both give one ("the
        minister" is any minister)."""
        if (self.head, self.rank) != (other.head, other.rank):
            return True
        return None not in (self.portfolio, other.portfolio) and self.portfolio != other.portfolio

    def describe(self) -> str:
        return " ".join(w for w in (self.rank, self.portfolio, self.head) if w)


def offices(folded: str, names: Iterable[tuple[int, int, str]]) -> dict[str, Office]:
    """The office the (folded) text gives each named entity right before its name ("defence
    minister Aleksandar Vulin", "the minister of foreign affairs of Serbia, Alexander Vulin") or
    in an appositive right after it ("Chen Bo, China's defence attache in Belgrade,"); `names`
    are (start, end, entity). A former office is not the one held: "former" gives none."""
    found: dict[str, Office] = {}
    if _ANY_HEAD.search(folded) is None:
        return found  # most texts give no office: read none of their names' surroundings
    named = list(names)
    starts = {start for start, _, _ in named}
    for start, end, entity in named:
        # a name may carry its office ("Ambassador Chen Bo" is one of Chen Bo's names)
        office = (
            _within(folded[max(0, start - 80) : start], folded[start:end])
            or _before(folded[max(0, start - 80) : start])
            or _after(folded[end : end + 80], end, starts)
        )
        if office is not None:
            found.setdefault(entity, office)
    return found


def _within(before: str, name: str) -> Office | None:
    """The office a name opens with, and what says which before it ("Chinese Ambassador")."""
    said = _TOKEN.findall(name)
    heads = [i for i, w in enumerate(said) if w in _HEADS]
    if not heads:
        return None
    return _office([*_TOKEN.findall(_CLAUSE_END.split(before)[-1])[-3:], *said[: heads[0] + 1]], [])


def _before(text: str) -> Office | None:
    """The office the text ends with."""
    segments = _CLAUSE_END.split(text.rstrip())
    words = _TOKEN.findall(segments[-1])
    if len(words) <= 1 and len(segments) > 1:
        # "the Minister of Foreign Affairs of Serbia, Alexander Vulin": the given name alone
        # was left, spelt as the database does not
        words = _TOKEN.findall(segments[-2])
    elif "of" in words[-2:]:
        return None  # "attache of (the) China": the name is what the office is of
    words = words[-7:]
    heads = [i for i, w in enumerate(words) if w in _HEADS]
    if not heads:
        return None
    head = heads[-1]
    # after the office only what says which one: "minister of foreign affairs of serbia"
    after = words[head + 1 :]
    if after[-2:-1] == ["of"]:
        after = after[:-2]  # "... of Serbia"
    if not all(w in _GLUE or w in _PORTFOLIOS or _demonym(w) for w in after):
        return None
    return _office(words[: head + 1], after)


def _after(text: str, offset: int, names: set[int]) -> Office | None:
    """The office an appositive gives: `text` follows the name, which ends at `offset` in the
    text whose names start at `names`."""
    match = re.match(r"\s*,\s*([^,.;:()]{1,60})", text)
    if match is None:
        return None
    tokens = list(_TOKEN.finditer(match.group(1)))[:7]
    words = [t.group(0) for t in tokens]
    heads = [i for i, w in enumerate(words) if w in _HEADS]
    if not heads:
        return None
    head = heads[0]
    following = tokens[head + 1] if head + 1 < len(tokens) else None
    if following is not None and offset + match.start(1) + following.start() in names:
        return None  # "to China, Serbian Defense Minister Aleksandar Vulin": Vulin's office
    # an appositive names the office first: "China's defence attache in Belgrade", not "who
    # met the defence minister"
    if not all(w in _GLUE or w in _PORTFOLIOS or w in _RANKS or _demonym(w) for w in words[:head]):
        return None
    return _office(words[: head + 1], words[head + 1 :])


def _office(through_head: list[str], after: list[str]) -> Office | None:
    if "former" in through_head:
        return None
    head = _HEADS[through_head[-1]]
    if head == "minister" and len(through_head) > 1 and through_head[-2] == "prime":
        head = "prime minister"
    portfolio = next((_PORTFOLIOS[w] for w in [*through_head, *after] if w in _PORTFOLIOS), None)
    rank = next((w for w in through_head if w in _RANKS), None)
    return Office(head, portfolio, rank)


def _demonym(word: str) -> bool:
    """A possessive or a nationality: "China's", "Serbian", "Chinese"."""
    return word.endswith(("'s", "ian", "ese", "ish"))
