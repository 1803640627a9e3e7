"""What a claim says, read once per claim when the index is built: its own words, what its
figures count and what kind of event it tells (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from claimcheck.language.dates import MONTH_NAMES, find_dates
from claimcheck.language.lexicon import AMBIGUOUS_VERBS, STOPWORDS, predicate_group
from claimcheck.language.normalize import WORD, content_stems, fold, stem
from claimcheck.language.numbers import (
    BOUND_WORDS,
    FIGURE_WORDS,
    INCREMENT_WORDS,
    QuantityMention,
    describes,
    find_quantities,
    is_increment,
)
from claimcheck.language.spans import Spans
from claimcheck.language.units import dimension
from claimcheck.models import Figure, Quantity

COUNTS = ("percent", "times", "rank")  # units that are kinds of figure, not things counted
_FLOWS = re.compile(r"\b(export|import)(?:s|ed|ing|er|ers)?\b")


def flows(folded: str) -> frozenset[str]:
    """Which way goods went: "export", "import", both (trade), or neither."""
    return frozenset(_FLOWS.findall(folded))


def rank_holder(
    folded: str, start: int, names_between: Callable[[int, int], Sequence[tuple[int, int, str]]]
) -> str | None:
    """Whom a text gives the rank at `start`: the last name before it in its clause, less the
    one whose rank it is ("Russia as Serbia's biggest friend" ranks Russia). `names_between`
    gives the names from one offset to another as (start, end, entity), in order."""
    clause_start = max(folded.rfind(c, 0, start) for c in ",;:(")
    before = list(names_between(clause_start + 1, start))
    if before and _POSSESSIVE.fullmatch(folded[before[-1][1] : start]):
        before = before[:-1]
    return before[-1][2] if before else None


_POSSESSIVE = re.compile(r"'s?\s+")

# "second behind Germany", "second only to Russia", "third, after Italy": the name right after
# holds the place ahead
_AHEAD = re.compile(
    r"\b(?:behind|after|trailing|(?:second|next|only)\s+to)\s+(?:only\s+|just\s+)?(?:the\s+)?"
)


def ranked_ahead(
    folded: str, rank: QuantityMention, names: Sequence[tuple[int, int, str]]
) -> tuple[float, str] | None:
    """The place ahead of a rank of two or more and who holds it, when the rank's sentence
    names them ("China ranked second behind Germany": Germany first). `names`: (start, end,
    entity) of the text's names, in order."""
    if rank.unit != "rank" or rank.value < 2:
        return None
    stop = min((i for i in (folded.find(c, rank.end) for c in ".;") if i >= 0), default=len(folded))
    starts = {start: entity for start, _, entity in names}
    for match in _AHEAD.finditer(folded, rank.end, stop):
        if match.end() in starts:
            return rank.value - 1, starts[match.end()]
    return None


def claim_figures(
    text: str,
    quantity: Quantity | None,
    *,
    thing: str | None = None,
    scope: Mapping[str, str] | None = None,
    predicate: str = "",
    holder: str | None = None,
    names: Sequence[tuple[int, int, str]] = (),
) -> tuple[Figure, ...]:
    """The claim's quantity facet; failing that, the figures its sentence states. A rank is
    the `holder`'s (the claim's subject: "the United States was the largest donor"), and that
    of whom the sentence gives it to among its `names` ((start, end, entity) in order): "in the
    poll, China ranked second"."""
    measure = tuple(content_stems((scope or {}).get("measure", "")))
    folded = fold(text)
    goods = flows(f"{predicate} {folded}")
    if quantity is not None:
        # "km/h" is written "200 km/h": its head is the word right after the figure
        unit = quantity.unit or ""
        head = stem(unit.split()[-1].split("/")[0]) if unit and unit not in COUNTS else None
        measured = dimension(unit) if unit and unit not in COUNTS else None
        increment = bool(INCREMENT_WORDS.search(folded)) and any(
            is_increment(folded, m) for m in _mentions(folded) if m.value == quantity.value
        )  # the words looked for first: reading every claim's figures is a third of a build
        ranked = _ranked(quantity.unit, holder)
        described = _described(folded, unit.split()[-1]) if head else ()
        stated = Figure(
            quantity, head, thing, measure, goods, ranked, measured, increment, described
        )
        return (stated, *_places_ahead(folded, names, measure, goods))

    def between(start: int, end: int) -> list[tuple[int, int, str]]:
        return [name for name in names if start <= name[0] <= end]

    figures = []
    for mention in _mentions(folded):
        if describes(folded, mention):
            continue  # "the first major project" describes; "was the largest donor" ranks
        counted = mention.counted()
        head = stem(counted[-1]) if counted and not (mention.unit or mention.currency) else None
        told = rank_holder(folded, mention.start, between) if mention.unit == "rank" else None
        ranked = _ranked(mention.unit, holder, told)
        increment = is_increment(folded, mention)
        figures.append(
            Figure(mention.quantity, head, None, measure, goods, ranked, increment=increment)
        )
    return (*figures, *_places_ahead(folded, names, measure, goods))


_AROUND = 2, 4  # words before and after the counted noun that may say what it counts


def _described(folded: str, noun: str) -> tuple[str, ...]:
    """The stems of the words around the counted noun, within its clause: "ten portable devices
    for detecting explosives" -> (ten, portabl, devic, detect, explos)."""
    match = re.search(rf"\b{re.escape(noun)}(?:s|es)?\b", folded)
    if match is None:
        return ()
    before = re.split(r"[,;:.()]", folded[: match.start()])[-1].split()[-_AROUND[0] :]
    after = re.split(r"[,;:.()]", folded[match.start() :])[0].split()[: _AROUND[1] + 1]
    return tuple(content_stems(" ".join([*before, *after])))


def _places_ahead(
    folded: str,
    names: Sequence[tuple[int, int, str]],
    measure: tuple[str, ...],
    goods: frozenset[str],
) -> list[Figure]:
    """The places its sentence gives to those ahead of a rank ("second behind Germany")."""
    if not _AHEAD.search(folded):
        return []  # most claims: the words looked for first
    return [
        Figure(Quantity(place, unit="rank"), None, None, measure, goods, (holder,))
        for place, holder in places_ahead(folded, _mentions(folded), names)
    ]


def places_ahead(
    folded: str, mentions: Iterable[QuantityMention], names: Sequence[tuple[int, int, str]]
) -> tuple[tuple[float, str], ...]:
    """Each place ahead of the text's ranks and who holds it (`ranked_ahead`), once."""
    found = (ranked_ahead(folded, m, names) for m in mentions if m.unit == "rank")
    return tuple(dict.fromkeys(f for f in found if f))


def _mentions(folded: str) -> list[QuantityMention]:
    years = [(d.start, d.end) for d in find_dates(folded, folded=True)]
    return find_quantities(folded, skip=years, folded=True)


def _ranked(unit: str | None, *holders: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h for h in holders if h)) if unit == "rank" else ()


def event_words(text: str, predicate: str) -> tuple[frozenset[str], frozenset[str]]:
    """The kinds of event a claim tells (its predicate's group and its sentence's verbs'), and
    the roots of its words, which a statement's verb may share ("welcomed" meets "greeted" by
    their group; a noun of the same stem is not enough: "declared" is not "declaration")."""
    words = re.findall(r"[a-z]+", fold(text))
    kinds = {
        predicate_group(predicate),
        *(predicate_group(w) for w in words if w not in AMBIGUOUS_VERBS),
    }
    return frozenset(k for k in kinds if k is not None), frozenset(map(verb_root, words))


def verb_root(word: str) -> str:
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def own_words(text: str, names: Iterable[tuple[int, int]]) -> list[str]:
    """The claim's content words outside its names (`names`: spans in the folded text), figures
    and dates: what a statement must also say for the claim to be inside it."""
    folded = fold(text)
    spans = Spans(names)
    # a bound is part of its figure ("around 145,000"); looked for first, as few claims have one
    bounded = (
        Spans((m.start, m.end) for m in _mentions(folded) if m.bound != "exact")
        if BOUND_WORDS.search(folded)
        else Spans(())
    )
    found = []
    for match in WORD.finditer(folded):
        word = match.group(0)
        if (
            word in STOPWORDS
            or word in MONTH_NAMES
            or word in FIGURE_WORDS
            or any(ch.isdigit() for ch in word)
            or spans.overlaps(match.start(), match.start() + 1)
            or bounded.overlaps(match.start(), match.start() + 1)
        ):
            continue
        found.append(word)
    return list(dict.fromkeys(found))


_EACH = re.compile(r"\b(each|apiece)\b")


def structured_total(text: str) -> tuple[float, str, str] | None:
    """A total the sentence gives by its structure: "two systems of three drones each" or "each
    of the two systems consists of three drones" is six drones. Returns (total, stem of what
    is counted, the structure in words), or None when the sentence gives no such structure.
    Only two counts of different things, one of them distributed by "each", qualify."""
    folded = fold(text)
    each = _EACH.search(folded)
    if each is None:
        return None
    counts = []
    for mention in find_quantities(folded, folded=True):
        head = _plural_head(mention.counted())
        if mention.unit is None and mention.currency is None and head and mention.value >= 1:
            counts.append((mention, head))
    if len(counts) != 2 or counts[0][1] == counts[1][1]:
        return None
    (outer, outer_head), (inner, inner_head) = counts
    distributed = (
        # "each system", "each of the two systems": the first count is what is divided
        folded[each.end() :].lstrip().startswith((outer_head[:-1], "of the", "one"))
        # "three drones each": the second count is what each one holds
        or re.match(rf"\s*{re.escape(inner_head)}\s+(each|apiece)\b", folded[inner.end :])
    )
    if not distributed:
        return None
    how = f"{outer.value:g} {outer_head} of {inner.value:g} {inner_head} each"
    return outer.value * inner.value, stem(inner_head), how


def _plural_head(words: tuple[str, ...]) -> str | None:
    """The counted noun: the first plural among the words after a number ("unmanned combat
    aerial vehicle systems" -> "systems"); a structure always counts in plurals."""
    for word in words:
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            return word
    return None
