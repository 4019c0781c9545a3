"""Lighthouse (mobile, default throttling) on each public page type of a fresh demo site; prints the four
category scores, the bytes transferred and the number of requests per page.

Usage: python bench/lighthouse.py [--only home,guide]

Lighthouse comes from npm at the version pinned in bench/tools/package-lock.json (`npm ci` on first use,
into the git-ignored bench/tools/node_modules); the browser is Debian's Chromium. The site runs with
production settings under gunicorn (bench/harness.py), uploaded images served as a proxy would.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import site

TOOLS = Path(__file__).resolve().parent / "tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update " \
        "--disable-sync --no-first-run"  # fmt: skip

PAGES = {
    "home": "/",
    "team": "/team/",
    "practitioner": "/team/mei-lin-chen/",
    "service": "/services/initial-acupuncture/",
    "content page": "/privacy-policy/",
    "guide": "/acupoints/acupuncture-for-sciatica/",
    "point": "/acupoints/gb30/",
    "booking time step": "/book/initial-acupuncture/mei-lin-chen/",
}


def install() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)


def audit(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out.name}", f"--chrome-flags={FLAGS}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, capture_output=True,
        )  # fmt: skip
        report = json.loads(Path(out.name).read_text())
    audits = report["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return {
        "scores": {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()},
        "bytes": int(audits.get("total-byte-weight", {}).get("numericValue") or 0),
        "requests": len(requests),
        "failing": [k for k, v in audits.items() if v.get("score") == 0 and v.get("scoreDisplayMode") == "binary"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated page names")
    args = parser.parse_args()
    pages = {k: v for k, v in PAGES.items() if not args.only or k in args.only.split(",")}
    install()
    with site(workers=2, wsgi="bench.media_wsgi:application") as (base, _env):
        for path in pages.values():  # warm the page cache and create the image renditions
            urllib.request.urlopen(base + path).read()
        print("| Page | Performance | Accessibility | Best practices | SEO | KB transferred | Requests |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, path in pages.items():
            result = audit(base + path)
            s = result["scores"]
            print(f"| {name} (`{path}`) | {s.get('performance')} | {s.get('accessibility')} | "
                  f"{s.get('best-practices')} | {s.get('seo')} | {result['bytes'] / 1024:.1f} | {result['requests']} |"
                  + (f" failing: {', '.join(result['failing'])}" if result["failing"] else ""), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
