"""How well the guide checker judges lay wording it was not written against.

    python bench/checker.py [--show-misses CLASS]

Runs the guide checks over the independent corpus in tests/guides/lay_corpus/ (each description as the
location of one point in an otherwise valid guide) and over every location text in the atlas, and prints
the catch rate per fault class, the false-alarm rate on correct descriptions (and on the "trap" ones
among them), false alarms on the atlas's own texts, and how much of each kind of text the checker could
read. Pure Python: no database, no server.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from acuclinic.atlas.schema import read_all  # noqa: E402
from acuclinic.guides.checks import ERROR, GuideDraft, PointEntry, atlas_facts, check_guide  # noqa: E402
from acuclinic.guides.judge import judge  # noqa: E402
from tests.guides.lay_corpus.corpus import FAULTS, load  # noqa: E402

TODAY = dt.date(2026, 1, 1)


def flagged(code: str, text: str) -> list[str]:
    draft = GuideDraft(slug="bench", points=[PointEntry(code=code, location=text)], reviewer="R", reviewed_on=TODAY)
    return [f.message for f in check_guide(draft, today=TODAY) if f.severity == ERROR and f.point is not None]


def coverage(pairs) -> tuple[float, float]:
    """The share of texts the checker read in full, and the mean share of their clauses it checked."""
    placements = atlas_facts().placements
    verdicts = [judge(text, p) for code, text in pairs if (p := placements.place(code)) is not None]
    full = sum(v.share_checked == 1 for v in verdicts) / len(verdicts)
    return full, sum(v.share_checked for v in verdicts) / len(verdicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", metavar="CLASS", help="print the wrong descriptions of CLASS that pass")
    parser.add_argument("--corpus", type=Path, default=None, help="another corpus file in the same format")
    args = parser.parse_args()
    corpus = load(args.corpus) if args.corpus else load()
    caught = collections.Counter()
    total = collections.Counter()
    alarms = []
    for d in corpus:
        found = flagged(d.code, d.text)
        if d.correct:
            total["correct"] += 1
            total["trap"] += d.trap
            if found:
                alarms.append((d, found))
        else:
            total[d.fault] += 1
            caught[d.fault] += bool(found)
            if not found and args.show_misses in (d.fault, "all"):
                print(f"missed {d.fault}: {d.code}: {d.text}")
    wrong = sum(total[f] for f in FAULTS)
    print(f"{'fault class':22} {'caught':>8} {'of':>4} {'rate':>7}")
    for fault in FAULTS:
        print(f"{fault:22} {caught[fault]:8} {total[fault]:4} {caught[fault] / total[fault]:7.1%}")
    all_caught = sum(caught.values())
    print(f"{'all wrong':22} {all_caught:8} {wrong:4} {all_caught / wrong:7.1%}")
    traps = sum(d.trap for d, _ in alarms)
    print(
        f"false alarms on correct descriptions: {len(alarms)} of {total['correct']} ({len(alarms) / total['correct']:.1%})"
    )
    print(f"  of which on 'trap' wording: {traps} of {total['trap']}")
    atlas = [(p.code, p.location) for f in read_all() for p in f.points if p.location]
    atlas_alarms = [(code, found) for code, text in atlas if (found := flagged(code, text))]
    print(f"false alarms on the atlas's own location texts: {len(atlas_alarms)} of {len(atlas)}")
    for label, pairs in (("correct lay descriptions", [(d.code, d.text) for d in corpus if d.correct]),
                         ("wrong lay descriptions", [(d.code, d.text) for d in corpus if not d.correct]),
                         ("atlas location texts", atlas)):  # fmt: skip
        full, mean = coverage(pairs)
        print(f"checked in full: {full:.1%} of the {label} (mean share of clauses checked {mean:.1%})")
    for d, found in alarms if args.show_misses else []:
        print(f"false alarm: {d.code}: {d.text}\n    -> {found[0]}")


if __name__ == "__main__":
    main()
