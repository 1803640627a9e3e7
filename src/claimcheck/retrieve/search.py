"""`claimcheck search`: every claim of a database, quoted or imported, ranked for a statement.

The rankers live in `claimcheck.retrieve.ranking`; this module decides what text of a claim is indexed,
keeps the built index in the user's cache folder (one file per database content, rebuilt when
stale or damaged, written atomically; kept in memory only when the folder cannot be written)
and explains each hit.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck.errors import DataError
from claimcheck.language.normalize import stem
from claimcheck.models import Database
from claimcheck.retrieve.ranking import (
    CHAR_B,
    CHAR_K1,
    POOL,
    WORD_B,
    WORD_K1,
    Floats,
    Postings,
    best,
    char_terms,
    clean_query,
    content_words,
    fuse,
    word_terms,
)
from claimcheck.store.cache import cache_dir, fingerprint, unusable_cache
from claimcheck.store.yamldoc import read_yaml, write_atomic

FORMAT = 1  # bump when the file layout changes
WEIGHTS_FILE = "query-weights.yaml"  # learned by `claimcheck learn-weights` (tuning.py)
_CODE = ("retrieve/search.py", "retrieve/ranking.py", "language/normalize.py")
KEEP = 8
RANKERS = ("words", "chars", "meaning")


@dataclass(frozen=True)
class Document:
    """What search shows of a claim."""

    id: str
    text: str
    kind: str  # "quoted" (anchored in a source) or "imported" (from a collection, by URL)
    origin: str  # the source's id, or the collection's name
    title: str | None = None
    url: str | None = None
    rating: str | None = None
    quote: str | None = None

    @property
    def indexed_text(self) -> str:
        # A fact-check's title restates its claim in other words (worth +0.07 MAP@5 on
        # CheckThat!); so does the source's own wording of a quoted claim.
        return " ".join(filter(None, (self.text, self.title, self.quote)))


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float  # reciprocal-rank fusion: higher is better, comparable within one query
    ranks: dict[str, int]  # where each ranker placed the claim (left out: not in its top POOL)
    matched: tuple[str, ...]  # the statement's words that the claim also has


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]


@dataclass
class SearchIndex:
    documents: list[Document]
    words: Postings
    chars: Postings
    vectors: Floats | None = None  # unit sentence embeddings, one row per document
    encoder: Any = field(default=None, repr=False)  # claimcheck.embed.Encoder
    query_weights: dict[str, float] = field(default_factory=dict)  # learned: tuning.py

    def search(self, query: str, top: int = 5) -> SearchResult:
        cleaned = clean_query(query)
        query_words = word_terms(cleaned)
        rankings = {
            "words": best(self.words.scores(query_words, self.query_weights), POOL),
            "chars": best(self.chars.scores(char_terms(cleaned)), POOL),
        }
        if self.vectors is not None and self.encoder is not None and cleaned.strip():
            similarity = self.vectors @ self.encoder.encode([cleaned])[0]
            rankings["meaning"] = best(similarity, POOL, positive_only=False)
        fused = fuse(list(rankings.values()))
        # Ties keep the collection's order, as each ranking does.
        chosen = sorted(fused, key=lambda doc: (-fused[doc], doc))[:top]
        positions = {
            name: {doc: rank for rank, doc in enumerate(ranking.tolist(), 1)}
            for name, ranking in rankings.items()
        }
        hits = []
        for doc in chosen:
            document = self.documents[doc]
            ranks = {name: p[doc] for name, p in positions.items() if doc in p}
            hits.append(Hit(document, round(fused[doc], 6), ranks, _matched(cleaned, document)))
        return SearchResult(query, tuple(hits))


def _matched(cleaned: str, document: Document) -> tuple[str, ...]:
    terms = set(word_terms(document.indexed_text))
    return tuple(dict.fromkeys(w for w in content_words(cleaned) if stem(w) in terms))


def documents_of(database: Database) -> list[Document]:
    documents = [Document(c.id, c.text, "quoted", c.source, quote=c.quote) for c in database.claims]
    documents.extend(
        Document(c.id, c.text, "imported", c.collection, c.title, c.url, c.rating)
        for c in database.imported
    )
    return documents


def build_index(documents: list[Document]) -> SearchIndex:
    texts = [d.indexed_text for d in documents]
    return SearchIndex(
        documents,
        Postings.build([word_terms(t) for t in texts], WORD_K1, WORD_B),
        Postings.build([char_terms(t) for t in texts], CHAR_K1, CHAR_B),
    )


def open_search_index(
    root: Path, *, semantic: bool = False, notify: Callable[[str], None] | None = None
) -> SearchIndex:
    """The search index of this database's current content, from the cache when it is there,
    with the query-word weights learned for the database (`claimcheck learn-weights`).
    A cache file that cannot be read is built again; when the cache folder cannot be written,
    `notify` is told in one line and the index lives in memory for this run."""
    folder = cache_dir() / "search"
    key = fingerprint(root, kind=f"search {FORMAT}", code=_CODE)
    path = folder / f"{key[:40]}.npz"
    index = _load(path, key)
    if index is None:
        from claimcheck.store.database import bulk_allocation, load_database

        with bulk_allocation():
            index = build_index(documents_of(load_database(root)))
        try:
            _save(index, path, key)
            _prune(folder, keep=path)
        except OSError as exc:
            if notify is not None:
                notify(unusable_cache(exc))
    index.query_weights = read_weights(root)
    if semantic:
        from claimcheck.retrieve.embed import load_encoder

        index.encoder = load_encoder()
        path = path.with_suffix(f".{index.encoder.name}.npy")
        index.vectors = _vectors(index, path, notify)
    return index


def _vectors(index: SearchIndex, path: Path, notify: Callable[[str], None] | None) -> Floats:
    """Sentence embeddings of every document, computed once per database content."""
    with contextlib.suppress(OSError, ValueError, EOFError):
        vectors: Floats = np.load(path, allow_pickle=False)
        if vectors.ndim == 2 and vectors.shape[0] == len(index.documents) and _unit(vectors):
            return vectors
    vectors = index.encoder.encode([d.indexed_text for d in index.documents])
    try:
        _write_atomic(path, lambda handle: np.save(handle, vectors))
    except OSError as exc:
        if notify is not None:
            notify(unusable_cache(exc))
    return vectors


def _unit(vectors: Floats) -> bool:
    """Every row of unit length (or zero): an .npy file has no checksum, and damage to its
    numbers is caught here, not in a ranking gone strange."""
    norms = np.linalg.norm(vectors.astype(np.float64), axis=1)
    return bool(np.all((np.abs(norms - 1) < 1e-3) | (norms == 0)))


def _postings_arrays(name: str, postings: Postings) -> dict[str, Any]:
    return {
        f"{name}_start": postings.start,
        f"{name}_docs": postings.docs,
        f"{name}_weights": postings.weights,
    }


def _save(index: SearchIndex, path: Path, key: str) -> None:
    meta = {
        "format": FORMAT,
        "fingerprint": key,
        "documents": [asdict(d) for d in index.documents],
        "words": list(index.words.terms),
        "chars": list(index.chars.terms),
    }
    arrays = {
        **_postings_arrays("words", index.words),
        **_postings_arrays("chars", index.chars),
        "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, lambda handle: np.savez(handle, **arrays))


def _load(path: Path, key: str) -> SearchIndex | None:
    """The cached index, or None when it is missing, stale or unreadable (then it is rebuilt)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes())
            if meta.get("format") != FORMAT or meta.get("fingerprint") != key:
                return None
            documents = [Document(**d) for d in meta["documents"]]
            postings = {
                name: Postings(
                    {t: i for i, t in enumerate(meta[name])},
                    data[f"{name}_start"],
                    data[f"{name}_docs"],
                    data[f"{name}_weights"],
                    len(documents),
                )
                for name in ("words", "chars")
            }
    except (OSError, ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile, EOFError):
        return None  # missing, or damaged (a zip member's checksum, JSON, a field)
    return SearchIndex(documents, postings["words"], postings["chars"])


def _write_atomic(path: Path, write: Any) -> None:
    buffer = io.BytesIO()
    write(buffer)
    write_atomic(path, buffer.getvalue())


def _prune(folder: Path, keep: Path) -> None:
    """Keep the most recently used indexes (and their embeddings)."""
    indexes = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in [p for p in indexes if p != keep][KEEP - 1 :]:
        for companion in (stale, *stale.parent.glob(stale.stem + ".*.npy")):
            with contextlib.suppress(OSError):
                companion.unlink()


def read_weights(root: Path) -> dict[str, float]:
    """The database's learned query-word weights; none when it has no weights file."""
    path = root / WEIGHTS_FILE
    if not path.exists():
        return {}
    doc = read_yaml(path)
    weights = doc.data.get("weights") if isinstance(doc.data, dict) else None
    if not isinstance(weights, dict):
        raise DataError("not a query-weights file (no `weights:` mapping)", path=path, line=1)
    found = {}
    for term, value in weights.items():
        if (
            not isinstance(term, str)
            or isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= 1
        ):
            raise DataError(
                f"the weight of {term!r} must be a number from 0 to 1",
                path=path,
                line=doc.line_of(["weights", term]),
            )
        found[term] = float(value)
    return found
