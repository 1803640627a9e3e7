"""Shared fixtures: a tiny database factory in tmp_path, and no network for any test."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimcheck.store.anchor import context

REPO = Path(__file__).resolve().parents[1]

SOURCE_TEXT = (
    "Drones over Belgrade\n"
    "In 2018 Serbia ordered nine Wing Loong drones from China.\n"
    "The first six CH-92A drones arrived in June 2020.\n"
    "Huawei installed one thousand cameras in Belgrade.\n"
)


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every cache the tests make goes to a temporary folder, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection that is not to this machine fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def claim_for(text: str, quote: str, claim_id: str, **facets: Any) -> dict[str, Any]:
    start = text.index(quote)
    end = start + len(quote)
    prefix, suffix = context(text, start, end)
    claim = {
        "id": claim_id,
        "text": facets.pop("text", quote),
        "source": facets.pop("source", "drones-article"),
        "quote": quote,
        "start": start,
        "end": end,
        "prefix": prefix,
        "suffix": suffix,
        "subject": facets.pop("subject", "serbia"),
        "predicate": facets.pop("predicate", "ordered"),
    }
    claim.update(facets)
    return claim


def default_claims(text: str = SOURCE_TEXT) -> list[dict[str, Any]]:
    return [
        claim_for(
            text,
            "In 2018 Serbia ordered nine Wing Loong drones from China.",
            "t-001",
            object="wing-loong",
            quantity={"value": 9, "unit": "drone", "bound": "exact"},
            date="2018",
        ),
        claim_for(
            text,
            "The first six CH-92A drones arrived in June 2020.",
            "t-002",
            predicate="received",
            object="ch-92a",
            quantity={"value": 6, "unit": "drone"},
            date="2020-06",
        ),
    ]


ENTITIES = [
    {"id": "serbia", "name": "Serbia", "type": "country", "aliases": ["Srbija"]},
    {"id": "wing-loong", "name": "Wing Loong", "type": "weapon_system", "aliases": ["Pterodactyl"]},
    {"id": "ch-92a", "name": "CH-92A", "type": "weapon_system", "aliases": ["CH92A"]},
]


DbFactory = Callable[..., Path]


def make_database(
    root: Path,
    *,
    claims: list[dict[str, Any]] | None = None,
    claims_yaml: str | None = None,
    text: str = SOURCE_TEXT,
    sha256: str | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Path:
    """Write a small database at `root`; arguments override its parts."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    (root / "sources" / "drones-article.txt").write_text(text, encoding="utf-8", newline="")
    meta = {
        "id": "drones-article",
        "file": "drones-article.txt",
        "title": "Drones over Belgrade",
        "authors": [],
        "publisher": None,
        "date": None,
        "url": None,
        "language": "en",
        "sha256": sha256 or hashlib.sha256(text.encode()).hexdigest(),
        "notes": None,
    }
    (root / "sources" / "drones-article.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    (root / "claims" / "entities.yaml").write_text(
        yaml.safe_dump({"entities": ENTITIES if entities is None else entities}, sort_keys=False)
    )
    if claims_yaml is None:
        document = {
            "theme": "drones",
            "claims": default_claims(text) if claims is None else claims,
        }
        claims_yaml = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    (root / "claims" / "drones.yaml").write_text(claims_yaml, encoding="utf-8")
    return root


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[DbFactory]:
    """make_database in this test's tmp_path (or at `root`)."""

    def factory(*, root: Path | None = None, **parts: Any) -> Path:
        return make_database(root or tmp_path / "db", **parts)

    yield factory
