"""Shared helpers for the pair-model scripts: database loading, text normalisation, sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]  # the repository: its claims/ and sources/ are the training data
EVAL_TSV = REPO.parent / "shared" / "eval" / "verify_real_dev.tsv"  # for measuring only
OUT = HERE / "out"  # generated pairs, gold pairs and weights (not committed)
OUT.mkdir(exist_ok=True)

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


@dataclass
class Claim:
    id: str
    text: str
    quote: str
    source: str
    start: int
    end: int
    subject: str = ""
    object: str = ""
    predicate: str = ""
    date: str | None = None
    quantity: dict | None = None
    extra: dict = field(default_factory=dict)


def load_claims(repo: Path = REPO) -> list[Claim]:
    claims: list[Claim] = []
    for path in sorted((repo / "claims").glob("*.yaml")):
        if path.name == "entities.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for c in data.get("claims") or []:
            claims.append(
                Claim(
                    id=c["id"],
                    text=c["text"],
                    quote=c["quote"],
                    source=c["source"],
                    start=int(c["start"]),
                    end=int(c["end"]),
                    subject=str(c.get("subject") or ""),
                    object=str(c.get("object") or ""),
                    predicate=str(c.get("predicate") or ""),
                    date=str(c["date"]) if c.get("date") is not None else None,
                    quantity=c.get("quantity"),
                    extra=c,
                )
            )
    return claims


def load_entities(repo: Path = REPO) -> list[dict]:
    data = yaml.safe_load((repo / "claims" / "entities.yaml").read_text(encoding="utf-8"))
    return list(data.get("entities") or [])


def load_sources(repo: Path = REPO) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((repo / "sources").glob("*.txt"))}


def norm_char(ch: str) -> str:
    ch = _QUOTES.get(ch, ch)
    if ch.isspace():
        return " "
    return ch.lower()


def normalise(text: str) -> str:
    """Lower case, straight quotes, plain dashes, one space for any whitespace run, no escapes."""
    text = unicodedata.normalize("NFKC", text).replace("\\$", "$")
    text = "".join(norm_char(c) for c in text)
    return re.sub(r"\s+", " ", text).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """normalise() that also returns, for each output character, its offset in `text`.
    (No NFKC here, so offsets stay one-to-one; sources are already composed text.)"""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        c = norm_char(ch)
        if c == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(c)
        offsets.append(i)
    return "".join(out), offsets


_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|pp|p|cf|e\.g|i\.e|etc|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Gen|Col|Lt|Maj|Capt|Adm|Rep|Sen|Gov|Inc|Ltd|Co|Corp|approx)"
    r"|\b[A-Z]|\bU\.S|\bU\.K|\bE\.U)$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) of a source text. Breaks: blank lines; a line break after
    . ! ? : ; or before a list item; and . ! ? (with closing quotes and a footnote number) followed
    by white space and a capital, digit or opening quote, unless the word before is an abbreviation.
    Single line breaks inside a paragraph (PDF extraction) are not breaks."""
    cuts: set[tuple[int, int]] = set()  # (end of sentence, start of next)
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        cuts.add((m.start(), m.end()))
    for m in re.finditer(r"\n\s*", text):
        before = text[: m.start()].rstrip()
        after = text[m.end() : m.end() + 4]
        if (before and before[-1] in '.!?:;\u201d"') or re.match(
            r"(?:[-\u2022*] |\d+[.)] )", after
        ):
            cuts.add((m.start(), m.end()))
    pat = r"[.!?][\"'\u201d\u2019)\]]*(\d{1,3})?[ \t]*\n?[ \t]*(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
    for m in re.finditer(pat, text):
        gap = text[m.start() : m.end()]
        if not re.search(r"\s", gap):
            continue  # no white space: "U.S.A" or "2016.12"
        word = re.search(r"(\S+)$", text[max(0, m.start() - 20) : m.start()])
        if word and _ABBREV.search(word.group(1).rstrip(".")):
            continue
        end = m.start() + 1
        while end < len(text) and text[end] in "\"'\u201d\u2019)]":
            end += 1
        cuts.add((end, m.end()))
    spans: list[tuple[int, int]] = []
    pos = 0
    for end, nxt in sorted(cuts):
        if end < pos:
            continue
        spans.append((pos, end))
        pos = nxt
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
