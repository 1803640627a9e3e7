"""URLs in text files -> LinkRefs, repairing the damage PDF extraction and Markdown do (pure).

Repairs, each recorded so that a reader can see what was changed:
- Markdown escapes (``\\_`` -> ``_``);
- sentence punctuation after a URL, and closing brackets that belong to the text;
- a URL wrapped across lines in PDF text: the next line is joined when it starts with the rest of
  the URL (a bare token, alone on its line or ending in a break character), never when it is body
  text. Where the text cannot settle it (was a hyphen at the wrap part of the URL?), the printed
  form is kept and the alternative is listed as a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_START = re.compile(r"https?://|\bdoi:\s?10\.|\bDOI:\s?10\.", re.IGNORECASE)
# Characters a URL may contain (RFC 3986 plus percent escapes and the escaped underscore).
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%\\]+")
_TRAILING = ".,;:!?'\"”’»*"
_BREAKS = ("-", "/", "_", "=", "?", "&", ".", "%", "#")
_CONTINUATION = re.compile(r"[A-Za-z0-9\-._~/?#@!$&*+,;=%]+")


@dataclass(frozen=True)
class Location:
    file: str
    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass
class LinkRef:
    """One URL, wherever it is cited, with what was repaired to read it."""

    url: str
    printed: str  # as the text prints it, before repairs
    repairs: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # other readings the text allows
    locations: list[Location] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


def extract(text: str, file: str = "<text>") -> list[LinkRef]:
    """Every URL in `text`, one LinkRef per occurrence, in order."""
    found: list[LinkRef] = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    taken_until = -1
    for match in _START.finditer(text):
        start = match.start()
        if start < taken_until:
            continue
        ref, end = _read_url(text, start)
        taken_until = end
        if ref is None:
            continue
        line = _line_of(line_starts, start)
        ref.locations.append(Location(file, line, start - line_starts[line - 1] + 1))
        found.append(ref)
    return found


def _line_of(line_starts: list[int], offset: int) -> int:
    lo, hi = 0, len(line_starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo + 1


def _read_url(text: str, start: int) -> tuple[LinkRef | None, int]:
    opener = text[start - 1] if start > 0 else ""
    run = _URL_CHARS.match(text, start)
    if run is None:
        return None, start + 1
    raw, end = run.group(0), run.end()
    repairs: list[str] = []
    candidates: list[str] = []

    if opener == "<" and ">" in raw:
        raw, end = raw[: raw.index(">")], start + raw.index(">")
    if opener == "[" and "]" in raw:  # the text of a Markdown link: its target follows
        raw, end = raw[: raw.index("]")], start + raw.index("]")
    if opener == "(" and text[start - 2 : start] == "](":
        raw = _balanced(raw)  # a Markdown link target ends at its closing parenthesis
        end = start + len(raw)

    printed = raw
    # A URL that runs to the end of its line may go on on the next one (PDF wrapping).
    if end < len(text) and text[end] in " \n" and text[end:].lstrip(" ").startswith("\n"):
        joined, consumed, note, alternative = _join_wrapped(text, raw, end)
        if joined != raw:
            printed = text[start:consumed]
            raw, end = joined, consumed
            repairs.append(note)
            if alternative:
                candidates.append(_clean(alternative, [])[0])

    url, cleaned = _clean(raw, repairs)
    if url.lower().startswith("doi:"):
        url = "https://doi.org/" + url.split(":", 1)[1].strip()
        cleaned.append("DOI written as a https://doi.org/ URL")
    if not re.match(r"https?://[^/\s]+\.[^/\s]", url):
        return None, end
    candidates = [c for c in dict.fromkeys(candidates) if c != url]
    return LinkRef(url=url, printed=printed, repairs=cleaned, candidates=candidates), end


def _balanced(raw: str) -> str:
    depth = 0
    for i, ch in enumerate(raw):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return raw[:i]
            depth -= 1
    return raw


def _join_wrapped(text: str, raw: str, end: int) -> tuple[str, int, str, str | None]:
    """Join continuation lines onto a URL broken by PDF extraction.

    Returns (joined URL, end offset, what was repaired, an alternative reading or None).
    """
    joined, position = raw, end
    alternative: str | None = None
    note = ""
    while True:
        newline = text.find("\n", position)
        if newline < 0 or text[position:newline].strip():
            break
        next_line_end = text.find("\n", newline + 1)
        next_line = text[newline + 1 : next_line_end if next_line_end >= 0 else len(text)]
        token = _CONTINUATION.match(next_line)
        if token is None:
            break
        piece = token.group(0)
        rest = next_line[token.end() :].strip()
        ends_at_break = joined.endswith(_BREAKS)
        looks_like_path = any(ch in piece for ch in "/%=?&") or piece.endswith((".html", ".htm"))
        # Body text after a footnote is words and spaces; the rest of a URL is one token,
        # alone on its line (maybe with closing punctuation or a footnote number after it).
        alone = not rest or re.fullmatch(r"[.,;)\]]*\s*\d{0,3}", rest) is not None
        if not (alone and (ends_at_break or looks_like_path)):
            break
        if alternative is not None:
            alternative += piece  # the first uncertain wrap decides the alternative reading
        elif joined.endswith("-"):
            alternative = joined[:-1] + piece  # the hyphen may be the PDF's, not the URL's
            note = "joined a URL wrapped across lines (the hyphen at the wrap is kept)"
        elif not ends_at_break:
            alternative = joined + "-" + piece  # a hyphen may have been lost at the wrap
            note = "joined a URL wrapped across lines (a hyphen may have been lost at the wrap)"
        else:
            note = note or "joined a URL wrapped across lines"
        joined += piece
        position = newline + 1 + token.end()
        if rest:
            break
    return joined, position, note, alternative


def _clean(raw: str, repairs: list[str]) -> tuple[str, list[str]]:
    url = raw
    if "\\" in url:
        url = url.replace("\\\\", "\\").replace("\\_", "_").replace("\\", "")
        repairs.append("removed Markdown escapes")
    stripped = url.rstrip(_TRAILING)
    while stripped.endswith((")", "]")) and stripped.count(stripped[-1]) > stripped.count(
        "(" if stripped[-1] == ")" else "["
    ):
        stripped = stripped[:-1].rstrip(_TRAILING)
    if stripped != url:
        repairs.append(f"dropped {url[len(stripped) :]!r} after the URL")
        url = stripped
    return url, repairs


def extract_files(paths: Iterable[Path], root: Path | None = None) -> list[LinkRef]:
    """URLs in every file given (folders: their .txt, .md, .html and .yaml files)."""
    found: list[LinkRef] = []
    for path in _files(paths):
        name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        found.extend(extract(path.read_text(encoding="utf-8", errors="replace"), name))
    return found


_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".yaml", ".yml"}


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES and p.is_file()
            )
        elif path.is_file():
            yield path


def merge(refs: Iterable[LinkRef]) -> list[LinkRef]:
    """One LinkRef per URL, with every location and citing claim, in first-seen order."""
    merged: dict[str, LinkRef] = {}
    for ref in refs:
        kept = merged.setdefault(
            ref.url, LinkRef(ref.url, ref.printed, list(ref.repairs), list(ref.candidates))
        )
        for location in ref.locations:
            if location not in kept.locations:
                kept.locations.append(location)
        for claim in ref.claims:
            if claim not in kept.claims:
                kept.claims.append(claim)
        for candidate in ref.candidates:
            if candidate not in kept.candidates and candidate != kept.url:
                kept.candidates.append(candidate)
        for repair in ref.repairs:
            if repair not in kept.repairs:
                kept.repairs.append(repair)
    return list(merged.values())
