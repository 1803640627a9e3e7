"""Pairs from sentences written for the database's claims (called at the end of make_pairs.build).

`written/*.tsv` (claim_id, label, sentence) holds, for each claim, four sentences written the way
news agencies, ministries and think tanks write, by helper sessions that read only `claims/` and
`sources/` (never a labelled set): two that tell the claim's fact in other words and with other
details (entails), one that tells it with a figure, date, party or polarity wrong
(contradicts), one about the same names that tells another fact (neutral). The generated pairs
teach the model paraphrase from sources' own sentences; these teach it the register of the
sentences users paste.

Each sentence is paired with its own claim under its label. So that length and style do not
signal "entails", each also meets two claims of other sources that share a name with its claim
and do not state the same fact (neutral); a claim of the same source is never used as a
negative, because the sentence may tell it as context.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from common import HERE

WRITTEN = HERE / "written"
NEGATIVES_PER_SENTENCE = 2


def read_written(folder: Path = WRITTEN) -> list[tuple[str, str, str]]:
    """(claim id, label, sentence) rows of every file in the folder, in file and row order."""
    rows: list[tuple[str, str, str]] = []
    for path in sorted(folder.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
                claim_id, label, sentence = (
                    row.get(k) or "" for k in ("claim_id", "label", "sentence")
                )
                if not (claim_id and label and sentence.strip()):
                    raise SystemExit(f"{path}:{n}: a row needs claim_id, label and sentence")
                rows.append((claim_id.strip(), label.strip(), sentence.strip()))
    return rows


def written_pairs(claims, by_id, near_dup, spo, labels, rng) -> list[tuple[str, str, int, str]]:
    label_of = {name: k for k, name in enumerate(labels)}
    by_entity: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        for e in {c.subject, c.object} - {""}:
            by_entity[e].append(c.id)
    out: list[tuple[str, str, int, str]] = []
    for claim_id, label, sentence in read_written():
        if claim_id not in by_id or label not in label_of:
            raise SystemExit(f"written: unknown claim {claim_id!r} or label {label!r}")
        claim = by_id[claim_id]
        out.append((sentence, claim.text, label_of[label], f"written:{label}"))
        blocked = near_dup[claim_id] | {claim_id}
        if claim.object:
            blocked |= spo[(claim.subject, claim.predicate, claim.object)]
        others = sorted(
            {
                other
                for e in {claim.subject, claim.object} - {""}
                for other in by_entity[e]
                if other not in blocked and by_id[other].source != claim.source
            }
        )
        for other in rng.sample(others, min(NEGATIVES_PER_SENTENCE, len(others))):
            out.append((sentence, by_id[other].text, label_of["neutral"], "written:neg"))
    return out
