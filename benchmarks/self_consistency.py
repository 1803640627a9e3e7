"""Verify every claim's own sentence against the whole database and print the verdict counts
and each claim that is not supported by it (a benchmark, not a test).

    python benchmarks/self_consistency.py [--db DIR]

A claim should at least support itself: "not_found" points at matching that misses a
paraphrase-free statement, "contradicted" at a claim whose facets disagree with its sentence.
"disputed" is often right: another source says otherwise.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from claimcheck.judge.verify import search_ranking, verify
from claimcheck.models import Verdict
from claimcheck.retrieve.index import open_index
from claimcheck.store.database import find_database, load_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    root = find_database(args.db)
    claims = load_database(root).claims
    index = open_index(root)
    ranking = search_ranking(root)
    counts: Counter[str] = Counter()
    misses = []
    for claim in claims:
        verdict = verify(claim.text, index, ranking=ranking).verdict
        counts[verdict.value] += 1
        if verdict is not Verdict.SUPPORTED:
            misses.append(f"{claim.id:12} {verdict.value:13} {claim.text}")
    summary = ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict)
    print(f"{len(claims)} claims checked against their own sentence: {summary}")
    print(*misses, sep="\n")


if __name__ == "__main__":
    main()
