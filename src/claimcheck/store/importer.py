"""Bring an external claim collection into a claimcheck database.

Reads JSON Lines, CSV/TSV, or ClaimReview JSON-LD (schema.org, the format fact-checkers publish)
and writes `claims/<name>.yaml`, a collection file (collection.schema.json). Imported claims keep
the ids their file gave them and carry their provenance as a URL; nothing is filled in that the
file does not say.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from claimcheck.errors import DataError, UsageError
from claimcheck.store.sources import slug

FORMATS = ("jsonl", "csv", "claimreview")

# Column or key names accepted for each field, first match wins (case-insensitive).
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "claim_id", "vclaim_id", "identifier", "@id"),
    "text": ("text", "claim", "claim_text", "claimreviewed", "vclaim", "statement"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "review_url"),
    "date": ("date", "datepublished", "review_date", "published"),
    "rating": ("rating", "verdict", "label", "truth_rating", "alternatename"),
    "reviewer": ("reviewer", "fact_checker", "factchecker", "publisher"),
    "claimant": ("claimant", "speaker"),
}
_URL = re.compile(r"^https?://\S+$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


@dataclass(frozen=True)
class ImportReport:
    name: str
    format: str
    path: Path  # the collection file written
    count: int
    replaced: bool  # an earlier import of the same collection was updated


def import_collection(
    file: Path, into: Path, *, name: str | None = None, format: str | None = None
) -> ImportReport:
    """Read FILE and write its claims as the collection NAME of the database in INTO, creating
    the database's folders if needed. Importing the same collection again replaces it."""
    from claimcheck.store.database import collection_file

    if name is not None:
        target = collection_file(into, name)
    fmt = format or detect_format(file)
    records = read_records(file, fmt)
    if name is None:
        name = slug(file.stem, "collection")
        target = collection_file(into, name)
    replaced = target.exists()
    if replaced and not _is_collection(target):
        raise UsageError(
            f"{target} holds quoted claims, not an imported collection; choose another --name"
        )
    _check_ids_are_new(records, into, target)
    document = {
        "collection": {
            "name": name,
            "imported_from": file.name,
            "format": fmt,
            "imported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "claims": records,
    }
    (into / "sources").mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    from claimcheck.store.yamldoc import write_atomic

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(target, text)
    return ImportReport(name, fmt, target, len(records), replaced)


def detect_format(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".json", ".jsonld"):
        return "claimreview"
    raise UsageError(
        f"cannot tell the format of {file.name} from its name; pass --format "
        f"({', '.join(FORMATS)})",
        path=file,
    )


def read_records(file: Path, fmt: str) -> list[dict[str, str]]:
    """The file's claims as collection items (only the fields it gives), ids unique."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {file}: {exc}", path=file) from exc
    if fmt == "jsonl":
        rows = _jsonl_rows(text, file)
    elif fmt == "csv":
        rows = _csv_rows(text, file)
    elif fmt == "claimreview":
        rows = _claimreview_rows(text, file)
    else:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    records: list[dict[str, str]] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        record = _record(row, file, line)
        if record["id"] in first_line:
            raise DataError(
                f"claim id {record['id']!r} appears twice (first on line {first_line[record['id']]})",
                path=file,
                line=line,
            )
        first_line[record["id"]] = line
        records.append(record)
    if not records:
        raise DataError("no claims found", path=file)
    return records


def _jsonl_rows(text: str, file: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DataError(f"not valid JSON: {exc.msg}", path=file, line=number) from exc
        if not isinstance(row, dict):
            raise DataError("each line must be a JSON object", path=file, line=number)
        yield number, _claimreview_fields(row) if _is_claimreview(row) else row


def _csv_rows(text: str, file: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows under the header, each with the line its record starts on. Malformed CSV is an
    error, not a guess: a quote left open would otherwise swallow the records after it."""
    dialect = "excel-tab" if file.suffix.lower() == ".tsv" else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "a quote opened here is never closed" if "end of data" in str(exc) else exc
            raise DataError(f"malformed CSV: {reason}", path=file, line=start) from exc
        if not row:
            continue  # a blank line
        if header is None:
            header = row
        elif len(row) != len(header):
            raise DataError(
                f"{len(row)} fields where the header names {len(header)} "
                "(a quote left open or a field separator too many?)",
                path=file,
                line=start,
            )
        else:
            yield start, dict(zip(header, row, strict=True))


def _claimreview_rows(text: str, file: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg}", path=file, line=exc.lineno) from exc
    reviews = list(_find_claimreviews(document))
    if not reviews:
        raise DataError("no ClaimReview objects found (schema.org @type ClaimReview)", path=file)
    # JSON has no line per object; a review's position is the line of its claimReviewed text.
    lines = _lines_of(text, [r.get("claimReviewed") for r in reviews])
    for review, line in zip(reviews, lines, strict=True):
        yield line, _claimreview_fields(review)


def _find_claimreviews(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a document: alone, in a list, an @graph or a DataFeed."""
    if isinstance(node, list):
        for item in node:
            yield from _find_claimreviews(item)
    elif isinstance(node, dict):
        if _is_claimreview(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, list | dict):
                yield from _find_claimreviews(value)


def _is_claimreview(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def _claimreview_fields(review: dict[str, Any]) -> dict[str, Any]:
    rating = _mapping(review.get("reviewRating"))
    item = _mapping(review.get("itemReviewed"))
    verdict = rating.get("alternateName")
    if verdict is None and rating.get("ratingValue") is not None:
        best = rating.get("bestRating")
        verdict = f"{rating['ratingValue']}/{best}" if best is not None else rating["ratingValue"]
    return {
        "id": review.get("@id") or review.get("url") or review.get("identifier"),
        "text": review.get("claimReviewed"),
        "title": review.get("headline") or review.get("name"),
        "url": review.get("url"),
        "date": review.get("datePublished"),
        "rating": verdict,
        "reviewer": _name(review.get("author")),
        "claimant": _name(item.get("author")),
    }


def _mapping(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _name(node: Any) -> str | None:
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        return node.get("name") if isinstance(node.get("name"), str) else None
    return node if isinstance(node, str) else None


def _lines_of(text: str, needles: list[Any]) -> list[int]:
    lines, position = [], 0
    for needle in needles:
        found = (
            text.find(json.dumps(needle, ensure_ascii=False)[1:-1], position)
            if isinstance(needle, str)
            else -1
        )
        if found >= 0:
            position = found
        lines.append(text.count("\n", 0, position) + 1)
    return lines


def _record(row: dict[str, Any], file: Path, line: int) -> dict[str, str]:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    record: dict[str, str] = {}
    for field, names in _FIELDS.items():
        value = next((lowered[n] for n in names if _given(lowered.get(n))), None)
        if value is not None:
            record[field] = " ".join(str(value).split())
    for required in ("id", "text"):
        if required not in record:
            accepted = ", ".join(_FIELDS[required][:4])
            raise DataError(f"no claim {required} (looked for {accepted})", path=file, line=line)
    if "url" in record and not _URL.match(record["url"]):
        raise DataError(f"url {record['url']!r} is not an http(s) address", path=file, line=line)
    if "date" in record:
        record["date"] = _iso_date(record["date"], file, line)
    return record


def _given(value: Any) -> bool:
    return value is not None and not isinstance(value, dict | list) and str(value).strip() != ""


def _iso_date(value: str, file: Path, line: int) -> str:
    """The date at the precision written: 2019, 2019-10 or 2019-10-15 (a time is dropped)."""
    head = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(head, fmt)
        except ValueError:
            continue
        precision = 1 if fmt == "%Y" else 2 if fmt == "%Y-%m" else 3
        return parsed.strftime(("%Y", "%Y-%m", "%Y-%m-%d")[precision - 1])
    raise DataError(f"cannot read the date {value!r} (use YYYY-MM-DD)", path=file, line=line)


def _is_collection(path: Path) -> bool:
    from claimcheck.store.yamldoc import read_yaml

    data = read_yaml(path).data
    return isinstance(data, dict) and "collection" in data


def _check_ids_are_new(records: list[dict[str, str]], root: Path, target: Path) -> None:
    """Ids are unique across the database; the collection being replaced does not count."""
    from claimcheck.store.database import is_database, read_database

    if not is_database(root):
        return
    database = read_database(root, keep_documents=False).database
    taken = {c.id: c.path for c in database.claims}
    taken.update((c.id, c.path) for c in database.imported if c.path.resolve() != target.resolve())
    clashes = [r["id"] for r in records if r["id"] in taken]
    if clashes:
        shown = ", ".join(f"{i!r} ({taken[i].name})" for i in clashes[:5])
        more = f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        raise DataError(f"claim ids already in the database: {shown}{more}", path=root)
