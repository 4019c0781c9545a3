"""Demo guides: imported from guides/content/*.md and published. Existing guides are left alone."""

from __future__ import annotations

from pathlib import Path

from .importing import import_guide
from .markdown import read_guide_file
from .models import ConditionGuidePage

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def load(stdout) -> None:
    created = 0
    for path in sorted(CONTENT_DIR.glob("*.md")):
        slug = read_guide_file(path).meta.slug
        if ConditionGuidePage.objects.filter(slug=slug).exists():
            continue  # never overwrite what the clinic's editors changed
        result = import_guide(path, publish=True)
        if not result.published:
            problems = "; ".join(f.message for f in result.findings)
            raise RuntimeError(f"demo guide {path.name} did not pass its checks: {problems}")
        created += 1
    stdout.write(f"guides: {ConditionGuidePage.objects.live().count()} live ({created} new)")
