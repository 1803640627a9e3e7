"""Measure the pair model on verify_real_dev.tsv's positive rows (measurement only).

Run: python eval_pairs.py [pairmodel.npz]   (after gold_pairs.py)
For each positive row: the statement against its gold claims (gold_pairs.tsv) and the 20 other
claims most similar by rapidfuzz token_set_ratio. Reports threshold shares for gold and
distractor pairs, the rank of the best gold claim among the 21 by P(entails)+P(contradicts)
(and, for reference, by token_set_ratio alone), and numpy timings.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict

import numpy as np
from common import OUT, load_claims, normalise
from rapidfuzz import fuzz, process

from claimcheck.judge.paraphrase import PairModel

N_DISTRACTORS = 20


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else str(OUT / "pairmodel.npz")
    t0 = time.perf_counter()
    model = PairModel.load(path)
    load_s = time.perf_counter() - t0
    claims = load_claims()
    texts = [c.text for c in claims]
    ntexts = [normalise(t) for t in texts]
    idx = {c.id: i for i, c in enumerate(claims)}
    gold: dict[int, set[str]] = defaultdict(set)
    stmt: dict[int, str] = {}
    verdict: dict[int, str] = {}
    with open(OUT / "gold_pairs.tsv", encoding="utf-8") as handle:
        gold_rows = list(csv.DictReader(handle, delimiter="\t"))
    for r in gold_rows:
        gold[int(r["row_index"])].add(r["claim_id"])
        stmt[int(r["row_index"])] = r["statement"]
        verdict[int(r["row_index"])] = r["verdict"]

    gold_p, dist_p, ranks, ranks_tsr, by_verdict = [], [], [], [], defaultdict(list)
    row_best, row_best_rel, dist_rel = [], [], []
    for row in sorted(gold):
        s = stmt[row]
        sims = process.extract(normalise(s), ntexts, scorer=fuzz.token_set_ratio, limit=len(ntexts))
        dist = [j for _, _, j in sims if claims[j].id not in gold[row]][:N_DISTRACTORS]
        gids = [idx[g] for g in sorted(gold[row])]
        cand = gids + dist
        probs = model.score([(s, texts[j]) for j in cand])
        rel = probs[:, 0] + probs[:, 1]
        gold_p += probs[: len(gids), 0].tolist()
        row_best.append(probs[: len(gids), 0].max())
        row_best_rel.append(rel[: len(gids)].max())
        dist_rel += rel[len(gids) :].tolist()
        dist_p += probs[len(gids) :, 0].tolist()
        best = rel[: len(gids)].max()
        rank = 1 + int((rel[len(gids) :] > best).sum())
        ranks.append(rank)
        by_verdict[verdict[row]].append(rank)
        tsr = np.array([fuzz.token_set_ratio(normalise(s), ntexts[j]) for j in cand])
        ranks_tsr.append(1 + int((tsr[len(gids) :] > tsr[: len(gids)].max()).sum()))

    gold_p, dist_p, ranks, ranks_tsr = map(np.array, (gold_p, dist_p, ranks, ranks_tsr))
    print(f"positive rows {len(ranks)}, gold pairs {len(gold_p)}, distractor pairs {len(dist_p)}")
    for th in (0.3, 0.5, 0.7):
        print(
            f"P(entails) > {th}: gold {np.mean(gold_p > th):.3f}   distractors {np.mean(dist_p > th):.3f}"
        )
    row_best, row_best_rel, dist_rel = map(np.array, (row_best, row_best_rel, dist_rel))
    for th in (0.3, 0.5, 0.7):
        print(
            f"rows whose best gold P(entails) > {th}: {np.mean(row_best > th):.3f};  "
            f"P(e)+P(c) > {th}: best gold per row {np.mean(row_best_rel > th):.3f}, distractor pairs {np.mean(dist_rel > th):.3f}"
        )

    def rank_line(name: str, r: np.ndarray) -> str:
        return (
            f"{name}: top1 {np.mean(r == 1):.3f}  top3 {np.mean(r <= 3):.3f}  top5 {np.mean(r <= 5):.3f}  "
            f"mean rank {r.mean():.2f}  median {np.median(r):.0f}"
        )

    print(rank_line("best gold rank of 21 by P(e)+P(c)", ranks))
    print(rank_line("  (reference) by token_set_ratio ", ranks_tsr))
    for v, r in sorted(by_verdict.items()):
        r = np.array(r)
        print(f"  {v:12s} n={len(r):3d} top1 {np.mean(r == 1):.3f} top3 {np.mean(r <= 3):.3f}")

    # timing: batches of 20 pairs
    rng = np.random.default_rng(0)
    some = [stmt[r] for r in sorted(gold)]
    batches = [
        [
            (some[int(rng.integers(len(some)))], texts[int(rng.integers(len(texts)))])
            for _ in range(20)
        ]
        for _ in range(10)
    ]
    model.score(batches[0])
    t0 = time.perf_counter()
    for b in batches:
        model.score(b)
    per = (time.perf_counter() - t0) / len(batches)
    print(
        f"load {load_s:.2f}s; numpy score of 20 pairs {per * 1000:.0f} ms ({per / 20 * 1000:.1f} ms/pair)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
