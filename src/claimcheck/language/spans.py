"""Sets of text spans that answer "does this overlap / lie inside one of them" in log time, so
that reading a 20,000-word statement stays linear (pure)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """Half-open spans (start, end), possibly overlapping."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._spans = list(spans)
        self._sorted = False
        self._starts: list[int] = []
        self._reach: list[int] = []  # the furthest end of the spans up to each, in start order

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        self._sorted = False

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span shares a character with [start, end)."""
        self._sort()
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one of the spans."""
        self._sort()
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end

    def _sort(self) -> None:
        if not self._sorted:
            self._spans.sort()
            self._starts = [s for s, _ in self._spans]
            self._reach = list(accumulate((e for _, e in self._spans), max))
            self._sorted = True
