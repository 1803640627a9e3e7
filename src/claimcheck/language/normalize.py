"""Text folding, words and stems (spelling variants and near-synonyms merged), shared by every stage (pure)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball in C

from claimcheck.language.lexicon import STOPWORDS

# Letters that Unicode does not decompose into base letter + mark.
_FOLD_EXTRA = str.maketrans(
    {"đ": "dj", "Đ": "Dj", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)
_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for comparison: no diacritics, plain quotes and dashes."""
    if text.isascii():
        return text.lower()
    text = text.translate(_FOLD_EXTRA).translate(_PUNCT)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_STEMMER = Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Folded word tokens; hyphenated words stay whole ("ch-92a", "long-endurance")."""
    return WORD.findall(fold(text))


_ABBREVIATION = re.compile(r"\b([A-Z]{2,6})s?\b")


def abbreviations(text: str) -> frozenset[str]:
    """The words it writes in capitals, folded, a plural "s" left off: "UAVs" gives "uav"."""
    return frozenset(a.lower() for a in _ABBREVIATION.findall(text))


class Initials(NamedTuple):
    """A text's content words and the string of their first letters, in which an
    abbreviation is looked for as a substring (once per text, however many abbreviations)."""

    content: list[str]
    letters: str


def initials(text_words: list[str]) -> Initials:
    content = [w for w in text_words if w not in STOPWORDS]
    return Initials(content, "".join(w[0] for w in content))


def spelled_out(abbreviation: str, text: Initials) -> tuple[str, ...]:
    """The words an abbreviation stands for in a text: content words in a row whose initials
    spell it, function words between them allowed ("international court of justice" for
    "icj"); () when no run does."""
    at = text.letters.find(abbreviation)
    return tuple(text.content[at : at + len(abbreviation)]) if at >= 0 else ()


# British and American spellings meet before stemming ("tyre"/"tire", "defence"/"defense").
_SPELLING = {
    "tyre": "tire", "tyres": "tires", "defence": "defense", "offence": "offense",
    "licence": "license", "centre": "center", "centres": "centers", "metre": "meter",
    "metres": "meters", "kilometre": "kilometer", "kilometres": "kilometers", "km": "kilometer",
    "programme": "program", "programmes": "programs", "labour": "labor", "favour": "favor",
    "neighbour": "neighbor", "neighbours": "neighbors", "neighbouring": "neighboring",
    "harbour": "harbor", "honour": "honor", "travelled": "traveled", "cancelled": "canceled",
    "catalogue": "catalog", "dialogue": "dialog", "organisation": "organization",
    "m": "meter", "kg": "kilogram", "hr": "hour", "hrs": "hours", "h": "hour", "mi": "mile",
}  # fmt: skip
# Irregular past forms meet their verb, which the stemmer cannot do ("gave" and "provided"
# are one word once "give" and "provide" are). Only forms with no common other sense.
_IRREGULAR = {
    "gave": "give", "given": "give", "thought": "think", "bought": "buy", "sold": "sell",
    "took": "take", "taken": "take", "sent": "send", "built": "build", "held": "hold",
    "met": "meet", "won": "win", "went": "go", "paid": "pay", "brought": "bring",
    "spent": "spend", "rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow",
    "told": "tell", "began": "begin", "begun": "begin", "came": "come", "got": "get",
    "lent": "lend", "wrote": "write", "written": "write", "spoke": "speak", "chose": "choose",
    "chosen": "choose", "sought": "seek", "taught": "teach", "fought": "fight",
}  # fmt: skip
# Who does a thing meets the doing of it ("the largest donor", "donated the most"), where the
# stemmer keeps the agent noun apart.
_AGENTS = {
    f"{noun}{plural}": verb
    for noun, verb in (("donor", "donate"), ("investor", "invest"), ("lender", "lend"),
                       ("supplier", "supply"), ("buyer", "buy"), ("seller", "sell"))
    for plural in ("", "s")
}  # fmt: skip
_ISE = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|es|ed|ing)$")


# Words that fact-checkers and articles use for one another; each group meets at its first stem.
_SYNONYMS = [
    "help assist assistance aid support",
    "give provide grant supply",
    "section stretch segment part",
    "grow increase rise",
    "company firm enterprise",
    "factory plant",
    "worth value",
    "talk negotiate negotiation",
    "purchase buy",
    "ministry ministri",
    "accession join membership",
    "plane jet aircraft airplane",
    "make manufacture produce",
    "mediate broker",
    "mention refer cite",
    "arrive land",
    "believe think",
    "visit trip",
    "neighbor border",
    "person people",
]
_CANONICAL = {
    str(_STEMMER.stemWord(word)): str(_STEMMER.stemWord(group.split()[0]))
    for group in _SYNONYMS
    for word in group.split()
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a folded word, spelling variants and near-synonyms merged;
    words with digits or hyphens are kept whole (without the hyphens)."""
    if any(ch.isdigit() for ch in word) or "-" in word:
        return word.replace("-", "")
    word = (
        _SPELLING.get(word) or _IRREGULAR.get(word) or _AGENTS.get(word) or _ISE.sub(r"iz\1", word)
    )
    stemmed = str(_STEMMER.stemWord(word))
    return _CANONICAL.get(stemmed, stemmed)


def content_stems(text: str) -> list[str]:
    """The stems of a text's words, without function words; a hyphenated compound also gives
    its parts ("107-kilometre" gives "107kilometre", "107" and "kilometer")."""
    stems = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        stems.append(stem(word))
        if "-" in word:
            stems.extend(stem(part) for part in word.split("-") if part and part not in STOPWORDS)
    return stems
