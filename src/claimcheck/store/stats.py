"""Counts over the database: by source, theme, predicate and entity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimcheck.models import Database


@dataclass(frozen=True)
class Stats:
    claims: int
    sources: int
    entities: int
    by_source: dict[str, int]
    by_theme: dict[str, int]
    by_predicate: dict[str, int]
    by_entity: dict[str, int]


def database_stats(db: Database) -> Stats:
    entity_mentions: Counter[str] = Counter()
    for claim in db.claims:
        entity_mentions.update({claim.subject, *([claim.object] if claim.object else [])})
    by_source = Counter(c.source for c in db.claims)
    return Stats(
        claims=len(db.claims),
        sources=len(db.sources),
        entities=len(db.entities),
        by_source={sid: by_source.get(sid, 0) for sid in sorted(db.sources)},
        by_theme=dict(Counter(c.theme for c in db.claims).most_common()),
        by_predicate=dict(Counter(c.predicate for c in db.claims).most_common()),
        by_entity=dict(entity_mentions.most_common()),
    )
