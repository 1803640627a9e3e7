"""Link results on disk, with a timestamp each, so a CI re-run does not hit servers again.

Only the HTTP code is kept, and it is judged again against today's accept set when read. Only
links that were fine are answered from the cache: a broken or unreachable link is always
checked again, so a failure is never hidden by caching. Writes are atomic; a corrupt file is
ignored and rebuilt.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from claimcheck.links.check import LinkResult, Status, classify
from claimcheck.store.yamldoc import write_atomic

VERSION = 1
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_age(text: str) -> float:
    """'1d' -> 86400.0; '90m', '3600', '2w'. ValueError when it is none of these."""
    match = _AGE.match(text.lower())
    if match is None:
        raise ValueError(f"not a duration: {text!r} (try 30m, 12h, 1d, 2w)")
    return float(match.group(1)) * _SECONDS[match.group(2)]


class LinkCache:
    def __init__(self, path: Path, max_age: float):
        self.path = path
        self.max_age = max_age
        self._entries: dict[str, dict[str, object]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION:
                entries = data.get("links", {})
                self._entries = entries if isinstance(entries, dict) else {}
        except (OSError, ValueError):
            self._entries = {}  # missing or corrupt: start afresh, never fail because of it

    def get(self, url: str, accept: frozenset[int], *, guarded: bool = False) -> LinkResult | None:
        """The cached result of `url`, if it was fine and is fresh. A guarded run (one that
        refuses private addresses) takes only results that were checked under the guard: a
        redirect into private space that another run allowed is not answered for."""
        entry = self._entries.get(url)
        if not isinstance(entry, dict):
            return None
        if guarded and entry.get("guarded") is not True:
            return None
        checked, code = entry.get("checked_at"), entry.get("http_status")
        if not isinstance(checked, (int, float)) or not isinstance(code, int):
            return None
        if time.time() - checked > self.max_age:
            return None
        status = classify(code, accept, bool(entry.get("permanent_redirect")))
        if status not in (Status.OK, Status.REDIRECTED):
            return None
        final = entry.get("final_url")
        return LinkResult(url, status, code, final if isinstance(final, str) else None, cached=True)

    def last_known(self, url: str, accept: frozenset[int]) -> tuple[LinkResult, float] | None:
        """The last recorded answer for `url` and when it was checked (seconds since the epoch),
        however old and whatever it was, judged against today's accept set: what a report shows
        without checking. `get` is for deciding whether to check again."""
        entry = self._entries.get(url)
        if not isinstance(entry, dict):
            return None
        checked, code = entry.get("checked_at"), entry.get("http_status")
        if not isinstance(checked, (int, float)) or not isinstance(code, int):
            return None
        status = classify(code, accept, bool(entry.get("permanent_redirect")))
        final = entry.get("final_url")
        final_url = final if isinstance(final, str) else None
        return LinkResult(url, status, code, final_url, cached=True), float(checked)

    def put(self, result: LinkResult, *, guarded: bool = False) -> None:
        """Keep a result; `guarded` says whether every hop of it passed the address guard."""
        if result.http_status is None or result.cached:
            return  # timeouts and errors are transient: never stored
        self._entries[result.url] = {
            "http_status": result.http_status,
            "final_url": result.final_url,
            "permanent_redirect": result.status is Status.REDIRECTED,
            "checked_at": time.time(),
            "guarded": guarded,
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"version": VERSION, "links": self._entries}
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=0))
