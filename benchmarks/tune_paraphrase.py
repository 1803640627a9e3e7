"""Choose the text-pair model's two thresholds on labelled real sentences, and report their
cross-validated accuracy: folds grouped by the sentence's page, the thresholds chosen on the
other folds and scored on the held-out one. Prints the rules-only score beside it, and the
thresholds chosen on all rows (the ones to ship).

The thresholds: rules.PARAPHRASE, P(entails) + P(contradicts) at which the model's reading of
the best few candidates counts, and verify.SEARCHED_PARAPHRASE, the same for the first few of
`search`'s ranking, read only when the first decide nothing ("off": never read).

Statements in the claims' own style (`--keep`, e.g. verify_dev.tsv) are where the rules are
right already: a threshold that loses any of their rows against the rules alone is not chosen.

    python benchmarks/tune_paraphrase.py ../shared/eval/verify_real_dev.tsv \
        --keep ../shared/eval/verify_dev.tsv [--folds 5]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

from claimcheck.judge import rules
from claimcheck.judge import verify as verify_module
from claimcheck.judge.paraphrase import WEIGHTS, PairModel
from claimcheck.judge.verify import search_ranking, verify
from claimcheck.retrieve.index import open_index
from claimcheck.store.database import find_database

NEAR = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
SEARCHED = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, None)  # None: search's few are never read
Thresholds = tuple[float, float | None]


class Memo:
    """The model, with each (statement, claim) pair scored once for the whole sweep."""

    def __init__(self, model: PairModel):
        self.model = model
        self.seen: dict[tuple[str, str], list[float]] = {}

    def score(self, pairs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
        import numpy as np

        new = [p for p in pairs if p not in self.seen]
        for pair, probabilities in zip(new, self.model.score(new), strict=True):
            self.seen[pair] = probabilities.tolist()
        return np.array([self.seen[p] for p in pairs], dtype=np.float32)


def fold_of(page: str, folds: int) -> int:
    return int(hashlib.sha1(page.encode()).hexdigest(), 16) % folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--weights", type=Path, default=WEIGHTS, help="a .npz of fine-tuned weights"
    )
    parser.add_argument(
        "--keep", type=Path, nargs="*", default=[], help="sets whose rows must not be lost"
    )
    args = parser.parse_args()
    root = find_database()
    index, ranking = open_index(root), search_ranking(root)
    rows = read_rows(args.tsv)
    kept = [r for path in args.keep for r in read_rows(path)]
    memo = Memo(PairModel.load(args.weights))
    pairs: Callable[[], Memo] = lambda: memo  # noqa: E731

    def right(thresholds: Thresholds | None, rows: list[dict[str, str]] = rows) -> list[bool]:
        if thresholds is not None:
            near, searched = thresholds
            rules.PARAPHRASE = verify_module.PARAPHRASE = near
            verify_module.SEARCHED_PARAPHRASE = 2.0 if searched is None else searched
        return [
            verify(
                r["statement"], index, ranking=ranking, pairs=pairs if thresholds else None
            ).verdict.value  # type: ignore[arg-type]
            == r["verdict"].strip()
            for r in rows
        ]

    def shown(thresholds: Thresholds) -> str:
        near, searched = thresholds
        return f"{near}, then {'off' if searched is None else searched}"

    rules_only = right(None)
    floor = sum(right(None, kept))
    grid = [(near, searched) for near in NEAR for searched in SEARCHED]
    allowed = [t for t in grid if sum(right(t, kept)) >= floor]
    if args.keep:
        print(f"{len(allowed)} of {len(grid)} threshold pairs keep the rules' {floor}/{len(kept)}")
    table = {t: right(t) for t in allowed}
    folds = [fold_of(r.get("source_url") or r["statement"], args.folds) for r in rows]

    def best(among: list[int]) -> Thresholds:
        # ties go to the surer thresholds: fewer rows decided by the model
        return max(allowed, key=lambda t: (sum(table[t][i] for i in among), t[0], t[1] or 2.0))

    held_out = 0
    for k in range(args.folds):
        train = [i for i, f in enumerate(folds) if f != k]
        chosen = best(train)
        held_out += sum(table[chosen][i] for i, f in enumerate(folds) if f == k)
        print(f"fold {k}: thresholds {shown(chosen)} chosen on {len(train)} rows")
    n = len(rows)
    print(f"\n{args.tsv}: rules alone {sum(rules_only)}/{n} ({sum(rules_only) / n:.1%})")
    for t in allowed:
        print(f"  thresholds {shown(t):>12}: {sum(table[t])}/{n} (not cross-validated)")
    print(
        f"with the model, {args.folds}-fold cross-validated by page: {held_out}/{n} ({held_out / n:.1%})"
    )
    print(
        f"thresholds chosen on all rows (to ship as rules.PARAPHRASE, "
        f"verify.SEARCHED_PARAPHRASE): {shown(best(list(range(n))))}"
    )


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t") if r.get("statement")]


if __name__ == "__main__":
    main()
