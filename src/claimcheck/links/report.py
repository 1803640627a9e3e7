"""The links pipeline: URLs found (extract) -> checked, through the cache (check, cache) ->
one report, which the renderers print and the CLI turns into an exit code."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from claimcheck.links.cache import LinkCache
from claimcheck.links.check import Checker, LinkResult, Status, closest_snapshot
from claimcheck.links.config import Options
from claimcheck.links.extract import LinkRef, Location, extract_files, merge

ORDER = [Status.BROKEN, Status.ERROR, Status.TIMEOUT, Status.EXCLUDED, Status.REDIRECTED, Status.OK]


@dataclass
class Report:
    links: list[tuple[LinkRef, LinkResult | None]]
    requests: int = 0
    most_in_flight_per_host: int = 0

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(r.status.value for _, r in self.links if r is not None)
        return {s.value: counts[s.value] for s in ORDER if counts[s.value]}

    def failing(self, fail_on: frozenset[Status]) -> list[tuple[LinkRef, LinkResult]]:
        return [(ref, r) for ref, r in self.links if r is not None and r.status in fail_on]


def collect(paths: list[Path], root: Path | None) -> list[LinkRef]:
    """URLs in the given files; by default the database's sources and its claims' cites."""
    if paths:
        return merge(extract_files(paths, Path.cwd()))
    if root is None:
        return []
    from claimcheck.store.database import load_database

    db = load_database(root)
    refs = extract_files([root / "sources"], root)
    for claim in db.claims:
        for url in claim.cites:
            where = Location(str(claim.path.relative_to(root)), claim.line, 1)
            refs.append(LinkRef(url=url, printed=url, locations=[where], claims=[claim.id]))
    return merge(refs)


def run(
    refs: list[LinkRef],
    options: Options,
    *,
    cache_path: Path | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Any = None,
    on_done: Callable[[LinkResult], None] | None = None,
) -> Report:
    if options.offline:
        return Report([(ref, None) for ref in refs])
    cache = (
        LinkCache(cache_path, options.max_cache_age) if options.use_cache and cache_path else None
    )
    guarded = not options.check.allow_private

    def cached(url: str) -> LinkResult | None:
        # The checker asks only for URLs its patterns and address guard let through.
        return cache.get(url, options.check.accept, guarded=guarded) if cache else None

    results: dict[str, LinkResult] = {}
    candidates = {c for ref in refs for c in ref.candidates}
    extra_requests = 0

    async def check() -> Checker:
        nonlocal extra_requests
        checker = Checker(
            options.check, transport=transport, resolver=resolver, on_done=on_done, cached=cached
        )
        results.update(await checker.check_all(ref.url for ref in refs))
        broken = [ref for ref in refs if results[ref.url].status is Status.BROKEN]
        tried = [c for ref in broken for c in ref.candidates if c in candidates]
        if tried:  # a repair the text could not settle: does the other reading resolve?
            quiet = Checker(options.check, transport=transport, resolver=resolver)
            alternatives = await quiet.check_all(tried)
            extra_requests += sum(r.requests for r in alternatives.values())
            for ref in broken:
                for candidate in ref.candidates:
                    alt = alternatives.get(candidate)
                    if alt and alt.status in (Status.OK, Status.REDIRECTED):
                        results[ref.url].extra["likely_intended"] = candidate
                        break
        if options.suggest_archive:
            for ref in broken:
                snapshot = await closest_snapshot(ref.url, options.archive_api, transport)
                if snapshot:
                    results[ref.url].extra["archive"] = snapshot
        return checker

    checker = asyncio.run(check())
    if cache is not None:
        for result in results.values():
            cache.put(result, guarded=guarded)
        cache.save()
    requests = sum(r.requests for r in results.values() if not r.cached)
    requests += extra_requests
    most = max(checker.most_in_flight.values(), default=0)
    return Report([(ref, results[ref.url]) for ref in refs], requests, most)
