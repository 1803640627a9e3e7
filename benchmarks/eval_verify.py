"""Run `verify` on a labelled TSV (columns: statement, verdict) and print accuracy per verdict,
the confusion matrix, every miss, and whether each answer rests on a verbatim quote.

    python benchmarks/eval_verify.py ../shared/eval/verify_dev.tsv [--db DIR] [--rules-only]

Without --rules-only the text-pair model is consulted as `claimcheck verify` does, when the
`semantic` extra is installed.
"""

from __future__ import annotations

import argparse
import csv
import signal
import time
from collections import Counter
from pathlib import Path

from claimcheck.judge.verify import pair_model, search_ranking, verify
from claimcheck.models import Relation, Verdict
from claimcheck.retrieve.index import open_index
from claimcheck.store.database import find_database, load_database

VERDICTS = [v.value for v in Verdict]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rules-only", action="store_true", help="never ask the text-pair model")
    args = parser.parse_args()
    root = find_database(args.db)
    sources = {s.id: s.text for s in load_database(root).sources.values()}
    index = open_index(root)
    ranking = search_ranking(root)
    pairs = None if args.rules_only else pair_model()
    with args.tsv.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("statement")]

    confusion: Counter[tuple[str, str]] = Counter()
    misses, unbacked = [], []
    started = time.perf_counter()
    for row in rows:
        result = verify(row["statement"], index, ranking=ranking, pairs=pairs)
        want, got = row["verdict"].strip(), result.verdict.value
        confusion[want, got] += 1
        if want != got:
            misses.append((row, result))
        decisive = [e for e in result.evidence if e.relation is not Relation.RELATED]
        if result.verdict is not Verdict.NOT_FOUND and not all(
            sources[e.source.id][e.source.start : e.source.end] == e.quote for e in decisive
        ):
            unbacked.append(row["statement"])
    elapsed = time.perf_counter() - started

    right = sum(n for (want, got), n in confusion.items() if want == got)
    print(f"{args.tsv}: {right}/{len(rows)} right ({right / len(rows):.1%}), "
          f"{elapsed / len(rows) * 1000:.1f} ms per statement")  # fmt: skip
    for verdict in VERDICTS:
        total = sum(n for (want, _), n in confusion.items() if want == verdict)
        hit = confusion[verdict, verdict]
        if total:
            print(f"  {verdict:13} {hit:3}/{total:<3} {hit / total:.1%}")
    print("\nconfusion (rows: expected, columns: got)")
    print(" " * 14 + "".join(f"{v[:12]:>13}" for v in VERDICTS))
    for want in VERDICTS:
        print(f"{want:14}" + "".join(f"{confusion[want, got]:13}" for got in VERDICTS))
    print(f"\nanswers backed by a verbatim quote at its offsets: "
          f"{len(rows) - len(unbacked)}/{len(rows)}")  # fmt: skip
    for row, result in misses:
        print(f"\nMISS {row['statement']!r}: expected {row['verdict']}, got {result.verdict.value}")
        print(f"     {result.why}")
        for e in result.evidence[:3]:
            print(f"     {e.relation.value:11} {e.claim_id:11} {e.claim[:80]}")
            print(f"                 {'; '.join(e.reasons)}")


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head -1` ends the report quietly
    main()
