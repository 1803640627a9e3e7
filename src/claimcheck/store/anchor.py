"""Provenance: find a quote in its source again (W3C TextPosition + TextQuote selectors).

Offsets are Unicode code points, which is what Python string indices are. Re-anchoring follows
Hypothesis: trust the stored position if it still holds, then exact search, then the quote's
prefix/suffix context, then approximate search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

CONTEXT_CHARS = 32
FUZZY_CUTOFF = 85.0


class AnchorMethod(StrEnum):
    POSITION = "position"  # the stored offsets still hold the quote
    EXACT = "exact"  # the quote occurs verbatim elsewhere
    WHITESPACE = "whitespace"  # the same words, with different spacing or line breaks
    CONTEXT = "context"  # prefix and suffix found; the text between them is the quote
    FUZZY = "fuzzy"  # approximate match


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    method: AnchorMethod
    score: float  # 100 for an exact match


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix selectors for text[start:end]."""
    return text[max(0, start - width) : start], text[end : end + width]


def locate(
    text: str,
    quote: str,
    *,
    start: int | None = None,
    end: int | None = None,
    prefix: str = "",
    suffix: str = "",
) -> Anchor | None:
    """Where `quote` is in `text`, or None when it cannot be found with confidence."""
    if not quote:
        return None
    if start is not None and end is not None and text[start:end] == quote:
        return Anchor(start, end, AnchorMethod.POSITION, 100.0)

    exact = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if exact:
        s, e = _best_of(exact, text, start, prefix, suffix)
        return Anchor(s, e, AnchorMethod.EXACT, 100.0)

    spaced = [(m.start(), m.end()) for m in _whitespace_pattern(quote).finditer(text)]
    if spaced:
        s, e = _best_of(spaced, text, start, prefix, suffix)
        return Anchor(s, e, AnchorMethod.WHITESPACE, 100.0)

    between = _between_context(text, quote, prefix, suffix)
    if between is not None:
        return between

    alignment = fuzz.partial_ratio_alignment(quote, text, score_cutoff=FUZZY_CUTOFF)
    if alignment is None:
        return None
    return Anchor(alignment.dest_start, alignment.dest_end, AnchorMethod.FUZZY, alignment.score)


def _whitespace_pattern(quote: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


def _best_of(
    spans: list[tuple[int, int]], text: str, hint: int | None, prefix: str, suffix: str
) -> tuple[int, int]:
    """Pick among several occurrences: best context match first, then nearest to the old start."""

    def rank(span: tuple[int, int]) -> tuple[float, int]:
        before, after = context(text, span[0], span[1], max(len(prefix), len(suffix), 1))
        similarity = fuzz.ratio(before[-len(prefix) :] if prefix else "", prefix) + fuzz.ratio(
            after[: len(suffix)] if suffix else "", suffix
        )
        distance = abs(span[0] - hint) if hint is not None else 0
        return (-similarity, distance)

    return min(spans, key=rank)


def _between_context(text: str, quote: str, prefix: str, suffix: str) -> Anchor | None:
    # Short contexts occur everywhere; only distinctive ones can pin a quote down.
    if len(prefix.strip()) < 8 or len(suffix.strip()) < 8:
        return None
    best: Anchor | None = None
    for m in re.finditer(re.escape(prefix), text):
        s = m.end()
        e = text.find(suffix, s, s + 2 * len(quote) + 64)
        if e < 0:
            continue
        score = fuzz.ratio(text[s:e], quote)
        if score >= 50 and (best is None or score > best.score):
            best = Anchor(s, e, AnchorMethod.CONTEXT, score)
    return best
