"""`claimcheck add-source`: a new article into `sources/`, byte for byte, with its metadata."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimcheck.errors import DataError, UsageError
from claimcheck.language.dates import impossible_iso
from claimcheck.store.yamldoc import read_yaml, write_atomic

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class SourceMetadata:
    """What the person adding the source says of it; anything not given stays null."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class AddedSource:
    id: str
    text_path: Path
    meta_path: Path
    sha256: str


def add_source(
    file: Path, root: Path, metadata: SourceMetadata, source_id: str | None = None
) -> AddedSource:
    """Copy FILE into ROOT/sources/ unchanged and write its metadata file next to it.

    Refuses a text that is already there (same sha256, under any id), an id in use, a file that
    is not UTF-8 text, and malformed metadata; nothing is written then.
    """
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc}", path=file) from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {exc.start})", path=file) from exc
    source_id = source_id or slug(file.stem)
    if not _ID.match(source_id):
        raise UsageError(f"source id {source_id!r}: use lower-case letters, digits and hyphens")
    if metadata.date is not None and not _DATE.match(metadata.date):
        raise UsageError(f"--date {metadata.date!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    impossible = impossible_iso(metadata.date) if metadata.date is not None else None
    if impossible is not None:
        raise UsageError(f"--date {metadata.date!r}: {impossible}")
    if metadata.url is not None and not re.match(r"^https?://\S+$", metadata.url):
        raise UsageError(f"--url {metadata.url!r} is not an http(s) address")
    folder = root / "sources"
    digest = hashlib.sha256(raw).hexdigest()
    for meta_path in sorted(folder.glob("*.yaml")):
        existing = _safe_load(meta_path)
        if existing.get("sha256") == digest:
            raise DataError(
                f"this text is already in the database as source {existing.get('id')!r} "
                "(same sha256); nothing was added",
                path=meta_path,
            )
        if existing.get("id") == source_id:
            raise UsageError(f"source id {source_id!r} is taken ({meta_path.name}); pass --id")
    text_path, meta_path = folder / f"{source_id}.txt", folder / f"{source_id}.yaml"
    if text_path.exists() or meta_path.exists():
        raise UsageError(f"{text_path.name} or {meta_path.name} exists already; pass --id")
    meta = {
        "id": source_id,
        "file": text_path.name,
        "title": metadata.title,
        "authors": list(metadata.authors),
        "publisher": metadata.publisher,
        "date": metadata.date,
        "url": metadata.url,
        "language": metadata.language,
        "sha256": digest,
        "original_filename": file.name,
        "notes": metadata.notes,
    }
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(text_path, raw)
    try:
        body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
        write_atomic(meta_path, body)
    except BaseException:
        text_path.unlink(missing_ok=True)
        raise
    return AddedSource(source_id, text_path, meta_path, digest)


def _safe_load(path: Path) -> dict[str, object]:
    try:
        data = read_yaml(path).data  # the loader's reading: `date: 2018-02-30` is text there
    except DataError:
        return {}  # lint reports broken metadata; it cannot hold a duplicate we could see
    return data if isinstance(data, dict) else {}


def slug(stem: str, kind: str = "source") -> str:
    """An id from a file name: "Dragon Lands (2021)" -> "dragon-lands-2021"."""
    text = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return text if len(text) >= 2 else f"{kind}-{text or 'new'}"
