"""How many real sentences `verify` could get right with a perfect text-pair model (measurement
only): the bound on what retraining the model can give, the rules and retrieval unchanged.

Run: python oracle_bound.py   (after gold_pairs.py)
The oracle reads each row's gold claims (gold_pairs.tsv) as told by the statement (P(entails)
0.9, or the shipped model's reading when surer) and every other claim as not told; `verify`
runs as shipped otherwise. Prints the shipped model's score beside it.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

import numpy as np
from common import EVAL_TSV, OUT

from claimcheck.judge.paraphrase import PairModel
from claimcheck.judge.verify import search_ranking, verify
from claimcheck.retrieve.index import open_index
from claimcheck.store.database import find_database


class Oracle:
    def __init__(self, model: PairModel, told: set[str]):
        self.model, self.told = model, told

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        read = self.model.score(pairs).copy()
        for k, (_, claim) in enumerate(pairs):
            if claim not in self.told:
                read[k] = (0.0, 0.0, 1.0)
            elif read[k][0] + read[k][1] < 0.9:
                read[k] = (0.9, 0.0, 0.1)
        return read


def main() -> int:
    root = find_database()
    index, ranking, model = open_index(root), search_ranking(root), PairModel.load()
    gold: dict[int, set[str]] = defaultdict(set)
    with open(OUT / "gold_pairs.tsv", encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            [claim] = index.by_ids([r["claim_id"]])
            gold[int(r["row_index"])].add(claim.text)
    with open(EVAL_TSV, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("statement")]
    right = {"shipped model": 0, "oracle": 0}
    for i, row in enumerate(rows):
        readers = {"shipped model": model, "oracle": Oracle(model, gold[i])}
        for name, reader in readers.items():
            result = verify(row["statement"], index, ranking=ranking, pairs=lambda r=reader: r)  # type: ignore[misc]
            right[name] += result.verdict.value == row["verdict"].strip()
    print(
        f"{EVAL_TSV.name}: " + ", ".join(f"{n}/{len(rows)} with the {w}" for w, n in right.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
