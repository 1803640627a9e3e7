"""Speed and memory of `claimcheck verify`, printed as figures (a benchmark, not a test).

    python benchmarks/bench_verify.py            # bundled database + a generated 100,000-claim one
    python benchmarks/bench_verify.py --claims 20000 --runs 9

1. one `claimcheck verify` on the bundled database, end to end, warm cache: median of --runs,
   for a statement the rules decide, for one that consults the text-pair model, and for one
   that nothing decides (the model reads its best candidates, then the next few);
2. batch throughput of `verify --file` on the bundled database;
3. one statement of 5,000, 20,000 and 40,000 words, end to end (linear time);
4. on a generated database of --claims claims: load and index build time (cold), then the
   median and 95th-percentile time per statement in batch mode, and the peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEV = REPO.parent / "shared" / "eval" / "verify_dev.tsv"


def cli(*args: str, env: dict[str, str], stdin: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        input=stdin, capture_output=True, text=True, env=env, check=True, cwd=REPO,
    )  # fmt: skip
    return time.perf_counter() - started


def bundled(runs: int, env: dict[str, str]) -> None:
    statement = "Serbia bought nine Wing Loong"
    cli("verify", statement, env=env)  # warm the index cache
    times = sorted(cli("verify", statement, env=env) for _ in range(runs))
    print(f"bundled database, one CLI verify, warm cache: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {times[0] * 1000:.0f}, max {times[-1] * 1000:.0f}, {runs} runs)")  # fmt: skip
    # a real sentence the rules alone find nothing on, so the text-pair model is consulted
    paraphrased = ("The new bridge was opened by Premier of the People's Republic of China Li "
                   "Keqiang and his Serbian counterpart Aleksandar Vucic on December 18, 2014.")  # fmt: skip
    cli("verify", paraphrased, env=env)
    times = sorted(cli("verify", paraphrased, env=env) for _ in range(runs))
    ratio = statistics.median(times) / statistics.median(
        sorted(cli("verify", "--rules-only", paraphrased, env=env) for _ in range(runs))
    )
    print(f"bundled database, one CLI verify that consults the text-pair model: median "
          f"{statistics.median(times) * 1000:.0f} ms ({ratio:.1f}x the same with --rules-only)")  # fmt: skip
    # one that nothing decides: the model reads the best candidates, then the next few
    unknown = ("Serbia's parliament debated a new law on foreign investment after a delegation "
               "from Beijing visited Novi Sad.")  # fmt: skip
    times = sorted(cli("verify", unknown, env=env) for _ in range(runs))
    print(f"bundled database, one CLI verify whose statement the database does not hold (the "
          f"model reads two rounds of candidates): median {statistics.median(times) * 1000:.0f} ms")  # fmt: skip
    lines = [row.split("\t")[0] for row in DEV.read_text().splitlines()[1:] if row.strip()]
    batch = "\n".join(lines * 10)
    for flags, how in (((), "rules and model"), (("--rules-only",), "rules only")):
        elapsed = cli("verify", *flags, "--file", "-", "--json", env=env, stdin=batch)
        print(f"bundled database, verify --file with {len(lines) * 10} statements ({how}): "
              f"{elapsed:.2f} s, {len(lines) * 10 / elapsed:.0f} statements/s")  # fmt: skip


def long_statements(env: dict[str, str]) -> None:
    """Time to judge one statement grows linearly with its length."""
    sentences = {
        "figures": "Serbia bought nine Wing Loong drones from China in 2018 and the Chinese embassy "
        "in Belgrade said trade grew by 45 percent while officials met in Beijing ",
        # months and names everywhere: dates and figures next to names are read by bisection
        "dates and names": "Serbia received six CH-92A drones from China in June 2020 and the "
        "Smederevo steel mill was bought by HBIS in 2016 . ",
    }
    for kind, sentence in sentences.items():
        words_of = sentence.split()
        figures = []
        for words in (5_000, 20_000, 40_000):
            text = " ".join((words_of * (words // len(words_of) + 1))[:words])
            elapsed = cli("verify", "--file", "-", env=env, stdin=text + "\n")
            figures.append(f"{words:,} words {elapsed:.2f} s")
        print(f"one long statement ({kind}), end to end: " + "; ".join(figures))


def generated(claims: int) -> None:
    """Runs in a child process, so that its peak memory is its own."""
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    from claimcheck.judge.verify import verify
    from claimcheck.retrieve.index import build_index, index_key, open_index
    from claimcheck.store.database import load_database

    work = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    root = work / "db"
    started = time.perf_counter()
    statements = generate(root, claims)
    print(f"generated database: {claims:,} claims in {time.perf_counter() - started:.1f} s")
    os.environ["CLAIMCHECK_CACHE_DIR"] = str(work / "cache")

    started = time.perf_counter()
    database = load_database(root)
    loaded = time.perf_counter()
    build_index(database, work / "cache" / "index" / "probe.sqlite", "probe")
    built = time.perf_counter()
    print(f"  load (YAML parse + schema check): {loaded - started:.1f} s; "
          f"index build: {built - loaded:.1f} s")  # fmt: skip
    del database
    started = time.perf_counter()
    index = open_index(root)  # cold: load + build, as the first `verify` after an edit
    print(
        f"  first verify after an edit (load + build, cold cache): {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    index_key(root)
    index = open_index(root)
    print(f"  later runs (content digest, cached index): {time.perf_counter() - started:.2f} s")

    times = []
    right = 0
    for statement, expected in statements:
        started = time.perf_counter()
        result = verify(statement, index)
        times.append(time.perf_counter() - started)
        right += result.verdict.value == expected
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"  batch verify of {len(times):,} statements: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms per statement; {right}/{len(times)} verdicts as generated")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory (max RSS of this process): {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--generated-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generated_only:
        generated(args.claims)
        return
    env = dict(os.environ, CLAIMCHECK_CACHE_DIR=tempfile.mkdtemp(prefix="claimcheck-cache-"))
    # Python caches compiled modules unless told not to (some sandboxes do); a user's install
    # has them, so the measurement should too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    bundled(args.runs, env)
    long_statements(env)
    subprocess.run(
        [sys.executable, __file__, "--generated-only", "--claims", str(args.claims)], check=True
    )


if __name__ == "__main__":
    main()
