"""Counts over the database: by source, theme, predicate and entity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimcheck.models import Database


@dataclass(frozen=True)
class Stats:
    claims: int  # quoted claims: what verify and conflicts reason over
    sources: int
    entities: int
    imported: int  # claims of imported collections (provenance by URL)
    by_source: dict[str, int]
    by_theme: dict[str, int]
    by_predicate: dict[str, int]
    by_entity: dict[str, int]
    by_collection: dict[str, int]  # imported claims by collection


def database_stats(db: Database) -> Stats:
    entity_mentions: Counter[str] = Counter()
    for claim in db.claims:
        entity_mentions.update({claim.subject, *([claim.object] if claim.object else [])})
    by_source = Counter(c.source for c in db.claims)
    return Stats(
        claims=len(db.claims),
        sources=len(db.sources),
        entities=len(db.entities),
        imported=len(db.imported),
        by_source={sid: by_source.get(sid, 0) for sid in sorted(db.sources)},
        by_theme=dict(Counter(c.theme for c in db.claims).most_common()),
        by_predicate=dict(Counter(c.predicate for c in db.claims).most_common()),
        by_entity=dict(entity_mentions.most_common()),
        by_collection=dict(Counter(c.collection for c in db.imported).most_common()),
    )
