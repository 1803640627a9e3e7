"""`claimcheck report`: the database as a static HTML site that works offline from its folder.

gather() reads what the pages show (the database, its conflicts, its cited links with their
last known status), render_pages() turns it into HTML, and write_site() puts the files in
place: written into a temporary sibling folder, then swapped for the old site, so a failed run
leaves the previous report whole.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import DataError, UsageError
from claimcheck.render.report.pages import GENERATOR, LinkRow, ReportData, render_pages

if TYPE_CHECKING:
    from claimcheck.links.config import Options

__all__ = ["ASSETS", "Site", "Written", "gather", "render_pages", "write_report", "write_site"]

ASSETS = ("report.css", "report.js")


@dataclass(frozen=True)
class Written:
    """What write_site put in place: where, how many pages and files, their size in bytes."""

    out: Path
    pages: int
    files: int
    bytes: int


@dataclass(frozen=True)
class Site:
    """A report written, and what it shows."""

    written: Written
    sources: int
    claims: int
    conflicts: int
    links: int


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def gather(
    root: Path,
    *,
    check_links: bool = False,
    link_options: Options | None = None,
    cache_path: Path | None = None,
    transport: Any = None,  # an httpx.AsyncBaseTransport, for tests (only links/ names httpx)
    notify: Callable[[str], None] | None = None,
) -> ReportData:
    """Everything the pages show, read from the database at `root`.

    Links come from the cache at `cache_path` (default: the user's link cache) without any
    request, unless `check_links`: then they are checked now with `link_options` (default: the
    link checker's guarded defaults), through and into the cache. `transport` is for tests.
    """
    from claimcheck.judge.conflicts import find_conflicts
    from claimcheck.links.cache import LinkCache
    from claimcheck.links.config import Options
    from claimcheck.links.report import collect, run
    from claimcheck.retrieve.index import open_index
    from claimcheck.store.cache import cache_dir
    from claimcheck.store.database import load_database

    database = load_database(root)
    index = open_index(root, notify=notify)
    try:
        found = find_conflicts(
            index.claims(), index.entity_types, index.matcher, index.names_in_time
        )
    finally:
        index.close()

    options = link_options if link_options is not None else Options()
    cache_file = cache_path if cache_path is not None else cache_dir() / "links.json"
    refs = collect([], root)
    now = time.time()
    results = {}
    if check_links:
        report = run(refs, options, cache_path=cache_file, transport=transport)
        results = {ref.url: result for ref, result in report.links if result is not None}
    cache = LinkCache(cache_file, options.max_cache_age)
    rows = []
    for ref in refs:
        result = results.get(ref.url)
        known = cache.last_known(ref.url, options.check.accept)
        if result is not None:
            when = known[1] if result.cached and known else now
        elif known is not None:
            result, when = known
        else:
            when = None
        rows.append(
            LinkRow(
                url=ref.url,
                status=result.status.value if result else "unchecked",
                http_status=result.http_status if result else None,
                final_url=result.final_url if result else None,
                detail=result.detail if result else None,
                checked_at=_iso(when) if when is not None else None,
                locations=tuple((x.file, x.line) for x in ref.locations),
                claims=tuple(ref.claims),
            )
        )
    return ReportData(
        database=database,
        conflicts=tuple(found),
        links=tuple(rows),
        generated=datetime.now(UTC).strftime("%Y-%m-%d"),
        links_checked=check_links and not options.offline,
    )


def _is_report(folder: Path) -> bool:
    index = folder / "index.html"
    try:
        head = index.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def write_site(pages: dict[str, str], out: Path) -> Written:
    """Write `pages` and the style and script into `out`, replacing a previous report there.

    `out` must be missing, an empty folder, or a report written by this function: any other
    folder is refused (UsageError), never replaced.
    """
    out = Path(out)
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise UsageError("--out: exists and is not a folder", path=out)
        if any(out.iterdir()) and not _is_report(out):
            raise UsageError(
                "--out: a folder that is not a claimcheck report; give a new or empty folder",
                path=out,
            )
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise DataError(f"cannot write the report: {exc.strerror or exc}", path=out) from exc
    try:
        written = 0
        package = files("claimcheck.render.report")
        contents: dict[str, str] = {
            **pages,
            **{f"assets/{name}": package.joinpath(name).read_text("utf-8") for name in ASSETS},
        }
        for relative, text in contents.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            target.write_bytes(data)
            written += len(data)
        for folder in (staging, *(p for p in staging.rglob("*") if p.is_dir())):
            folder.chmod(0o755)  # mkdtemp makes 0700; a site is for reading
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Written(out, len(pages), len(contents), written)


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old site, if any, is removed only once the new one is
    in place. On POSIX the gap between the two renames is a moment without a site at `out`, never
    a half-written one."""
    old = None
    if out.exists() or out.is_symlink():
        old = staging.with_name(staging.name.removesuffix(".new") + ".old")
        try:
            out.rename(old)
        except OSError as exc:
            raise DataError(f"cannot replace the report: {exc.strerror or exc}", path=out) from exc
    try:
        staging.rename(out)
    except OSError as exc:
        if old is not None:
            with contextlib.suppress(OSError):
                old.rename(out)
        raise DataError(f"cannot write the report: {exc.strerror or exc}", path=out) from exc
    if old is not None and old.is_symlink():
        old.unlink()  # DIR was a link to a report: the link is replaced, its target left alone
    elif old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_report(
    root: Path,
    out: Path,
    *,
    check_links: bool = False,
    link_options: Options | None = None,
    cache_path: Path | None = None,
    transport: Any = None,  # an httpx.AsyncBaseTransport, for tests (only links/ names httpx)
    notify: Callable[[str], None] | None = None,
) -> Site:
    """gather(), render_pages() and write_site() in one call: the whole `report` command."""
    data = gather(
        root,
        check_links=check_links,
        link_options=link_options,
        cache_path=cache_path,
        transport=transport,
        notify=notify,
    )
    return Site(
        write_site(render_pages(data), out),
        sources=len(data.database.sources),
        claims=len(data.database.claims),
        conflicts=len(data.conflicts),
        links=len(data.links),
    )
