"""CheckThat! 2020 Task 2 (verified claim retrieval) through claimcheck's own path.

Imports the 10,375 Snopes claims with `claimcheck import` into a temporary database, builds the
search index (timed, from a cold cache), ranks the top 5 claims for every tweet of each split,
and prints MAP@1/3/5, MRR and Recall@5 (trec_eval conventions: AP@k over the number of gold
claims; queries without gold are left out), the time per query and the index build time.

    python benchmarks/eval_checkthat.py                      # lexical rankers only
    python benchmarks/eval_checkthat.py --semantic           # + sentence embeddings
    python benchmarks/eval_checkthat.py --splits train,dev   # tune on these; report test
    python benchmarks/eval_checkthat.py --learn-weights      # query-word weights from train

The data is for research use only: it is read from ../shared and never copied into the repo.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "checkthat2020-task2"
SUFFIX = {"test": "", "dev": ".dev", "train": ".train"}
DEPTH = 5


def read_split(data: Path, split: str) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    def rows(name: str) -> list[list[str]]:
        with open(data / name, encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]

    queries = [(r[0], r[1]) for r in rows(f"queries{SUFFIX[split]}.tsv")]
    gold: dict[str, set[str]] = defaultdict(set)
    for query_id, claim_id in rows(f"qrels{SUFFIX[split]}.tsv"):
        gold[query_id].add(claim_id)
    return queries, gold


def scores(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for k in (1, 3, 5):
        hits, total = 0, 0.0
        for position, claim_id in enumerate(ranked[:k], 1):
            if claim_id in relevant:
                hits += 1
                total += hits / position
        figures[f"MAP@{k}"] = total / len(relevant)
    first = next((i for i, c in enumerate(ranked, 1) if c in relevant), None)
    figures["MRR"] = 1 / first if first else 0.0
    figures["R@5"] = len(relevant & set(ranked[:DEPTH])) / len(relevant)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--splits", default="test,dev")
    parser.add_argument("--semantic", action="store_true", help="add sentence embeddings")
    parser.add_argument(
        "--learn-weights",
        action="store_true",
        help="learn query-word weights from the train split first (`claimcheck learn-weights`)",
    )
    args = parser.parse_args()
    if not (args.data / "vclaims.jsonl").exists():
        sys.exit(f"no CheckThat! data in {args.data} (pass --data DIR)")

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLAIMCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        from claimcheck.retrieve.search import open_search_index
        from claimcheck.store.importer import import_collection

        root = Path(tmp) / "db"
        started = time.perf_counter()
        report = import_collection(args.data / "vclaims.jsonl", root, name="snopes")
        imported = time.perf_counter() - started
        started = time.perf_counter()
        index = open_search_index(root)
        built = time.perf_counter() - started
        print(f"import: {report.count} claims in {imported:.2f} s; index build {built:.2f} s")
        if args.semantic:
            started = time.perf_counter()
            index = open_search_index(root, semantic=True)
            print(f"embeddings of {report.count} claims: {time.perf_counter() - started:.1f} s")
        if args.learn_weights:
            from claimcheck.retrieve.weights import learn_weights

            queries, gold = read_split(args.data, "train")
            examples = Path(tmp) / "train-examples.tsv"
            examples.write_text(
                "".join(
                    f"{text}\t{claim_id}\n"
                    for query_id, text in queries
                    for claim_id in sorted(gold.get(query_id, ()))
                ),
                encoding="utf-8",
            )
            learned = learn_weights(root, examples)
            print(
                f"learned from {learned.examples} train examples: "
                f"{len(learned.weights)} words weighed down (train is in-sample from here on)"
            )
        started = time.perf_counter()
        index = open_search_index(root, semantic=args.semantic)
        print(f"index load from cache: {(time.perf_counter() - started) * 1000:.0f} ms")

        print(
            f"\n{'split':<6} {'MAP@1':>6} {'MAP@3':>6} {'MAP@5':>6} {'MRR':>6} {'R@5':>6}"
            f"  {'queries':>7}  ms/query (median, p95)"
        )
        for split in args.splits.split(","):
            queries, gold = read_split(args.data, split)
            totals: dict[str, list[float]] = defaultdict(list)
            times = []
            for query_id, text in queries:
                started = time.perf_counter()
                result = index.search(text, top=DEPTH)
                times.append((time.perf_counter() - started) * 1000)
                if query_id in gold:
                    ranked = [hit.document.id for hit in result.hits]
                    for name, value in scores(ranked, gold[query_id]).items():
                        totals[name].append(value)
            means = [statistics.fmean(totals[n]) for n in ("MAP@1", "MAP@3", "MAP@5", "MRR", "R@5")]
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{split:<6} "
                + " ".join(f"{m:6.3f}" for m in means)
                + f"  {len(totals['MRR']):>7}  {statistics.median(times):.1f}, {p95:.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
