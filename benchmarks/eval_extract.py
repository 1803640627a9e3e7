"""Leave-one-out evaluation of `claimcheck extract` on the bundled database.

For each source, candidates are extracted with none of that source's curated claims in view,
then compared with them. A curated claim is recovered when a candidate's quote overlaps its
quote and their quantity and date facets agree (extraction.same_fact: the same figure, and dates
that agree as `verify` compares them, at the precision both have; `--exact-dates` asks for the
same date string). Recall is over curated claims that have a quantity or a date; precision is
the share of candidates that state some curated claim of the source (with or without figures).

    python benchmarks/eval_extract.py [--exact-dates] [--min-confidence C] [--misses SOURCE]
                                      [--wrong SOURCE] [--db DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimcheck.author.extract import Candidate, entity_matcher, extract, same_fact
from claimcheck.models import Claim
from claimcheck.store.database import find_database, load_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--misses", help="list the curated claims of this source not recovered")
    parser.add_argument("--wrong", help="list the candidates of this source that match nothing")
    parser.add_argument("--exact-dates", action="store_true", help="dates must be the same string")
    parser.add_argument(
        "--min-confidence", type=float, default=0.0, help="score only candidates this confident"
    )
    args = parser.parse_args()
    db = load_database(find_database(args.db))
    matcher = entity_matcher(db.entities.values())
    print(f"{'source':<24} {'recall':>13} {'precision':>13} {'candidates':>10} {'seconds':>8}")
    totals = [0, 0, 0, 0]
    for source in db.sources.values():
        curated = [c for c in db.claims if c.source == source.id]
        started = time.perf_counter()
        # Leave one out: the source's own claims are not shown to the extractor.
        result = extract(source.id, source.text, matcher, existing=[]).at_least(args.min_confidence)
        seconds = time.perf_counter() - started
        candidates = result.candidates
        targets = [c for c in curated if c.quantity or c.date]

        def agree(claim: Claim, candidate: Candidate) -> bool:
            return same_fact(claim, candidate, exact_dates=args.exact_dates)

        recovered = [c for c in targets if any(agree(c, k) for k in candidates)]
        right = [k for k in candidates if any(agree(c, k) for c in curated)]
        totals = [
            a + b
            for a, b in zip(
                totals, [len(recovered), len(targets), len(right), len(candidates)], strict=True
            )
        ]
        print(
            f"{source.id:<24} {len(recovered):>4}/{len(targets):<4} {_share(len(recovered), len(targets)):>4}"
            f" {len(right):>4}/{len(candidates):<4} {_share(len(right), len(candidates)):>4}"
            f" {len(candidates):>10} {seconds:>8.2f}"
        )
        if args.misses == source.id:
            for c in targets:
                if c not in recovered:
                    near = [k for k in candidates if k.start < c.end and c.start < k.end]
                    print(
                        f"  MISS {c.id} q={c.quantity and (c.quantity.value, c.quantity.currency, c.quantity.unit)} d={c.date}"
                    )
                    print(f"       {' '.join(c.quote.split())[:150]}")
                    for k in near:
                        print(
                            f"       cand q={k.quantity and (k.quantity.value, k.quantity.currency, k.quantity.unit)} d={k.date}"
                        )
        if args.wrong == source.id:
            for k in candidates:
                if k not in right:
                    print(
                        f"  WRONG q={k.quantity and (k.quantity.value, k.quantity.currency, k.quantity.unit)} d={k.date} {' '.join(k.quote.split())[:140]}"
                    )
    recovered, targets, right, total = totals
    print(
        f"{'overall':<24} {recovered:>4}/{targets:<4} {_share(recovered, targets):>4}"
        f" {right:>4}/{total:<4} {_share(right, total):>4} {total:>10}"
    )


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


if __name__ == "__main__":
    main()
