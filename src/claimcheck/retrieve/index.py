"""Candidate retrieval over claims: an SQLite FTS5 index (BM25), built once per database
content and cached on disk in the user's cache folder. A stale index is rebuilt; so is a damaged
one, once, when any read of it fails (even in the middle of a batch); when the cache folder
cannot be written, the index is built in memory for the run."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from claimcheck.errors import DataError
from claimcheck.language.figures import claim_figures, event_words, own_words
from claimcheck.language.firsts import First, firsts
from claimcheck.language.names import EntityMatcher, name_at_start
from claimcheck.language.normalize import content_stems, fold, stem
from claimcheck.language.offices import Office, offices
from claimcheck.models import Claim, Database, Figure, NamePeriod, Quantity
from claimcheck.store.cache import cache_dir, fingerprint, unusable_cache
from claimcheck.store.yamldoc import atomic_path

FORMAT = 23  # bump when the index layout or what goes into it changes
KEEP_INDEXES = 8
FEW = 5  # fewer candidates than this naming the statement's entities: look by words too
TOKENIZER = "porter unicode61 remove_diacritics 2"


# The code that decides what goes into the index: a change to it is a new index.
_INDEXING_CODE = ("retrieve/index.py", "language")


def index_key(root: Path) -> str:
    """The content key of this database's index."""
    return fingerprint(root, f"index {FORMAT}", _INDEXING_CODE)


def entity_token(entity_id: str) -> str:
    """One FTS token per entity, so any alias of it in a statement finds its claims."""
    return "ent" + re.sub(r"[^a-z0-9]", "", entity_id)


@dataclass(frozen=True)
class IndexedClaim:
    """What verify needs of a claim, without reading the YAML again."""

    id: str
    text: str
    quote: str
    source_id: str
    source_title: str | None
    source_line: int  # the line of its quote in the source (models.Claim.line is the YAML line)
    start: int
    end: int
    cites: tuple[str, ...]
    subject: str
    predicate: str
    object: str | None
    negated: bool
    quantity: Quantity | None
    date: str | None
    date_bound: str | None
    status: str | None
    scope: dict[str, str]
    entities: frozenset[str]
    stem_words: str  # the stems of its text and quote, space-separated: what it is about
    # Read from its text once, at build time (language.figures), as JSON-ready lists:
    figure_data: list[dict[str, Any]]  # its figures, with what each counts
    kind_words: list[str]  # kinds of event its predicate and sentence tell
    form_words: list[str]  # roots of its sentence's words
    own_words: list[str]  # its content words outside names, figures and dates
    # (entity, name, the entity's names in time) when it says what the entity was called at its
    # start ("initially it was named 14+1")
    initial_name: list[Any] | None = None
    # the offices its sentence gives people: entity -> [head, portfolio, rank] (language.offices)
    office_data: dict[str, list[str | None]] = field(default_factory=dict)

    # Built on first use: judging needs them, reading 100,000 claims for conflicts does not.
    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(self.stem_words.split())

    @cached_property
    def offices(self) -> dict[str, Office]:
        return {e: Office(str(head), *rest) for e, (head, *rest) in self.office_data.items()}

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(_figure(raw) for raw in self.figure_data)

    @cached_property
    def firsts(self) -> frozenset[First]:
        """The kinds of event its sentence says were the first of their kind."""
        return firsts(fold(self.text))

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.kind_words)

    @cached_property
    def forms(self) -> frozenset[str]:
        return frozenset(self.form_words)


# What reading a damaged index raises: SQLite's errors, and garbage where JSON or a field was.
UNREADABLE = (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError)
T = TypeVar("T")
# Given what went wrong, builds the index again: its connection and file (None: in memory).
Rebuild = Callable[[BaseException], tuple[sqlite3.Connection, Path | None]]


class ClaimIndex:
    def __init__(
        self,
        path: Path | None,
        conn: sqlite3.Connection | None = None,
        *,
        rebuild: Rebuild | None = None,
    ):
        """The index in the file at `path` (read only), or the one open at `conn`. `rebuild`
        is called, once, when a read fails: an index may be read lazily, well into a batch."""
        self.path = path
        self._conn = conn if conn is not None else _connect_ro(path)
        self._rebuild = rebuild
        self._matcher: EntityMatcher | None = None
        self._read_meta()

    def _read_meta(self) -> None:
        meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        if int(meta.get("format", -1)) != FORMAT:
            raise sqlite3.DatabaseError("index format mismatch")
        self.size = int(meta["claims"])
        self.fingerprint = meta["fingerprint"]
        entities: dict[str, dict[str, Any]] = json.loads(meta["entities"])
        self.entity_names: dict[str, list[str]] = {e: info["names"] for e, info in entities.items()}
        self.entity_types = {e: info["type"] for e, info in entities.items()}
        self._kin = _kin({e: info["broader"] for e, info in entities.items()})
        self.names_in_time: dict[str, tuple[NamePeriod, ...]] = {
            e: tuple(NamePeriod(*period) for period in info["names_in_time"])
            for e, info in entities.items()
            if info["names_in_time"]
        }

    def _read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """The query's answer; when the index turns out damaged, it is rebuilt and asked again."""
        try:
            return query(self._conn)
        except UNREADABLE as exc:
            if self._rebuild is None:
                raise DataError(f"the claim index cannot be read: {exc}", path=self.path) from exc
            rebuild, self._rebuild = self._rebuild, None
            self._conn.close()
            self._conn, self.path = rebuild(exc)
            self._read_meta()
        return query(self._conn)

    @property
    def matcher(self) -> EntityMatcher:
        if self._matcher is None:
            self._matcher = EntityMatcher(self.entity_names.items())
        return self._matcher

    def names_of(self, entity_id: str) -> list[str]:
        return self.entity_names.get(entity_id, [])

    def kin(self, entity_id: str) -> frozenset[str]:
        """The entity and those it is part of or that are part of it (Chinese tourists, China)."""
        return self._kin.get(entity_id, frozenset({entity_id}))

    def close(self) -> None:
        self._conn.close()

    def search(
        self, words: Sequence[str], entities: Iterable[str], limit: int
    ) -> list[tuple[IndexedClaim, float]]:
        """Claims ranked by BM25 over the statement's words and names, best first.

        Only a claim that names every entity of the statement (or one of its kin) can decide a
        verdict, so when there are names the query asks for all of them: on a large database
        that cuts the claims to rank from half the collection to a handful. The statement's
        rarer words then fill up the list with related claims.
        """
        named = sorted(set(entities))
        groups = [sorted(map(entity_token, self.kin(e))) for e in named]
        ranked = _any([*words, *map(entity_token, named)])
        if not ranked:
            return []
        found: dict[str, tuple[IndexedClaim, float]] = {}
        if groups:
            required = " AND ".join(f"({_any(group)})" for group in groups)
            self._collect(found, f"{required} AND ({ranked})", limit)
        if 3 <= len(groups) <= 4:
            # "... from China": a claim that names all but one of the statement's entities may
            # still be about its fact (and decide it, if it cancels or confirms the same thing).
            # With two names, one alone would be too broad a query to be worth its time.
            for dropped in range(len(groups)):
                rest = [g for i, g in enumerate(groups) if i != dropped]
                required = " AND ".join(f"({_any(group)})" for group in rest)
                self._collect(found, f"{required} AND ({ranked})", limit // 4)
        elif len(groups) == 2:
            # "Hesteel, China's biggest steelmaker": a claim may name only the rarer of the two,
            # the other saying which it is. Not when both are common: ranking every claim that
            # names Serbia would cost more than it finds.
            df = self.document_frequency(named)
            rarer = min(range(2), key=lambda i: df.get(named[i], 0))
            if df.get(named[rarer], 0) <= self._common():
                self._collect(found, f"({_any(groups[rarer])}) AND ({ranked})", limit // 4)
        if len(found) < FEW and words:
            # Nothing names the same things: look for the statement's distinctive words, not
            # its common ones, which would make SQLite rank half the collection.
            df = self.document_frequency(stem(w) for w in words)
            rare = sorted(
                (w for w in set(words) if df.get(stem(w), 0) <= self._common()),
                key=lambda w: df.get(stem(w), 0),
            )
            if rare:
                self._collect(found, _any(rare[:6]), limit - len(found))
        return list(found.values())

    def _common(self) -> int:
        """Claims with a word or name beyond which it is too common to look claims up by."""
        return max(50, self.size // 20)

    def _collect(
        self, found: dict[str, tuple[IndexedClaim, float]], query: str, limit: int
    ) -> None:
        rows = self._read(
            lambda conn: [
                (_decode(data), rank)
                for data, rank in conn.execute(
                    "SELECT c.data, bm25(claims_fts, 1.0, 0.5, 2.0) AS rank FROM claims_fts "
                    "JOIN claims c ON c.rowid = claims_fts.rowid "
                    "WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
                    (query, limit),
                )
            ]
        )
        for claim, rank in rows:
            found.setdefault(claim.id, (claim, -rank))

    def by_ids(self, ids: Sequence[str]) -> list[IndexedClaim]:
        """The claims with these ids, in the order given (unknown ids are skipped)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = self._read(
            lambda conn: {
                claim_id: _decode(data)
                for claim_id, data in conn.execute(
                    f"SELECT id, data FROM claims WHERE id IN ({marks})", list(ids)
                )
            }
        )
        return [found[i] for i in ids if i in found]

    def naming(self, entities: Sequence[str], limit: int) -> list[IndexedClaim]:
        """Claims whose facets or sentence name every one of these entities (at most `limit`)."""
        if not entities:
            return []
        required = " AND ".join(_any([entity_token(e)]) for e in sorted(set(entities)))
        return self._read(
            lambda conn: [
                _decode(data)
                for (data,) in conn.execute(
                    "SELECT c.data FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
                    "WHERE claims_fts MATCH ? LIMIT ?",
                    (required, limit),
                )
            ]
        )

    def claims(self) -> list[IndexedClaim]:
        """Every claim, in the order the database lists them."""
        from claimcheck.store.database import bulk_allocation

        def every(conn: sqlite3.Connection) -> list[IndexedClaim]:
            # One JSON array decoded at once is much faster than 100,000 small documents.
            (array,) = conn.execute(
                "SELECT '[' || coalesce(group_concat(data, ','), '') || ']' "
                "FROM (SELECT data FROM claims ORDER BY rowid)"
            ).fetchone()
            return [_claim(raw) for raw in json.loads(array)]

        with bulk_allocation():
            return self._read(every)

    def document_frequency(self, stems: Iterable[str]) -> dict[str, int]:
        wanted = sorted(set(stems))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        return self._read(
            lambda conn: {
                term: int(df)
                for term, df in conn.execute(
                    f"SELECT term, df FROM terms WHERE term IN ({marks})", wanted
                )
            }
        )

    def idf(self, df: int) -> float:
        return math.log(1 + (self.size + 1) / (df + 0.5))


def _kin(broader: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    kin: dict[str, set[str]] = {e: {e} for e in broader}
    for entity, parents in broader.items():
        for parent in parents:
            kin[entity].add(parent)
            kin.setdefault(parent, {parent}).add(entity)
    return {e: frozenset(k) for e, k in kin.items()}


def _decode(data: str) -> IndexedClaim:
    return _claim(json.loads(data))


def _claim(raw: dict[str, Any]) -> IndexedClaim:
    raw["cites"] = tuple(raw["cites"])
    raw["entities"] = frozenset(raw["entities"])
    if raw["quantity"] is not None:
        raw["quantity"] = Quantity(**raw["quantity"])
    return IndexedClaim(**raw)


def _figure(raw: dict[str, Any]) -> Figure:
    return Figure(
        Quantity(**raw["quantity"]),
        raw["head"],
        raw["thing"],
        tuple(raw["measure"]),
        frozenset(raw["flows"]),
        tuple(raw["holders"]),
        raw["dimension"],
        raw["increment"],
        tuple(raw["described"]),
    )


def _quantity_record(q: Quantity) -> dict[str, Any]:
    # by hand: dataclasses.asdict deep-copies, a quarter of the index build at 100,000 claims
    return {
        "value": q.value,
        "unit": q.unit,
        "currency": q.currency,
        "bound": q.bound,
        "max": q.max,
    }


def _figure_record(figure: Figure) -> dict[str, Any]:
    return {
        "quantity": _quantity_record(figure.quantity),
        "head": figure.head,
        "thing": figure.thing,
        "measure": list(figure.measure),
        "flows": sorted(figure.flows),
        "holders": list(figure.holders),
        "dimension": figure.dimension,
        "increment": figure.increment,
        "described": list(figure.described),
    }


def open_index(
    root: Path,
    load: Any = None,
    candidates: Sequence[Path] = (),
    notify: Callable[[str], None] | None = None,
) -> ClaimIndex:
    """The index for this database's current content, built if missing, stale or damaged.

    `load` reads the database when a build is needed (defaults to db.load_database).
    `candidates` are files written by `claimcheck extract`, whose claims join the database's.
    `notify` is told, in one line, when a damaged index was rebuilt or the cache folder could
    not be used (the index then lives in memory for this run).
    """
    folder = cache_dir() / "index"
    key = index_key(root)
    if candidates:
        digest = hashlib.sha256(key.encode())
        for file in candidates:
            digest.update(file.read_bytes())
        key = digest.hexdigest()
    path = folder / f"{key[:40]}.sqlite"

    def build(damage: BaseException | None) -> tuple[sqlite3.Connection, Path | None]:
        database = _database(root, load, candidates)
        if damage is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        try:
            build_index(database, path, key)
        except (OSError, sqlite3.Error) as exc:
            conn = sqlite3.connect(":memory:")
            _fill(conn, database, key)
            if notify is not None:
                notify(unusable_cache(exc))
            return conn, None
        _prune(folder, keep=path)
        if damage is not None and notify is not None:
            notify(f"the claim index {path} could not be read ({damage}); rebuilt it")
        return _connect_ro(path), path

    damage: BaseException | None = None
    try:
        if path.exists():
            index = ClaimIndex(path, rebuild=build)
            if index.fingerprint == key:
                return index
            index.close()  # another content whose key starts the same: replaced below
    except (*UNREADABLE, OSError) as exc:
        damage = exc
    conn, where = build(damage)
    return ClaimIndex(where, conn)


def _connect_ro(path: Path | None) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _database(root: Path, load: Any, candidates: Sequence[Path]) -> Database:
    if load is None:
        from claimcheck.store.database import load_database as load
    from claimcheck.store.database import bulk_allocation

    with bulk_allocation():
        database: Database = load(root)
        if candidates:
            from dataclasses import replace

            from claimcheck.store.candidates import read_candidates

            extra = [claim for file in candidates for claim in read_candidates(file)]
            database = replace(database, claims=(*database.claims, *extra))
    return database


def build_index(db: Database, path: Path, key: str) -> None:
    """Write the index to a temporary file and move it into place, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, db, key)
        finally:
            conn.close()


def _fill(conn: sqlite3.Connection, db: Database, key: str) -> None:
    entity_names = {e.id: [e.name, *e.aliases] for e in db.entities.values()}
    entity_info = {
        e.id: {
            "names": entity_names[e.id],
            "broader": list(e.broader),
            "type": e.type,
            "names_in_time": [[p.name, p.start, p.until, p.note] for p in e.names_in_time],
        }
        for e in db.entities.values()
    }
    matcher = EntityMatcher(entity_names.items())
    conn.executescript(
        f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE claims (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            text, quote, entities, content='', tokenize='{TOKENIZER}');
        """
    )
    df: Counter[str] = Counter()
    rows = []
    for rowid, claim in enumerate(db.claims, 1):
        record = _record(claim, db, matcher)
        df.update(record["stem_words"].split())
        df.update(record["entities"])
        rows.append((rowid, claim, record))
    conn.executemany(
        "INSERT INTO claims (rowid, id, data) VALUES (?, ?, ?)",
        (
            (rowid, claim.id, json.dumps(record, ensure_ascii=False))
            for rowid, claim, record in rows
        ),
    )
    conn.executemany(
        "INSERT INTO claims_fts (rowid, text, quote, entities) VALUES (?, ?, ?, ?)",
        (
            (rowid, claim.text, claim.quote, " ".join(map(entity_token, record["entities"])))
            for rowid, claim, record in rows
        ),
    )
    conn.executemany("INSERT INTO terms VALUES (?, ?)", df.items())
    meta = {
        "format": str(FORMAT),
        "fingerprint": key,
        "root": str(db.root),
        "claims": str(len(rows)),
        "entities": json.dumps(entity_info, ensure_ascii=False),
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.commit()


def _record(claim: Claim, db: Database, matcher: EntityMatcher) -> dict[str, Any]:
    source = db.sources.get(claim.source)
    # Entities of the claim's own sentence: its quote may run on into neighbouring facts.
    mentions = matcher.find(claim.text)
    entities = {*(e for e in (claim.subject, claim.object) if e), *(m.entity_id for m in mentions)}
    quantity = claim.quantity
    figures = claim_figures(
        claim.text,
        quantity,
        thing=claim.object,
        scope=claim.scope,
        predicate=claim.predicate,
        holder=claim.subject,
        names=sorted((m.start, m.end, m.entity_id) for m in mentions),
    )
    kinds, forms = event_words(claim.text, claim.predicate)
    folded = fold(claim.text)
    periods = {e: db.entities[e].names_in_time for e in entities if e in db.entities}
    initially = name_at_start(
        folded, ((m.entity_id, folded[m.start : m.end]) for m in mentions), periods
    )
    return {
        "id": claim.id,
        "text": claim.text,
        "quote": claim.quote,
        "source_id": claim.source,
        "source_title": source.title if source else None,
        "source_line": source.line_of(claim.start) if source else 0,
        "start": claim.start,
        "end": claim.end,
        "cites": list(claim.cites),
        "subject": claim.subject,
        "predicate": claim.predicate,
        "object": claim.object,
        "negated": claim.negated,
        "quantity": _quantity_record(quantity) if quantity else None,
        "date": claim.date,
        "date_bound": claim.date_bound,
        "status": claim.status,
        "scope": claim.scope,
        "entities": sorted(entities),
        "stem_words": " ".join(sorted(set(content_stems(claim.text + " " + claim.quote)))),
        "figure_data": [_figure_record(f) for f in figures],
        "kind_words": sorted(kinds),
        "form_words": sorted(forms),
        "own_words": own_words(claim.text, [(m.start, m.end) for m in mentions]),
        "initial_name": (
            [*initially, sorted({p.name for p in periods[initially[0]]})] if initially else None
        ),
        "office_data": {  # people's: "attache of China" is no office of China's
            entity: [office.head, office.portfolio, office.rank]
            for entity, office in offices(
                folded, ((m.start, m.end, m.entity_id) for m in mentions)
            ).items()
            if entity in db.entities and db.entities[entity].type == "person"
        },
    }


def _prune(folder: Path, keep: Path) -> None:
    """Keep the most recently used indexes; each database state has its own file."""
    indexes = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in [p for p in indexes if p != keep][KEEP_INDEXES - 1 :]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _any(terms: Iterable[str]) -> str:
    """An FTS5 query for any of the terms, each quoted so that no word is read as syntax."""
    return " OR ".join(sorted({'"' + t.replace('"', "") + '"' for t in terms if t}))
