#!/usr/bin/env python3
"""Keep-alive benchmark: 50 links to one loopback host, 50 ms per answer, TCP connections counted.

    python bench/keepalive.py                 # this checkout
    python bench/keepalive.py --rev 31c8ba2   # and an older revision (its src/ from git archive), interleaved

The server is ``../shared/bench/latency_server.py``'s handler, run in this process so that it can count accepted
connections and, with ``--connect-delay``, hold each new connection before serving it: loopback has no round
trip, so that delay stands for what a real host costs per new connection (TCP and TLS 1.3 handshakes: two round
trips, 100 ms at 50 ms RTT). Reported per tree: the whole CLI run (start-up included) and ``Checker.check``
alone, each the median of ``--runs`` runs, interleaved between trees so machine load hits both alike.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
CHECK_ONLY = """
import sys, time
from readme_lint.links.http import Checker
from readme_lint.links.settings import LinkSettings
urls = sys.argv[1:]
start = time.perf_counter()
results = Checker(LinkSettings(allow_private=True)).check(urls)
assert all(result.kind == "ok" for result in results.values()), results
print(time.perf_counter() - start)
"""


def serve(delay_ms: float, connect_delay_ms: float) -> tuple[ThreadingHTTPServer, list[int]]:
    sys.path.insert(0, str(SHARED))
    import latency_server  # type: ignore[import-not-found]

    config = argparse.Namespace(
        delay_ms=delay_ms,
        verbose=False,
        dead=False,
        ratelimited=False,
        moved=False,
        ratelimit_first=None,
        retry_after=1,
        linkchecker_header=False,
    )
    handler = latency_server.make_handler(config, latency_server.Stats())
    connections = [0]

    class Held(handler):  # type: ignore[misc,valid-type]
        def setup(self) -> None:
            time.sleep(connect_delay_ms / 1000)
            super().setup()

    class Counting(ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self):  # type: ignore[no-untyped-def]
            connections[0] += 1
            return super().get_request()

    server = Counting(("127.0.0.1", 0), Held)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, connections


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", help="also measure this git revision (its src/)")
    parser.add_argument("--links", type=int, default=50)
    parser.add_argument("--delay-ms", type=float, default=50)
    parser.add_argument("--connect-delay", type=float, action="append", help="ms per new connection (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not (SHARED / "latency_server.py").exists():
        print(f"bench/keepalive.py: {SHARED / 'latency_server.py'} not found", file=sys.stderr)
        return 2
    trees = {"this checkout": ROOT / "src"}
    work = Path(tempfile.mkdtemp(prefix="readme-lint-keepalive-"))
    if options.rev:
        archive = subprocess.run(["git", "archive", options.rev, "src"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive.stdout, check=True)
        trees = {options.rev: work / "src", **trees}
    print(f"{options.links} links, one loopback host, {options.delay_ms:g} ms per answer, 4 per host in flight\n")
    print("| tree | ms per new connection | CLI run (median) | Checker.check (median) | TCP connections |")
    print("|---|---:|---:|---:|---:|")
    for connect_delay in options.connect_delay or [0.0, 100.0]:
        server, connections = serve(options.delay_ms, connect_delay)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        cli: dict[str, list[float]] = {name: [] for name in trees}
        check: dict[str, list[float]] = {name: [] for name in trees}
        seen: dict[str, int] = {}
        for run in range(options.runs):
            for n, (name, src) in enumerate(trees.items()):
                urls = [f"{base}/{connect_delay:g}/{n}/{run}/{i}" for i in range(options.links)]
                (work / "README.md").write_text("# L\n\n" + "".join(f"- [l]({url})\n" for url in urls))
                env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
                connections[0] = 0
                start = time.perf_counter()
                command = [sys.executable, "-m", "readme_lint", "--no-config", "--check-links", "--allow-private"]
                result = subprocess.run(
                    [*command, "--no-cache", "-q", "README.md"], cwd=work, env=env, capture_output=True, text=True
                )
                cli[name].append(time.perf_counter() - start)
                if result.returncode != 0:
                    print(result.stdout + result.stderr, file=sys.stderr)
                    return 1
                seen[name] = connections[0]
                urls = [url + "/check" for url in urls]
                alone = subprocess.run(
                    [sys.executable, "-c", CHECK_ONLY, *urls], env=env, capture_output=True, text=True, check=True
                )
                check[name].append(float(alone.stdout))
        server.shutdown()
        for name in trees:
            median_cli = sorted(cli[name])[len(cli[name]) // 2]
            median_check = sorted(check[name])[len(check[name]) // 2]
            print(f"| {name} | {connect_delay:g} | {median_cli:.2f} s | {median_check:.2f} s | {seen[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
