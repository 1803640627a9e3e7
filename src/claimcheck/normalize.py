"""Text folding and number reading, shared by lint, the matcher and the conflict finder (pure)."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into base letter + mark.
_FOLD_EXTRA = str.maketrans(
    {"đ": "dj", "Đ": "Dj", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)
_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for comparison: no diacritics, plain quotes and dashes."""
    text = text.translate(_FOLD_EXTRA).translate(_PUNCT)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_UNITS = {
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
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "trln": 1e12, "tn": 1e12,
}  # fmt: skip
_MULTIPLES = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "half": 0.5}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = "|".join(sorted({*_UNITS, *_ORDINALS, *_MULTIPLES}, key=len, reverse=True))
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.])(?P<digits>{_DIGITS})(?:\s*-?\s*(?P<dscale>{_SCALE})\b)?"
    rf"|\b(?P<words>(?:(?:{_WORD}|and|{_SCALE})(?:[\s-]+|\b))+)",
    re.IGNORECASE,
)


_RANGE_GAP = re.compile(r"\s*(?:-|to|and)\s*")


def numbers_in(text: str) -> list[float]:
    """Every number the text states, in digits or words, with scale words applied.

    In a range like "9 - 10 billion" the scale also applies to the first number.
    """
    found: list[float] = []
    previous: tuple[int, float] | None = None  # end and value of an unscaled digit number
    for match in _NUMBER.finditer(fold(text)):
        if match.group("digits"):
            value = float(match.group("digits").replace(",", ""))
            scale = match.group("dscale")
            if scale is None:
                found.append(value)
                previous = (match.end(), value)
                continue
            factor = _SCALES[scale.lower()]
            found.append(value * factor)
            if previous and _RANGE_GAP.fullmatch(match.string[previous[0] : match.start()]):
                found.append(previous[1] * factor)
        else:
            found.extend(_words_value(match.group("words")))
        previous = None
    return found


def _words_value(phrase: str) -> list[float]:
    """'one thousand' -> [1000]; 'nine' -> [9]; 'fifteen-fold' is read as fifteen by the caller."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "and"]
    values: list[float] = []
    total = current = 0.0
    seen_number = False
    for token in tokens:
        if token in _MULTIPLES or token in _ORDINALS:
            values.append(float(_MULTIPLES.get(token) or _ORDINALS[token]))
        elif token in _UNITS:
            current += _UNITS[token]
            seen_number = True
        elif token in _SCALES and seen_number and token not in {"m", "b"}:
            if _SCALES[token] >= 1e3:
                total, current = total + (current or 1) * _SCALES[token], 0.0
            else:
                current = (current or 1) * _SCALES[token]
    if seen_number:
        values.append(total + current)
    return values
