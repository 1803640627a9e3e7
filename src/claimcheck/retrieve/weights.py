"""Learning from statements whose claim is known: query-word weights for `search`.

People write statements with words that never help find the claim ("you", "look", "via", the
date of a post's signature). Given examples of statements and the claim each one restates,
`learn_weights` measures how often each word of a statement is also in the right claim and
writes the words that are not, weighed down, to `query-weights.yaml` in the database; `search`
(and `verify`'s fall-back ranking) reads that file when it is there. Deleting it undoes it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimcheck.errors import DataError
from claimcheck.retrieve.ranking import (
    LEARN_FLOOR,
    LEARN_SMOOTHING,
    clean_query,
    learn_query_weights,
    word_terms,
)
from claimcheck.retrieve.search import WEIGHTS_FILE, documents_of


@dataclass(frozen=True)
class Example:
    statement: str
    claim_id: str
    line: int


@dataclass(frozen=True)
class Learned:
    weights: dict[str, float]
    examples: int
    path: Path  # where they were written


def read_examples(path: Path) -> list[Example]:
    """Statements with the id of the claim each restates: JSON Lines (`{"statement": ...,
    "claim_id": ...}`) or a tab-separated file of statement and claim id (a header row
    `statement<TAB>claim_id` is skipped). A bad line is a DataError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path=path) from exc
    examples = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            example = _from_json(line, path, number)
        else:
            row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if number == 1 and [c.strip().lower() for c in row] == ["statement", "claim_id"]:
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise DataError(
                    "expected a statement and a claim id, separated by a tab",
                    path=path,
                    line=number,
                )
            example = Example(row[0], row[1].strip(), number)
        examples.append(example)
    if not examples:
        raise DataError("no examples in the file", path=path)
    return examples


def _from_json(line: str, path: Path, number: int) -> Example:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataError(f"not JSON: {exc.msg}", path=path, line=number) from exc
    statement, claim_id = (
        (row.get("statement"), row.get("claim_id")) if isinstance(row, dict) else (None, None)
    )
    if not isinstance(statement, str) or not statement.strip() or claim_id in (None, ""):
        raise DataError(
            "expected an object with `statement` and `claim_id`", path=path, line=number
        )
    return Example(statement, str(claim_id), number)


def learn_weights(root: Path, examples_file: Path) -> Learned:
    """Learn the weights from the examples against this database's claims and write them;
    an example naming a claim the database does not have is an error, and nothing is written."""
    from claimcheck.store.database import load_database
    from claimcheck.store.yamldoc import write_atomic

    examples = read_examples(examples_file)
    texts = {d.id: d.indexed_text for d in documents_of(load_database(root))}
    for example in examples:
        if example.claim_id not in texts:
            raise DataError(
                f"no claim {example.claim_id!r} in the database",
                path=examples_file,
                line=example.line,
            )
    terms = {
        claim_id: set(word_terms(texts[claim_id])) for claim_id in {e.claim_id for e in examples}
    }
    weights = learn_query_weights(
        (word_terms(clean_query(e.statement)), terms[e.claim_id]) for e in examples
    )
    path = root / WEIGHTS_FILE
    header = (
        "# Query-word weights for `claimcheck search`, learned by `claimcheck learn-weights`.\n"
        "# A statement's word is worth this share of its BM25 score; words not named here, 1.\n"
        "# Delete this file to search without them.\n"
    )
    document = {
        "learned_from": examples_file.name,
        "examples": len(examples),
        "smoothing": LEARN_SMOOTHING,
        "floor": LEARN_FLOOR,
        "weights": dict(sorted(weights.items(), key=lambda item: (item[1], item[0]))),
    }
    write_atomic(path, header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    return Learned(weights, len(examples), path)
