"""Time `claimcheck conflicts` on the bundled database and on a generated one (a benchmark,
not a test).

    python benchmarks/bench_conflicts.py [--claims 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    from claimcheck.judge.conflicts import find_conflicts
    from claimcheck.retrieve.index import open_index

    work = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(work / "cache")
    env = dict(os.environ)

    subprocess.run([sys.executable, "-m", "claimcheck", "conflicts"], env=env, cwd=REPO,
                   capture_output=True, check=True)  # fmt: skip
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimcheck", "conflicts", "--json"], env=env, cwd=REPO,
                   capture_output=True, check=True)  # fmt: skip
    print(f"bundled database, `claimcheck conflicts --json`, warm cache: "
          f"{time.perf_counter() - started:.2f} s end to end")  # fmt: skip

    root = work / "db"
    generate(root, args.claims)
    open_index(root)  # the index is built once per database content, as for verify
    started = time.perf_counter()
    index = open_index(root)
    claims = index.claims()
    loaded = time.perf_counter()
    found = find_conflicts(claims, index.entity_types, index.matcher, index.names_in_time)
    done = time.perf_counter()
    kinds = Counter(f"{c.kind}/{c.severity.value}" for c in found)
    print(f"generated database of {len(claims):,} claims, warm index: read {loaded - started:.2f} s, "
          f"find {done - loaded:.2f} s, total {done - started:.2f} s; "
          f"{len(found)} conflicts {dict(kinds)}")  # fmt: skip
    print(
        f"  peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
