"""What a new article would contradict, found from its candidates alone (leave-one-out).

For each source: copy the database without that source's curated claims, `claimcheck extract`
the source, and run `claimcheck conflicts --include-candidates`. A conflict of the full
database that involves the source is re-found when some conflict of that run holds all of its
claims from the other sources and at least one candidate of the source. Conflicts that hold a
candidate but match no conflict of the full database are counted as new (to be read: a new
article may well disagree where the curated claims did not say so, or the pairing is wrong).

    python benchmarks/eval_extract_conflicts.py [--db DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from claimcheck.store.database import find_database, load_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--show", action="store_true", help="list the conflicts missed and new")
    args = parser.parse_args()
    root = find_database(args.db)
    database = load_database(root)
    source_of = {claim.id: claim.source for claim in database.claims}
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(Path(scratch) / "cache")}
        full = _conflicts(root, [], env)
        print(f"{'source':<24} {'conflicts':>9} {'re-found':>9} {'new':>5}")
        totals = [0, 0, 0]
        for source in database.sources:
            involved = [c for c in full if any(source_of.get(i) == source for i in c)]
            if not involved:
                continue
            copy = Path(scratch) / source
            _without(root, copy, source)
            out = copy / "candidates.yaml"
            _claimcheck(["extract", source, "--db", str(copy), "--out", str(out)], env)
            found = _conflicts(copy, [out], env)
            with_candidates = [c for c in found if any(i.startswith(f"{source}-c") for i in c)]
            refound = [c for c in involved if any(_refinds(c, f, source, source_of) for f in found)]
            new = [
                f
                for f in with_candidates
                if not any(_refinds(c, f, source, source_of) for c in involved)
            ]
            totals = [
                a + b for a, b in zip(totals, [len(involved), len(refound), len(new)], strict=True)
            ]
            print(f"{source:<24} {len(involved):>9} {len(refound):>9} {len(new):>5}")
            if args.show:
                for c in involved:
                    if c not in refound:
                        print(f"  MISSED {sorted(c)}")
                for f in new:
                    print(f"  NEW    {sorted(f)}")
        print(f"{'overall':<24} {totals[0]:>9} {totals[1]:>9} {totals[2]:>5}")


def _refinds(
    curated: frozenset[str], found: frozenset[str], source: str, source_of: dict[str, str]
) -> bool:
    """`found` holds every claim of `curated` from the other sources, and a candidate of
    `source` in place of its own."""
    others = {i for i in curated if source_of.get(i) != source}
    return others <= found and any(i.startswith(f"{source}-c") for i in found)


def _conflicts(root: Path, candidates: list[Path], env: dict[str, str]) -> list[frozenset[str]]:
    extra = [arg for file in candidates for arg in ("--include-candidates", str(file))]
    # exit code 1 says that conflicts were found
    output = _claimcheck(["conflicts", "--db", str(root), "--json", *extra], env, ok=(0, 1))
    document: dict[str, Any] = json.loads(output)
    return [
        frozenset(claim["claim_id"] for side in conflict["sides"] for claim in side["claims"])
        for conflict in document["conflicts"]
    ]


def _without(root: Path, copy: Path, source: str) -> None:
    """A copy of the database whose claims files hold no claim of `source`."""
    shutil.copytree(root / "sources", copy / "sources")
    (copy / "claims").mkdir(parents=True)
    for path in sorted((root / "claims").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and isinstance(document.get("claims"), list):
            document["claims"] = [c for c in document["claims"] if c.get("source") != source]
        (copy / "claims" / path.name).write_text(
            yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )


def _claimcheck(arguments: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in ok:
        raise SystemExit(f"claimcheck {' '.join(arguments)} failed:\n{done.stderr}")
    return done.stdout


if __name__ == "__main__":
    main()
