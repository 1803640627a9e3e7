"""Pair-level gold for verify_real_dev.tsv: map each row's evidence_quote to claim ids.

Run: python gold_pairs.py   (writes gold_pairs.tsv beside this file)

Each evidence piece (evidence_quote split on " | ") is matched two ways, and a claim's score is
the best of them:
  1. direct: the piece against the claim's quote and text, normalised (case, quotes, dashes,
     white space): containment either way scores 100, otherwise rapidfuzz partial_ratio.
  2. through the source: the piece is located in each source text (partial_ratio_alignment over
     the normalised source); where it is found (>= 90) every claim of that source whose quote
     span overlaps the located span by at least half of the shorter span scores the alignment
     score (a piece may cover several claims, or be part of one).
A claim is gold for a row when its score >= THRESHOLD. Rows with verdict not_found get none.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

from common import EVAL_TSV, OUT, load_claims, load_sources, normalise, normalise_with_map
from rapidfuzz import fuzz

THRESHOLD = 90.0
MIN_PIECE = 12  # characters; shorter pieces are too ambiguous to match on their own
POSITIVE = {"supported", "contradicted", "disputed"}


def direct_score(piece: str, field: str) -> float:
    if not piece or not field:
        return 0.0
    if piece in field or field in piece:
        return 100.0
    shorter = min(len(piece), len(field))
    if shorter < 25:
        return 0.0
    return float(fuzz.partial_ratio(piece, field))


def main() -> int:
    claims = load_claims()
    sources = load_sources()
    norm_src = {k: normalise_with_map(v) for k, v in sources.items()}
    by_source = defaultdict(list)
    for c in claims:
        by_source[c.source].append(c)
    nq = {c.id: normalise(c.quote) for c in claims}
    nt = {c.id: normalise(c.text) for c in claims}

    with open(EVAL_TSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))

    out_rows = []
    positive = matched = 0
    unmatched = []
    for idx, row in enumerate(rows):
        verdict = row["verdict"].strip()
        if verdict not in POSITIVE:
            continue
        positive += 1
        scores: dict[str, float] = defaultdict(float)
        pieces = [normalise(p) for p in row["evidence_quote"].split(" | ")]
        pieces = [p.strip(' ."') for p in pieces if len(p.strip(' ."')) >= MIN_PIECE]
        for piece in pieces:
            for c in claims:
                s = max(direct_score(piece, nq[c.id]), direct_score(piece, nt[c.id]))
                if s > scores[c.id]:
                    scores[c.id] = s
            for sid, (ntext, offsets) in norm_src.items():
                if len(piece) < 25:
                    continue
                al = fuzz.partial_ratio_alignment(piece, ntext, score_cutoff=THRESHOLD)
                if al is None:
                    continue
                a0 = offsets[al.dest_start]
                a1 = offsets[max(al.dest_end - 1, al.dest_start)] + 1
                for c in by_source[sid]:
                    overlap = min(a1, c.end) - max(a0, c.start)
                    if overlap <= 0:
                        continue
                    if overlap >= 0.5 * min(a1 - a0, c.end - c.start):
                        scores[c.id] = max(scores[c.id], round(al.score, 1))
        gold = sorted(
            ((cid, s) for cid, s in scores.items() if s >= THRESHOLD), key=lambda x: -x[1]
        )
        if gold:
            matched += 1
            for cid, s in gold:
                out_rows.append((idx, row["statement"], verdict, cid, f"{s:.1f}"))
        else:
            best = sorted(scores.items(), key=lambda x: -x[1])[:3]
            unmatched.append(
                (idx, verdict, row["statement"][:100], row["evidence_quote"][:160], best)
            )

    with open(OUT / "gold_pairs.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["row_index", "statement", "verdict", "claim_id", "match_score"])
        w.writerows(out_rows)
    n_claims = [sum(1 for r in out_rows if r[0] == i) for i in {r[0] for r in out_rows}]
    print(
        f"positive rows: {positive}; with >= 1 gold claim: {matched}; unmatched: {len(unmatched)}"
    )
    print(
        f"gold pairs: {len(out_rows)}; claims per matched row: "
        f"mean {sum(n_claims) / max(len(n_claims), 1):.2f}, max {max(n_claims, default=0)}"
    )
    for u in unmatched:
        print("UNMATCHED", u)
    return 0


if __name__ == "__main__":
    sys.exit(main())
