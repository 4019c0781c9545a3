"""The Sciatica guide beside WordPress and a static copy, in one run on this machine.

    sudo python bench/side_by_side.py [--reps 3] [--duration 20s] [--connections 32]

Runs bench/wordpress/install.sh (Debian's WordPress 6.1 serving the reference page on :8081 and nginx
serving the same HTML as a static file on :8082; it installs packages the first time, so run this on a
benchmark machine as root, never in CI), serves two isolated production-like acuclinic sites (no page
cache, and the default page cache), then alternates wrk runs over the four URLs so that each sees the
same machine state, and prints each run, the medians and the ratios. bench/wordpress/stop.sh stops
WordPress afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from contextlib import ExitStack

from harness import ROOT, site

INSTALL = ROOT / "bench" / "wordpress" / "install.sh"
GUIDE = "/acupoints/acupuncture-for-sciatica/"
WORDPRESS = "http://127.0.0.1:8081/acupuncture-for-sciatica/"
STATIC = "http://127.0.0.1:8082/wp-page.html"


def wrk(url: str, *, duration: str, connections: int) -> tuple[float, int]:
    """Requests per second, and how many answers were not 2xx/3xx."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, int(bad.group(1)) if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--duration", default="20s")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None and os.geteuid() != 0:
        sys.exit("needs wrk (install.sh installs it when run as root)")
    subprocess.run(["bash", str(INSTALL)], check=True, stdout=subprocess.DEVNULL)
    with ExitStack() as stack:
        urls = {"wordpress": WORDPRESS, "static": STATIC}
        for name, extra in (("acuclinic (no page cache)", {"PAGE_CACHE": "0"}), ("acuclinic", {})):
            os.environ.pop("PAGE_CACHE", None)
            os.environ.update(extra)
            base, _env = stack.enter_context(site())
            urls[name] = base + GUIDE
        for url in urls.values():  # warm-up: caches, PHP opcache, gunicorn workers
            wrk(url, duration="5s", connections=args.connections)
        rates: dict[str, list[float]] = {name: [] for name in urls}
        for rep in range(1, args.reps + 1):
            for name, url in urls.items():
                rate, bad = wrk(url, duration=args.duration, connections=args.connections)
                rates[name].append(rate)
                print(f"run {rep} {name}: {rate:.0f} req/s" + (f" ({bad} not 2xx/3xx)" if bad else ""), flush=True)
        medians = {name: statistics.median(values) for name, values in rates.items()}
        print(f"median req/s: wordpress {medians['wordpress']:.0f}, static {medians['static']:.0f}")
        for name in list(urls)[2:]:
            m = medians[name]
            print(
                f"{name}: {m:.0f} req/s = {m / medians['wordpress']:.1f}x WordPress, {m / medians['static']:.3f} of static"
            )


if __name__ == "__main__":
    main()
