"""Find the claims database, read it, and check its structure (schema, ids, references)."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import DatabaseNotFound, DataError, UsageError
from claimcheck.models import (
    Claim,
    Database,
    Entity,
    ImportedClaim,
    NamePeriod,
    Problem,
    Quantity,
    Severity,
    Source,
)

if TYPE_CHECKING:  # imported when data is read, not when `verify` only looks for the folder
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from claimcheck.store.yamldoc import YamlDoc

ENV_VAR = "CLAIMCHECK_DB"
ENTITIES_FILE = "entities.yaml"


def is_database(path: Path) -> bool:
    return (path / "claims").is_dir() and (path / "sources").is_dir()


def collection_file(root: Path, name: str) -> Path:
    """claims/NAME.yaml, where `claimcheck import` writes the collection NAME. The name must be
    one that file can carry: a single file name the loader reads as a collection (its schema's
    pattern, so no folder, no dot file, no space) and not the entities file's."""
    definition = schema_document("collection")["properties"]["collection"]["properties"]["name"]
    if not re.fullmatch(definition["pattern"], name) or f"{name}.yaml" == ENTITIES_FILE:
        raise UsageError(
            f"--name {name!r}: a collection name is lower-case letters, digits and hyphens, "
            f"not {ENTITIES_FILE.removesuffix('.yaml')!r} (the file is claims/NAME.yaml)"
        )
    return root / "claims" / f"{name}.yaml"


def bundled_database() -> Path | None:
    """The database shipped in the wheel (or, in a source checkout, the repository's own)."""
    packaged = Path(str(resources.files("claimcheck") / "data"))
    if is_database(packaged):
        return packaged
    checkout = Path(__file__).resolve().parents[3]
    return checkout if is_database(checkout) else None


def find_database(
    explicit: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """`--db`, then $CLAIMCHECK_DB, then the nearest folder upwards with claims/ and sources/,
    then the bundled database."""
    environ = os.environ if environ is None else environ
    for given, origin in ((explicit, "--db"), (environ.get(ENV_VAR) or None, f"${ENV_VAR}")):
        if given is not None:
            path = Path(given).expanduser()
            if not is_database(path):
                raise DatabaseNotFound(
                    f"{origin} points to {path}, which has no claims/ and sources/ folders"
                )
            return path
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_database(folder):
            return folder
    bundled = bundled_database()
    if bundled is None:
        raise DatabaseNotFound(
            "no claims database: pass --db DIR, set $CLAIMCHECK_DB, or run inside a folder "
            "that has claims/ and sources/"
        )
    return bundled


@cache
def schema_document(name: str) -> dict[str, Any]:
    text = resources.files("claimcheck").joinpath("schemas", f"{name}.schema.json").read_text()
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def schema_validator(name: str) -> Draft202012Validator:
    """The reference validator, used to describe every error once a document is known bad."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema_document(name))


@cache
def _compiled(name: str, definition: str | None = None) -> Callable[[Any], Any]:
    import fastjsonschema

    schema = schema_document(name)
    return fastjsonschema.compile(schema["$defs"][definition] if definition else schema)


def is_valid(name: str, data: Any, definition: str | None = None) -> bool:
    """A fast yes/no against the schema (fastjsonschema compiles it to Python code, 17x faster
    than jsonschema here, which matters at 100,000 claims)."""
    from fastjsonschema import JsonSchemaException

    try:
        _compiled(name, definition)(data)
    except JsonSchemaException:
        return False
    return True


@dataclass
class ReadResult:
    """A database read tolerantly: what could be loaded, plus every structural problem."""

    database: Database
    problems: list[Problem] = field(default_factory=list)
    docs: dict[Path, YamlDoc] = field(default_factory=dict)  # kept for lint --fix


def load_database(root: Path) -> Database:
    """The database, or a DataError for the first problem that makes it unusable."""
    result = read_database(root, keep_documents=False)
    for problem in result.problems:
        if problem.severity is Severity.ERROR:
            raise DataError(problem.message, path=problem.path, line=problem.line)
    return result.database


@dataclass
class _Parsed:
    """One YAML file, parsed and checked against its schema."""

    path: Path
    schema: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line of each item of the file's list
    file_line: int | None = None  # line of a source's `file:` key
    doc: YamlDoc | None = None


_LIST_KEYS = {"claims": "claims", "collection": "claims", "entities": "entities", "source": None}
# Above this many bytes of claims, files are parsed in parallel worker processes.
PARALLEL_BYTES = 4_000_000


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Loading creates millions of small objects that all live on; the cyclic garbage collector
    would scan them again and again for nothing (it tripled the time to load 100,000 claims)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(path: Path, schema: str, keep: bool = True) -> _Parsed:
    from claimcheck.store.yamldoc import read_yaml

    try:
        with bulk_allocation():
            doc = read_yaml(path)
    except DataError as exc:
        return _Parsed(path, schema, problems=[_error("yaml-syntax", exc.message, path, exc.line)])
    if schema == "claims" and isinstance(doc.data, dict) and "collection" in doc.data:
        schema = "collection"  # claims imported from elsewhere, by `claimcheck import`
    problems = list(_schema_problems(doc, schema))
    problems.extend(
        _error("duplicate-key", f"key {key!r} appears twice in one mapping", path, line)
        for key, line in doc.duplicate_keys()
    )
    problems.extend(_date_problems(doc, schema))
    lines: list[int] = []
    list_key = _LIST_KEYS[schema]
    if list_key is not None and isinstance(doc.data, dict):
        items = doc.data.get(list_key)
        if isinstance(items, list):
            lines = [doc.line_of([list_key, i]) for i in range(len(items))]
    file_line = doc.key_line([], "file") if schema == "source" else None
    return _Parsed(path, schema, doc.data, problems, lines, file_line, doc if keep else None)


def _parse_claim_files(paths: list[Path], keep: bool) -> list[_Parsed]:
    size = sum(p.stat().st_size for p in paths)
    if keep or len(paths) < 2 or size < PARALLEL_BYTES:
        return [_parse(p, "claims", keep) for p in paths]
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    # YAML parsing is the cost of loading a large database; files are independent.
    with ProcessPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        return list(pool.map(partial(_parse, schema="claims", keep=False), paths))


def read_database(root: Path, *, keep_documents: bool = True) -> ReadResult:
    if not is_database(root):
        raise DatabaseNotFound(f"{root} has no claims/ and sources/ folders")
    with bulk_allocation():
        return _read(root, keep_documents)


def _read(root: Path, keep_documents: bool) -> ReadResult:
    problems: list[Problem] = []
    docs: dict[Path, YamlDoc] = {}

    def collect(parsed: _Parsed) -> _Parsed:
        problems.extend(parsed.problems)
        if parsed.doc is not None:
            docs[parsed.path] = parsed.doc
        return parsed

    sources = _read_sources(
        [
            collect(_parse(p, "source", keep_documents))
            for p in sorted((root / "sources").glob("*.yaml"))
        ],
        problems,
    )
    entities_path = root / "claims" / ENTITIES_FILE
    entities = (
        _read_entities(collect(_parse(entities_path, "entities", keep_documents)), problems)
        if entities_path.exists()
        else {}
    )
    claim_paths = [p for p in sorted((root / "claims").glob("*.yaml")) if p.name != ENTITIES_FILE]
    parsed_claims = [collect(p) for p in _parse_claim_files(claim_paths, keep_documents)]
    claims, imported = _read_claims(parsed_claims, problems)
    problems.extend(_reference_problems(claims, sources, entities))
    database = Database(
        root=root,
        sources=sources,
        claims=tuple(claims),
        entities=entities,
        imported=tuple(imported),
    )
    return ReadResult(database, problems, docs)


def _error(
    code: str, message: str, path: Path, line: int | None, claim_id: str | None = None
) -> Problem:
    return Problem(Severity.ERROR, code, message, path, line, claim_id)


def _schema_problems(doc: YamlDoc, schema: str) -> Iterable[Problem]:
    if is_valid(schema, doc.data):
        return
    errors = sorted(
        schema_validator(schema).iter_errors(doc.data), key=lambda e: list(e.absolute_path)
    )
    for error in errors:
        yield from _describe(doc, error)


def _date_problems(doc: YamlDoc, schema: str) -> Iterable[Problem]:
    """Dates written as the schema asks that no calendar has (2018-02-30, 2018-13, 2019/2018)."""
    from claimcheck.language.dates import impossible_iso

    data = doc.data
    places: list[list[Any]] = []
    if schema == "source" and isinstance(data, dict):
        places.append([])
    elif schema in ("claims", "collection") and isinstance(data, dict):
        items = data.get("claims")
        places.extend(["claims", i] for i in range(len(items) if isinstance(items, list) else 0))
    for elems in places:
        item = data
        for elem in elems:
            item = item[elem]
        value = item.get("date") if isinstance(item, dict) else None
        reason = impossible_iso(value) if isinstance(value, str) else None
        if reason is not None:
            yield _error(
                "invalid-date",
                f"{_claim_label(doc, elems)}date: {reason}",
                doc.path,
                doc.line_of([*elems, "date"]),
            )


def _describe(doc: YamlDoc, error: ValidationError) -> Iterable[Problem]:
    elems = list(error.absolute_path)
    where = _claim_label(doc, elems)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for key in error.instance:
            if key not in allowed:
                yield _error(
                    "unknown-key",
                    f"{where}unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                    doc.path,
                    doc.key_line(elems, key),
                )
        return
    if error.validator == "required":
        code, message = "missing-field", f"{where}{error.message}"
    else:
        field_name = ".".join(str(e) for e in elems if isinstance(e, str))
        code, message = "invalid-value", f"{where}{field_name or 'document'}: {error.message}"
    yield _error(code, message, doc.path, doc.line_of(elems))


def _claim_label(doc: YamlDoc, elems: list[Any]) -> str:
    if len(elems) >= 2 and elems[0] == "claims" and isinstance(elems[1], int):
        claims = doc.data.get("claims") if isinstance(doc.data, dict) else None
        item = claims[elems[1]] if isinstance(claims, list) and elems[1] < len(claims) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"claim {item['id']}: "
        return f"claim #{elems[1] + 1}: "
    return ""


def _read_sources(parsed: list[_Parsed], problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for item in parsed:
        meta, meta_path = item.data, item.path
        if not isinstance(meta, dict) or not is_valid("source", meta):
            continue
        text_path = meta_path.parent / meta["file"]
        try:
            raw = text_path.read_bytes()
            text = raw.decode("utf-8")
        except OSError as exc:
            problems.append(
                _error(
                    "source-unreadable",
                    f"source text missing or unreadable: {exc}",
                    meta_path,
                    item.file_line,
                )
            )
            continue
        except UnicodeDecodeError as exc:
            problems.append(
                _error("source-unreadable", f"source text is not UTF-8: {exc}", text_path, None)
            )
            continue
        if meta["id"] in sources:
            problems.append(
                _error("duplicate-id", f"source id {meta['id']!r} is defined twice", meta_path, 1)
            )
            continue
        sources[meta["id"]] = Source(
            id=meta["id"],
            text_path=text_path,
            meta_path=meta_path,
            title=meta["title"],
            authors=tuple(meta["authors"]),
            publisher=meta["publisher"],
            date=meta["date"],
            url=meta["url"],
            language=meta["language"],
            sha256=meta["sha256"],
            notes=meta["notes"],
            text=text,
            raw_sha256=hashlib.sha256(raw).hexdigest(),
        )
    return sources


def _read_entities(parsed: _Parsed, problems: list[Problem]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    path = parsed.path
    items = parsed.data.get("entities") if isinstance(parsed.data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not {"id", "name", "type"} <= item.keys():
            continue
        line = parsed.lines[index]
        if item["id"] in entities:
            problems.append(
                _error("duplicate-id", f"entity id {item['id']!r} is defined twice", path, line)
            )
            continue
        entities[item["id"]] = Entity(
            id=item["id"],
            name=item["name"],
            type=item["type"],
            aliases=tuple(item.get("aliases") or ()),
            path=path,
            line=line,
            broader=tuple(item.get("broader") or ()),
            names_in_time=tuple(
                NamePeriod(p["name"], p["from"], p.get("until"), p.get("note"))
                for p in item.get("names_in_time") or ()
                if isinstance(p, dict) and {"name", "from"} <= p.keys()
            ),
        )
    return entities


def _read_claims(
    parsed_files: list[_Parsed], problems: list[Problem]
) -> tuple[list[Claim], list[ImportedClaim]]:
    """The claims of every file, quoted and imported; ids are unique across both kinds."""
    claims: list[Claim] = []
    imported: list[ImportedClaim] = []
    seen: dict[str, tuple[Path, int]] = {}
    for parsed in parsed_files:
        data, path = parsed.data, parsed.path
        if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
            continue
        theme = str(data.get("theme", path.stem))
        collection = data.get("collection")
        name = collection.get("name", path.stem) if isinstance(collection, dict) else None
        file_is_valid = not any(p.path == path for p in parsed.problems)
        for index, item in enumerate(data["claims"]):
            claim_id = item.get("id") if isinstance(item, dict) else None
            line = parsed.lines[index]
            if isinstance(claim_id, str):
                if claim_id in seen:
                    first_path, first_line = seen[claim_id]
                    problems.append(
                        _error(
                            "duplicate-id",
                            f"claim id {claim_id!r} is already used at {first_path.name}:{first_line}",
                            path,
                            line,
                            claim_id,
                        )
                    )
                    continue
                seen[claim_id] = (path, line)
            # invalid claims were reported by the schema pass; the rest are loaded
            if not (file_is_valid or is_valid(parsed.schema, item, "claim")):
                continue
            if parsed.schema == "collection":
                imported.append(_imported(item, str(name), path, line))
            else:
                claims.append(claim_from(item, theme, path, line))
    return claims, imported


def _imported(item: dict[str, Any], collection: str, path: Path, line: int) -> ImportedClaim:
    return ImportedClaim(
        id=item["id"],
        text=item["text"],
        collection=collection,
        path=path,
        line=line,
        title=item.get("title"),
        url=item.get("url"),
        date=item.get("date"),
        rating=item.get("rating"),
        reviewer=item.get("reviewer"),
        claimant=item.get("claimant"),
    )


def claim_from(item: dict[str, Any], theme: str, path: Path, line: int) -> Claim:
    """A claim from its YAML mapping, known to fit the schema."""
    quantity = item.get("quantity")
    return Claim(
        id=item["id"],
        text=item["text"],
        source=item["source"],
        quote=item["quote"],
        start=item["start"],
        end=item["end"],
        prefix=item["prefix"],
        suffix=item["suffix"],
        subject=item["subject"],
        predicate=item["predicate"],
        theme=theme,
        path=path,
        line=line,
        object=item.get("object"),
        negated=bool(item.get("negated", False)),
        quantity=Quantity(
            value=float(quantity["value"]),
            unit=quantity.get("unit"),
            currency=quantity.get("currency"),
            bound=quantity.get("bound", "exact"),
            max=float(quantity["max"]) if "max" in quantity else None,
        )
        if quantity
        else None,
        date=item.get("date"),
        date_bound=item.get("date_bound"),
        status=item.get("status"),
        scope=dict(item.get("scope") or {}),
        cites=tuple(item.get("cites") or ()),
        note=item.get("note"),
    )


def _reference_problems(
    claims: list[Claim], sources: dict[str, Source], entities: dict[str, Entity]
) -> Iterable[Problem]:
    for entity in entities.values():
        for broader in entity.broader:
            if broader not in entities:
                yield _error(
                    "unknown-entity",
                    f"entity {entity.id}: broader {broader!r} is not an entity",
                    entity.path,
                    entity.line,
                )
    for claim in claims:
        if claim.source not in sources:
            yield _error(
                "unknown-source",
                f"claim {claim.id}: unknown source {claim.source!r}",
                claim.path,
                claim.line,
                claim.id,
            )
        for role, entity_id in (("subject", claim.subject), ("object", claim.object)):
            if entity_id is not None and entity_id not in entities:
                yield _error(
                    "unknown-entity",
                    f"claim {claim.id}: {role} {entity_id!r} is not in claims/{ENTITIES_FILE}",
                    claim.path,
                    claim.line,
                    claim.id,
                )


def source_urls(root: Path) -> dict[str, str | None]:
    """Each source's URL, where its metadata gives one: what a citation of it can link to."""
    return {source.id: source.url for source in load_database(root).sources.values()}
