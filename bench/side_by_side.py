"""The Sciatica guide beside WordPress and a static copy, in one run on this machine.

    python bench/side_by_side.py [--reps 3] [--duration 20s]

Serves two isolated production-like sites (no page cache, and the default page cache) and runs the
workplace script ../shared/bench/side-by-side.sh, which alternates wrk runs against WordPress (the
platform acuclinic replaces), nginx serving the same article as a static file, and these URLs, and
prints medians and ratios. That script installs WordPress through Debian's packages the first time:
run it on a development machine, never in CI.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack

from harness import ROOT, site

SCRIPT = ROOT.parent / "shared" / "bench" / "side-by-side.sh"
GUIDE = "/acupoints/acupuncture-for-sciatica/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", default="3")
    parser.add_argument("--duration", default="20s")
    args = parser.parse_args()
    if not SCRIPT.exists():
        sys.exit(f"needs the workplace benchmark script at {SCRIPT}")
    urls = []
    with ExitStack() as stack:
        for extra in ({"PAGE_CACHE": "0"}, {}):
            os.environ.pop("PAGE_CACHE", None)
            os.environ.update(extra)
            base, _env = stack.enter_context(site())
            urls.append(base + GUIDE)
        print("acuclinic without page cache:", urls[0], "and with it:", urls[1], flush=True)
        env = {**os.environ, "REPS": args.reps, "DUR": args.duration}
        subprocess.run(["bash", str(SCRIPT), *urls], env=env, check=True)


if __name__ == "__main__":
    main()
