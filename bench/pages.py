"""Guide and atlas pages served by gunicorn (production settings): requests per second.

    python bench/pages.py [--seconds 10] [--connections 32] [--workers 3]

Uses wrk when installed (apt-get install wrk), else a Python client (slower: it measures less).
Three configurations: nothing cached at all (CACHE_URL=dummy://), data caches but no page cache
(PAGE_CACHE=0: every request routes and renders the page), and the default (anonymous visitors are
answered from the page cache). Compare with WordPress on the same machine:
sudo python bench/side_by_side.py (installs and serves WordPress from bench/wordpress/).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import threading
import time
import urllib.request

from harness import site, summary

PAGES = ["/acupoints/acupuncture-for-sciatica/", "/acupoints/gb30/", "/"]


def wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    )
    return float(next(line.split()[1] for line in out.stdout.splitlines() if line.startswith("Requests/sec")))


def python_client(url: str, seconds: int, connections: int) -> float:
    stop, count, lock = time.monotonic() + seconds, [0], threading.Lock()
    latencies: list[float] = []

    def run():
        while time.monotonic() < stop:
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            with lock:
                count[0] += 1
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"    ({summary(latencies)})")
    return count[0] / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    measure = wrk if shutil.which("wrk") else python_client

    modes = [
        ("nothing cached (CACHE_URL=dummy://)", {"CACHE_URL": "dummy://"}),
        ("no page cache (PAGE_CACHE=0)", {"PAGE_CACHE": "0"}),
        ("default: page cache for anonymous visitors", {}),
    ]
    for label, extra in modes:
        for name in ("CACHE_URL", "PAGE_CACHE"):
            os.environ.pop(name, None)
        os.environ.update(extra)
        with site(workers=args.workers) as (base, _env):
            print(f"{label}, {args.workers} gunicorn workers, {args.connections} connections, {measure.__name__}:")
            for page in PAGES:
                urllib.request.urlopen(base + page).read()
                rate = measure(base + page, args.seconds, args.connections)
                print(f"  {page:<42} {rate:8.0f} req/s")


if __name__ == "__main__":
    main()
