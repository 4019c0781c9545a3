"""axe-core in the browser tests: installed from npm at the version pinned in tools/package-lock.json
(`npm ci` into the git-ignored tools/node_modules on first use), injected into each page by Playwright."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = Path(__file__).parent / "tools"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, one h1, headings in order...).
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"],
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n")[1])}));
}"""


def axe_source() -> str:
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed once to install axe-core for the browser tests (apt-get install npm)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)
    return AXE.read_text()


def violations(page, source: str) -> list[dict]:
    """axe's violations on the page as it is now (the script is evaluated over CDP, so the CSP allows it)."""
    page.evaluate(source)
    return page.evaluate(RUN)
