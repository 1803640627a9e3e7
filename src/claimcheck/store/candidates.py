"""Candidates files written by `claimcheck extract`, read back as claims for
`--include-candidates`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimcheck.errors import DataError
from claimcheck.models import Claim
from claimcheck.store.database import claim_from
from claimcheck.store.yamldoc import read_yaml


def read_candidates(path: Path) -> list[Claim]:
    """The candidates of an `extract` file as claims, for `--include-candidates`; a malformed
    item is a DataError naming the file and line."""
    doc = read_yaml(path)
    items = doc.data.get("claims") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        raise DataError("not a candidates file (no `claims:` list)", path=path, line=1)
    claims = []
    for number, item in enumerate(items):
        line = doc.line_of(["claims", number])
        try:
            claims.append(claim_from(_reviewable(item), "candidates", path, line))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"candidate #{number + 1}: missing or bad field {exc}", path=path, line=line
            ) from exc
    return claims


def _reviewable(item: dict[str, Any]) -> dict[str, Any]:
    """A candidate as a claim: what extraction could not fill is empty, a date is a string."""
    date_value = item.get("date")
    return {
        **item,
        "subject": item.get("subject") or "",
        "predicate": item.get("predicate") or "",
        "date": None if date_value is None else str(date_value),
    }
