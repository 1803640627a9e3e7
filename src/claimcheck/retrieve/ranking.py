"""Ranking every claim of a database for a statement, best first.

Two lexical rankers, fused by reciprocal rank (Cormack et al. 2009):
- BM25 over stemmed words without stop words: exact vocabulary, weighted by rarity;
- BM25 over character 4-grams of the running text: spelling variants, hashtags, compounds
  and word pairs ("e-cigarettes", "#FyreFestival", "Broomstick One") that words miss.
An optional third ranker, sentence embeddings (`claimcheck.retrieve.embed`), adds meaning beyond words.
Query words can carry weights learned from statements whose claim is known
(`learn_query_weights`, through `claimcheck learn-weights`): chatter such as "you" or a post's
date counts for less.

Measured on CheckThat! 2020 Task 2 (benchmarks/eval_checkthat.py): each lexical ranker alone
gives about the same MAP@5, their fusion beats both, and rapidfuzz re-scoring of the top
candidates did not help; so rapidfuzz stays where it is good (typos, names in `verify`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from claimcheck.language.lexicon import RANKING_STOP_WORDS
from claimcheck.language.normalize import stem

Floats = npt.NDArray[np.float32]

WORD_K1, WORD_B = 1.5, 0.75
CHAR_K1, CHAR_B = 1.2, 0.75
CHAR_N = 4
# Reciprocal rank fusion's constant and how deep each ranker's list goes into the fusion;
# both chosen on the CheckThat! training split.
RRF_K = 20
POOL = 100
# Learning query-word weights from statements whose claim is known: how strongly a rare word's
# weight is pulled toward 1, and the lowest weight a word can get. Chosen on CheckThat!'s
# training split, checked on dev (3 to 8 and 0.1 to 0.3 all give dev MAP@5 0.850 to 0.854).
LEARN_SMOOTHING = 5.0
LEARN_FLOOR = 0.2

_WORD = re.compile(r"(?u)\b\w\w+\b")
_URL = re.compile(r"\b(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")


def clean_query(text: str) -> str:
    """A statement as people post it, made searchable: links dropped (their random paths only
    add noise), hashtags and handles split into words (#DefundTheCBC is "Defund The CBC").
    Names in a post's signature stay: the author is often the claim's subject."""
    text = _URL.sub(" ", text)
    return _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in RANKING_STOP_WORDS]


def word_terms(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def char_terms(text: str) -> list[str]:
    """Character 4-grams of the text's words joined by single spaces, across word boundaries
    (so a pair of words is a feature too)."""
    joined = " " + " ".join(_WORD.findall(text.lower())) + " "
    return [joined[i : i + CHAR_N] for i in range(len(joined) - CHAR_N + 1)]


@dataclass
class Postings:
    """A BM25 index as compressed sparse columns: for term t, the documents
    docs[start[t]:start[t+1]] and their precomputed BM25 weights for it."""

    terms: dict[str, int]
    start: npt.NDArray[np.int64]
    docs: npt.NDArray[np.int32]
    weights: Floats
    size: int

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]], k1: float, b: float) -> Postings:
        terms: dict[str, int] = {}
        doc_ids: list[int] = []
        term_ids: list[int] = []
        counts: list[int] = []
        lengths = np.zeros(len(documents), dtype=np.float32)
        for doc, words in enumerate(documents):
            lengths[doc] = len(words)
            tally: dict[int, int] = {}
            for word in words:
                term = terms.setdefault(word, len(terms))
                tally[term] = tally.get(term, 0) + 1
            doc_ids.extend([doc] * len(tally))
            term_ids.extend(tally)
            counts.extend(tally.values())
        docs = np.asarray(doc_ids, dtype=np.int32)
        columns = np.asarray(term_ids, dtype=np.int64)
        tf = np.asarray(counts, dtype=np.float32)
        df = np.bincount(columns, minlength=len(terms)).astype(np.float32)
        n = len(documents)
        # Lucene's BM25: idf is never negative, so a very common term still counts a little.
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        average = float(lengths.mean()) if n else 1.0
        norm = k1 * (1 - b + b * lengths[docs] / max(average, 1e-9))
        weights = (tf * (k1 + 1) / (tf + norm) * idf[columns]).astype(np.float32)
        order = np.argsort(columns, kind="stable")
        start = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=start[1:])
        return cls(terms, start, docs[order], weights[order], n)

    def scores(self, query: Iterable[str], weights: Mapping[str, float] | None = None) -> Floats:
        """BM25 of every document for the query's distinct terms, each multiplied by its weight
        (1 for a term the weights do not name)."""
        ids = {self.terms[t]: (weights or {}).get(t, 1.0) for t in query if t in self.terms}
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        spans = [(slice(self.start[t], self.start[t + 1]), w) for t, w in ids.items()]
        docs = np.concatenate([self.docs[s] for s, _ in spans])
        found = [self.weights[s] if w == 1.0 else self.weights[s] * w for s, w in spans]
        return np.bincount(docs, weights=np.concatenate(found), minlength=self.size).astype(
            np.float32
        )


def best(scores: Floats, limit: int, *, positive_only: bool = True) -> npt.NDArray[np.int64]:
    """Indexes of the highest scores, best first; ties keep the collection's order, so the same
    query always gets the same list (and the first copy of a duplicated claim comes first).
    A BM25 score of 0 means no term in common: such documents are not ranked at all."""
    positive = np.flatnonzero(scores > 0) if positive_only else np.arange(len(scores))
    if len(positive) > limit:
        cut = np.partition(scores[positive], len(positive) - limit)[len(positive) - limit]
        positive = positive[scores[positive] >= cut]
    order = np.lexsort((positive, -scores[positive]))
    return positive[order][:limit]


def fuse(rankings: Sequence[npt.NDArray[np.int64]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list gives a document 1 / (k + rank)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking.tolist(), 1):
            fused[doc] = fused.get(doc, 0.0) + 1.0 / (k + rank)
    return fused


def learn_query_weights(
    examples: Iterable[tuple[Sequence[str], Collection[str]]],
    smoothing: float = LEARN_SMOOTHING,
    floor: float = LEARN_FLOOR,
) -> dict[str, float]:
    """Which words of the statements people write say little about the claim they restate.

    `examples` are (the statement's terms, the right claim's terms). A word's weight is how
    often the right claim has it when a statement does, over how often that happens for any
    word; a word seen in few statements is pulled toward 1 (`smoothing` statements' worth).
    Only weights below 1 are returned: learning weighs chatter down ("you", "look", a post's
    signature date), it never lets one word outweigh what BM25 says.
    """
    seen: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for statement, claim in examples:
        for term in set(statement):
            seen[term] += 1
            kept[term] += term in claim
    if not seen:
        return {}
    overall = sum(kept.values()) / sum(seen.values())
    if overall == 0:
        return {}
    weights = {}
    for term, count in seen.items():
        share = (kept[term] + smoothing * overall) / (count + smoothing)
        weight = max(floor, share / overall)
        if weight < 1.0:
            weights[term] = round(weight, 3)
    return weights
