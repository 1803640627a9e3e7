"""A source text as HTML with every claim's quote marked at its offsets (pure).

Quotes may overlap in any way. Marks that only nest are written nested; where two quotes cross,
the one still open is closed and reopened around the other's end, so the HTML stays well formed
and each quote's text is covered by its marks exactly. The first mark of a quote carries its
anchor (`id="claim-ID"`); the pieces after a split carry the same `data-claim` and no id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    """A quote to mark: code-point offsets into the text, and the tooltip its marks show."""

    id: str
    start: int
    end: int
    title: str = ""


@dataclass(frozen=True)
class Marked:
    html: str
    placed: tuple[str, ...]  # ids of the spans marked, in text order
    skipped: tuple[str, ...]  # ids of spans empty or outside the text: not marked


def anchor(claim_id: str) -> str:
    """The fragment id of a claim's first mark."""
    return f"claim-{claim_id}"


def mark_text(text: str, spans: Sequence[Span], *, line_anchors: bool = True) -> Marked:
    """`text` escaped, with a <mark> around each span and, when asked, an empty
    `<span id="L<n>">` at the start of each line so that `#L12` finds line 12."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    skipped = tuple(s.id for s in spans if s not in valid)
    # Outer first: at one start, the span that ends later opens first and so encloses the others.
    valid.sort(key=lambda s: (s.start, -s.end, s.id))
    starts: dict[int, list[Span]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
    ends = {s.end for s in valid}
    lines = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text))]
    line_of = {offset: n for n, offset in enumerate(lines, 1)} if line_anchors else {}

    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()

    def open_mark(span: Span) -> None:
        first = span.id not in opened
        opened.add(span.id)
        attrs = [
            ("class", "hl" if first else "hl cont"),
            ("id", anchor(span.id) if first else None),
            ("data-claim", span.id),
            ("title", span.title or None),
        ]
        out.append(
            "<mark" + "".join(f' {k}="{escape(v)}"' for k, v in attrs if v is not None) + ">"
        )
        stack.append(span)

    position = 0
    for boundary in sorted({*starts, *ends, *line_of}):
        out.append(escape(text[position:boundary], quote=False))
        position = boundary
        if boundary in ends:
            lowest = next((i for i, s in enumerate(stack) if s.end == boundary), None)
            if lowest is not None:
                closing = stack[lowest:]
                del stack[lowest:]
                out.append("</mark>" * len(closing))
                # reopen what crossed the closed marks, longest-lived outermost
                for span in sorted((s for s in closing if s.end != boundary), key=lambda s: -s.end):
                    open_mark(span)
        if boundary in line_of:
            out.append(f'<span class="ln" id="L{line_of[boundary]}"></span>')
        for span in starts.get(boundary, ()):
            open_mark(span)
    out.append(escape(text[position:], quote=False))
    out.append("</mark>" * len(stack))  # none left: every valid span ends inside the text
    placed = tuple(dict.fromkeys(s.id for s in valid))
    return Marked("".join(out), placed, skipped)
