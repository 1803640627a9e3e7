"""Numbers as people write them: digits or words, money with currency and scale, percentages,
multiples and ranks, with the bound a phrase puts on them ("more than", "about") (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from claimcheck.language.lexicon import COUNT_ENDS, IRREGULAR_PAST
from claimcheck.language.normalize import fold
from claimcheck.language.spans import Spans
from claimcheck.models import Quantity

_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12,
}  # fmt: skip
_MULTIPLES = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "quadrupled": 4}
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}
_CURRENCY_WORDS = {
    "usd": "USD", "dollar": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "rsd": "RSD", "dinar": "RSD", "dinars": "RSD", "cny": "CNY", "rmb": "CNY", "yuan": "CNY",
    "renminbi": "CNY", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
}  # fmt: skip
_BOUND_BEFORE = [
    (re.compile(r"(?:more than|over|above|exceeding|in excess of|upwards of)\s+$"), "more_than"),
    (re.compile(r"(?:at least|no fewer than|no less than|a minimum of)\s+$"), "at_least"),
    (re.compile(r"(?:less than|fewer than|under|below|almost|nearly|just under)\s+$"), "less_than"),
    (re.compile(r"(?:at most|up to|no more than|a maximum of)\s+$"), "at_most"),
    (re.compile(r"(?:about|around|approximately|roughly|some|circa|close to|an estimated|~)\s+$"), "approx"),
]  # fmt: skip

# The words of those bounds that are not function words: a claim's "around 145,000" is told by
# a statement's "roughly 145,000" or "145,000", so "around" is part of the figure, not the claim
BOUND_WORDS = re.compile(
    r"\b(?:above|exceeding|excess|upwards|minimum|below|almost|nearly|maximum|around"
    r"|approximately|roughly|circa|close|estimated)\b"
)

_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
              "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}  # fmt: skip
# Thousands grouped by commas ("608,260,000") or, as much of Europe writes them, by spaces
# ("608 260 000", "5 050 workers"): groups of exactly three digits after the first.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
# What a duration counts: "in the next six months", "more than five years" give a length of time,
# not a figure a claim must confirm.
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries".split()
)
# Words that write a figure: a claim's own words leave them to its figure.
FIGURE_WORDS = frozenset(
    {*_UNIT_WORDS, *_SCALES, *_MULTIPLES, *_CURRENCY_WORDS, *_FRACTIONS}
    | {"percent", "per", "cent", "usd", "us"}
)
_NUMBER_WORD = "|".join(sorted({*_UNIT_WORDS, *_SCALES} - {"m", "b"}, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_TOKEN = re.compile(
    # digits that are not part of a model name (CH-92A, S-300, 17+1, 5G), though "9-10" is a
    # range; in PDF text a footnote number sticks to the figure before it ("over 100,00026"
    # is 100,000 + note 26)
    rf"(?<![\w.+/])(?<![a-z]-)(?P<digits>{_DIGITS})(?:(?<=,\d{{3}})\d{{1,2}})?"
    rf"(?:(?:\s*(?P<dscale>{_SCALE})\b)|(?![\w+]|\.\d))"
    rf"|(?<![\w.+\-/])(?P<dordinal>\d+)(?:st|nd|rd|th)\b"
    rf"|\b(?P<fraction>(?:{'|'.join(_SMALL)})[\s-]+(?:{'|'.join(_FRACTIONS)}))\b(?!-)"
    rf"|\b(?P<words>(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*)\b"
    rf"|\b(?P<multiple>{'|'.join(_MULTIPLES)})\b"
    rf"|\b(?P<ordinal>{'|'.join(_ORDINALS)})\b"
    rf"|\b(?P<half>half)(?:\s+an?\s+(?P<hscale>{_SCALE})\b)?"
    # "the largest donor", "Serbia's biggest exporter": rank one, said without a number
    rf"|(?:(?<=\bthe )|(?<='s )|(?<=s' ))"
    rf"(?P<superlative>largest|biggest|greatest|number one|top(?!-|\s+(?:\d|{_NUMBER_WORD})))\b"
    # "more than any other country", "more tourists than any other": rank one too
    r"|\b(?P<above_all>more(?:\s+[a-z]+){0,2}\s+than any other)\b"
)
# "one of", "at one point", "one day", "one another": "one" that counts nothing
_ONE_AS_A_WORD = re.compile(r"\s+(?:of|point|day|time|another|hand|way)\b")
# "one of the largest", "among the biggest": one of the first few, no rank
_AMONG = re.compile(r"(?:\bone of|\bamong)\s+(?:the|[a-z]+'s?)\s+$")
_CURRENCY_BEFORE = re.compile(r"(us\$|\$|€|£|¥|\b(?:usd|eur|rsd|cny|rmb|gbp))\s*$")
_AFTER = re.compile(
    r"\s*(?:(?P<percent>%|percent\b|per cent\b)|(?P<fold>-?fold\b|times\b)"
    rf"|(?:u\.?s\.?\s+)?(?P<currency>{'|'.join(_CURRENCY_WORDS)})\b)"
)
_OUT_OF = re.compile(r"\s+(?:out\s+)?of\s+")
_RANGE = re.compile(r"\s*(?:-|–|to|and)\s*$")
_FOLLOWING = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class QuantityMention:
    value: float
    bound: str = "exact"
    unit: str | None = None  # "percent", "times", "rank", or None: see `following`
    currency: str | None = None
    max: float | None = None
    start: int = 0  # span in the folded text
    end: int = 0
    following: tuple[str, ...] = ()  # the words after the number, which say what was counted
    glued: bool = False  # "five-day": the first following word was joined to the number

    @property
    def quantity(self) -> Quantity:
        return Quantity(self.value, self.unit, self.currency, self.bound, self.max)

    def counted(self) -> tuple[str, ...]:
        """The words that say what was counted: 'six CH-92A drones were' -> ('ch-92a', 'drones')."""
        phrase: list[str] = []
        for word in self.following:
            if word in COUNT_ENDS:
                break
            phrase.append(word)
        return tuple(phrase[:1]) if self.glued else tuple(phrase)


INCREMENT_WORDS = re.compile(r"\b(?:additional|further|another|extra|more)\b")
_INCREMENT_BEFORE = re.compile(
    r"\b(?:additional|further|another|extra)\s+(?:(?:batch|shipment|round|tranche)\s+of\s+)?$"
)


def is_increment(folded: str, mention: QuantityMention) -> bool:
    """Whether the figure counts what came on top of an earlier amount: "an additional two
    million doses", "another batch of 15 drones", "15 more" (not "more than 15")."""
    before = folded[max(0, mention.start - 40) : mention.start]
    more = mention.following[:1] == ("more",) and mention.following[1:2] != ("than",)
    return more or bool(_INCREMENT_BEFORE.search(before))


def is_distinctive(value: float) -> bool:
    """A figure no other fact is likely to share by chance: two significant digits or more,
    the last not a 5 (943 million, $5.2 million, 1,004 respondents; not 300 million, 1.5
    million or 25 percent)."""
    digits = f"{value:.6f}".replace(".", "").strip("0")
    return len(digits) >= 2 and not digits.endswith("5")


def find_quantities(
    text: str, *, skip: Sequence[tuple[int, int]] = (), folded: bool = False
) -> list[QuantityMention]:
    """Every quantity stated in `text`, outside the `skip` spans (dates, names).

    Spans refer to the folded text; pass `folded=True` when `text` is folded already.
    """
    text = text if folded else fold(text)
    mentions: list[QuantityMention] = []
    skipped = Spans(skip)
    for match in _TOKEN.finditer(text):
        if skipped.overlaps(match.start(), match.end()):
            continue
        mention = _read(text, match)
        if mention is None:
            continue
        previous = mentions[-1] if mentions else None
        if (
            previous
            and previous.max is None
            and _RANGE.fullmatch(text[previous.end : match.start()] + " ")
        ):
            # "9 - 10 billion", "between 5 and 10": one range, the scale applies to both ends
            bare = _bare_value(text, match)
            scale = mention.value / bare if bare else 1.0
            low = previous.value * (scale if previous.value * scale <= mention.value else 1.0)
            mentions[-1] = QuantityMention(
                low, "range", mention.unit, mention.currency or previous.currency, mention.value,
                previous.start, mention.end, mention.following,
            )  # fmt: skip
            continue
        if (
            previous
            and not (previous.unit or previous.currency or mention.unit or mention.currency)
            and _OUT_OF.fullmatch(text[previous.end : match.start()])
        ):
            # "two out of three cables": the count is two, three only says of how many
            mentions[-1] = replace(previous, following=mention.following)
            continue
        mentions.append(mention)
    return mentions


def numbers_in(text: str) -> list[float]:
    """Every number value the text states (a range gives both ends)."""
    values: list[float] = []
    for mention in find_quantities(text):
        values.append(mention.value)
        if mention.max is not None:
            values.append(mention.max)
    return values


def _number(digits: str) -> float:
    return float(re.sub(r"[,\s\u00a0\u202f]", "", digits))


def _bare_value(text: str, match: re.Match[str]) -> float | None:
    digits = match.group("digits")
    return _number(digits) if digits else None


def _read(text: str, match: re.Match[str]) -> QuantityMention | None:
    unit: str | None = None
    currency: str | None = None
    end = match.end()
    if match.group("digits"):
        value = _number(match.group("digits"))
        if match.group("dscale"):
            value *= _SCALES[match.group("dscale")]
    elif match.group("words"):
        parsed = _words_value(match.group("words"))
        if parsed is None or (match.group("words") == "one" and _ONE_AS_A_WORD.match(text, end)):
            return None  # "one of the ...", "at one point" are not counts
        value = parsed
    elif match.group("dordinal"):
        value, unit = float(match.group("dordinal")), "rank"
    elif match.group("multiple"):
        value, unit = float(_MULTIPLES[match.group("multiple")]), "times"
    elif match.group("ordinal"):
        if _tells_a_first(text, match):
            return None  # "first visited", "for the first time": when, not a rank
        value, unit = float(_ORDINALS[match.group("ordinal")]), "rank"
    elif match.group("above_all"):
        value, unit = 1.0, "rank"
    elif match.group("superlative"):
        if _AMONG.search(text[max(0, match.start() - 30) : match.start()]):
            return None
        value, unit = 1.0, "rank"
    elif match.group("fraction"):
        count, part = re.split(r"[\s-]+", match.group("fraction"))
        value, unit = round(100 * _SMALL[count] * _FRACTIONS[part], 1), "percent"
    elif match.group("hscale"):
        value = 0.5 * _SCALES[match.group("hscale")]  # "half a million"
    else:
        value, unit = 50.0, "percent"
    after = _AFTER.match(text, end)
    if after and unit is None:
        if after.group("percent"):
            unit = "percent"
        elif after.group("fold"):
            unit = "times"
        else:
            currency = _CURRENCY_WORDS[after.group("currency")]
        end = after.end()
    start = match.start()
    before = text[max(0, start - 30) : start]
    sign = _CURRENCY_BEFORE.search(before)
    if sign and currency is None and unit is None:
        token = sign.group(1)
        currency = _CURRENCY_SIGNS.get(token) or _CURRENCY_WORDS.get(token, token.upper())
        start -= len(before) - sign.start()
        before = before[: sign.start()]
    bound = "exact"
    for pattern, name in _BOUND_BEFORE:
        found = pattern.search(before)
        if found:
            # the span takes in "more than", "USD": they belong to the figure, not the topic
            bound, start = name, start - (len(before) - found.start())
            break
    following = tuple(_FOLLOWING.findall(text[end : end + 80])[:6])
    glued = text[end : end + 1] == "-"  # "five-day", "107-km": the unit is glued on
    return QuantityMention(value, bound, unit, currency, None, start, end, following, glued)


_FIRST_TIME = re.compile(r"\s+time\b")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")


def _tells_a_first(text: str, match: re.Match[str]) -> bool:
    """An ordinal that says an event is a first, not a rank: before a verb in the past ("first
    visited") or in "for the first time"."""
    if _FIRST_TIME.match(text, match.end()):
        return True
    following = _NEXT_WORD.match(text, match.end())
    word = following.group(1) if following else ""
    return (word.endswith("ed") and len(word) > 4) or word in IRREGULAR_PAST


def _words_value(phrase: str) -> float | None:
    """'one thousand' -> 1000.0, 'twenty-five' -> 25.0, 'two hundred and fifty' -> 250.0."""
    total = current = 0.0
    seen = False
    for token in re.split(r"[\s-]+", phrase):
        if token == "and" or not token:
            continue
        if token in _UNIT_WORDS:
            current += _UNIT_WORDS[token]
            seen = True
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale >= 1e3:
                total, current = total + (current or 1) * scale, 0.0
            else:
                current = (current or 1) * scale
            seen = True
    return total + current if seen else None


# "the first major project" describes; "was the largest donor", "was second in Europe" rank: a
# rank after an article counts only after a form of "be"
_DESCRIBING = re.compile(r"\b(?:the|its|a|their)\s+$")
_RANKING = re.compile(
    r"\b(?:is|was|were|are|be|been|became|become|becomes|remains|remained)\s+(?:the|its|their)\s+$"
)


_PLACE = re.compile(r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th))\b")
_FIRST_TO = re.compile(r"first\s+(?:[a-z-]+\s+){0,4}to\s+[a-z]")


# "the two countries": the pair the sentence speaks of, named before or around it, not a count
_PAIR_OF = frozenset(
    "countries nations states sides governments leaders presidents parties ministers companies "
    "armies militaries capitals peoples".split()
)


def describes(folded: str, mention: QuantityMention) -> bool:
    """Whether a figure in the (folded) text only describes or refers to what follows it,
    asserting nothing: a rank that describes, or "the two countries"."""
    if mention.value == 2 and mention.following[:1] and mention.following[0] in _PAIR_OF:
        return folded[max(0, mention.start - 4) : mention.start] == "the "
    if mention.unit != "rank":
        return False
    if _FIRST_TO.match(folded, mention.start):
        return True  # "the first European country to buy ...": a first of its kind (firsts)
    clause = folded[max(folded.rfind(c, 0, mention.start) for c in ",;:(") + 1 : mention.start]
    if mention.value == 1 and _PLACE.search(clause):
        return True  # "ranked second behind Russia as Serbia's biggest friend": the ranking
    before = folded[max(0, mention.start - 40) : mention.start]
    return bool(_DESCRIBING.search(before)) and not _RANKING.search(before)
