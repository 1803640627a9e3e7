"""The links pipeline: URLs found (extract) -> checked, through the cache (check, cache) ->
one report, which the renderers print and the CLI turns into an exit code."""

from __future__ import annotations

import asyncio
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from claimcheck.errors import DataError
from claimcheck.links.cache import LinkCache, parse_age
from claimcheck.links.check import Checker, LinkResult, Settings, Status, closest_snapshot
from claimcheck.links.extract import LinkRef, Location, extract_files, merge

ARCHIVE_API = "https://archive.org/wayback/available"
ORDER = [Status.BROKEN, Status.ERROR, Status.TIMEOUT, Status.EXCLUDED, Status.REDIRECTED, Status.OK]


@dataclass
class Options:
    """Settings for one run: the checker's, and what the run around it does."""

    check: Settings = field(default_factory=Settings)
    offline: bool = False
    use_cache: bool = True
    max_cache_age: float = 86400.0
    suggest_archive: bool = False
    archive_api: str = ARCHIVE_API
    fail_on: frozenset[Status] = frozenset({Status.BROKEN, Status.ERROR, Status.TIMEOUT})


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
    results: dict[str, LinkResult] = {}
    to_check: list[str] = []
    for ref in refs:
        hit = cache.get(ref.url, options.check.accept) if cache else None
        if hit is not None:
            results[ref.url] = hit
            if on_done:
                on_done(hit)
        else:
            to_check.append(ref.url)
    candidates = {c for ref in refs for c in ref.candidates}
    extra_requests = 0

    async def check() -> Checker:
        nonlocal extra_requests
        checker = Checker(options.check, transport=transport, resolver=resolver, on_done=on_done)
        results.update(await checker.check_all(to_check))
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
        for url in to_check:
            cache.put(results[url])
        cache.save()
    requests = sum(r.requests for r in results.values() if not r.cached)
    requests += extra_requests
    most = max(checker.most_in_flight.values(), default=0)
    return Report([(ref, results[ref.url]) for ref in refs], requests, most)


_KEYS = {
    "exclude", "accept", "timeout", "max_concurrency", "max_per_host", "retries",
    "max_cache_age", "allow_private", "suggest_archive", "archive_api", "fail_on", "format",
    "offline", "no_cache",
}  # fmt: skip


def load_config(folder: Path) -> dict[str, Any]:
    """The [links] table of claimcheck.toml, else [tool.claimcheck.links] of pyproject.toml."""
    for name, table in (
        ("claimcheck.toml", ("links",)),
        ("pyproject.toml", ("tool", "claimcheck", "links")),
    ):
        file = folder / name
        if not file.is_file():
            continue
        try:
            data: Any = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DataError(f"cannot read configuration: {exc}", path=file) from exc
        for key in table:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if not isinstance(data, dict) or not data:
            continue
        unknown = set(data) - _KEYS
        if unknown:
            raise DataError(f"unknown link setting(s): {', '.join(sorted(unknown))}", path=file)
        return dict(data)
    return {}


def parse_codes(value: str | list[Any]) -> frozenset[int]:
    """'200..299,403' or [200, 403, "429"] -> the set of accepted codes."""
    parts = value if isinstance(value, list) else str(value).split(",")
    codes: set[int] = set()
    for part in (str(p).strip() for p in parts):
        if not part:
            continue
        low, sep, high = part.partition("..")
        if not (low.isdigit() and (not sep or high.isdigit())):
            raise ValueError(f"not a status code or range: {part!r}")
        codes.update(range(int(low), int(high) + 1) if sep else {int(low)})
    return frozenset(codes)


def options_from(config: dict[str, Any], flags: dict[str, Any]) -> Options:
    """Flags win over the configuration file, which wins over the defaults."""
    merged = {**config, **{k: v for k, v in flags.items() if v is not None}}
    base = Settings()
    try:
        # --accept replaces the default set, so that `--accept 200..299` is strict
        accept = parse_codes(merged["accept"]) if "accept" in merged else base.accept
        excludes = merged.get("exclude", ())
        settings = Settings(
            timeout=float(merged.get("timeout", base.timeout)),
            max_concurrency=int(merged.get("max_concurrency", base.max_concurrency)),
            max_per_host=int(merged.get("max_per_host", base.max_per_host)),
            retries=int(merged.get("retries", base.retries)),
            accept=accept,
            exclude=tuple([excludes] if isinstance(excludes, str) else excludes),
            allow_private=bool(merged.get("allow_private", False)),
        )
        fail_on = merged.get("fail_on", "broken,error,timeout")
        fail = frozenset(
            Status(s.strip())
            for s in (fail_on.split(",") if isinstance(fail_on, str) else fail_on)
            if s.strip()
        )
        age = merged.get("max_cache_age", "1d")
        return Options(
            check=settings,
            offline=bool(merged.get("offline", False)),
            use_cache=not merged.get("no_cache", False),
            max_cache_age=parse_age(str(age)),
            suggest_archive=bool(merged.get("suggest_archive", False)),
            archive_api=str(merged.get("archive_api", ARCHIVE_API)),
            fail_on=fail,
        )
    except (ValueError, TypeError) as exc:
        raise DataError(f"bad link setting: {exc}") from exc
