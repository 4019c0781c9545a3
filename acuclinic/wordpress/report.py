"""What an import did, item by item, and what it could not carry over: printed the same for a dry run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # ("page", "created") -> n
    lines: list[str] = field(default_factory=list)  # one per page, post and guide
    findings: list[str] = field(default_factory=list)  # the guide checks' findings, per guide
    unknown_markup: list[str] = field(default_factory=list)
    missing_media: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, action: str, n: int = 1) -> None:
        self.counts[(kind, action)] += n

    def render(self) -> str:
        out = ["Dry run: nothing was written. This is what the import would do." if self.dry_run else "Imported."]
        kinds = dict.fromkeys(kind for kind, _ in self.counts)
        for kind in kinds:
            actions = ", ".join(f"{n} {action}" for (k, action), n in sorted(self.counts.items()) if k == kind)
            out.append(f"  {kind}: {actions}")
        for title, items in (
            ("Pages and posts", self.lines),
            ("Guide checks", self.findings),
            ("Markup kept as text (check these pages)", self.unknown_markup),
            ("Media not found under --uploads", self.missing_media),
            ("Not imported", self.skipped),
            ("Notes", self.notes),
        ):
            if items:
                out += ["", f"{title}:"] + [f"  {line}" for line in items]
        return "\n".join(out) + "\n"
