"""The cache folder, and the content key of a cache: the database's files and the code that
reads them, so that an edit to either gives a new cache entry."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from claimcheck import __version__

CACHE_ENV = "CLAIMCHECK_CACHE_DIR"
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """$CLAIMCHECK_CACHE_DIR, else the platform's user cache folder (never the package)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck", appauthor=False))


def unusable_cache(error: OSError | Exception) -> str:
    """What to say, in one line, when a cache cannot be written and the run goes on without it.
    The same words for every cache of a run, so that it is said once."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return f"cannot write to the cache folder {cache_dir()} ({reason}); working without a cache"


def fingerprint(root: Path, kind: str, code: Iterable[str]) -> str:
    """A digest of every file of the database and of the code that builds the cache: `code`
    names modules or whole packages, relative to the claimcheck package ("retrieve/index.py",
    "language")."""
    digest = hashlib.sha256(f"claimcheck {__version__} {kind}".encode())
    for name in code:
        target = _PACKAGE / name
        for module in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(module.read_bytes())
    for folder in ("claims", "sources"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()
