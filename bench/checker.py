"""How well the guide checker judges lay wording it was not written against.

    python bench/checker.py [--corpus FILE ...] [--show-misses CLASS|all] [--tolerances]

Runs the guide checks over the independent corpora in tests/guides/lay_corpus/ (by default all eleven, from
writers who did not see the checker: development, held-out, fresh, blind, fifth, sixth, seventh, eighth, ninth,
tenth and eleventh, in the order they arrived; the checker has been tuned on each after its first measure, which the README keeps; each description
as the location of one point in an otherwise valid guide) and over every location text in the atlas and in the
demo guides, and prints the catch rate per fault class for each corpus and together, the false-alarm rate on
correct descriptions (and on the "trap" ones among them), false alarms on the atlas's own texts, how much of each
kind of text the checker could read, and how many distances and levels it judged on the body figures. ``--tolerances`` repeats the
overall figures with the distance tolerance's floor at 0.5, 1 and 1.5 cun. Pure Python: no database.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from acuclinic.atlas.schema import read_all  # noqa: E402
from acuclinic.guides import parser as location_parser  # noqa: E402
from acuclinic.guides.checks import ERROR, GuideDraft, PointEntry, atlas_facts, check_guide  # noqa: E402
from acuclinic.guides.judge import judge, measure_on_figure  # noqa: E402
from acuclinic.guides.vocabulary import TOLERANCE_FLOOR  # noqa: E402
from tests.guides.lay_corpus.corpus import CORPORA, FAULTS, load  # noqa: E402

TODAY = dt.date(2026, 1, 1)
GUIDES = ROOT / "acuclinic" / "guides" / "content"


def front_matter(path: Path) -> dict:
    """A demo guide's YAML front matter (its points), without the Markdown body (which needs Django)."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def flagged(code: str, text: str) -> list[str]:
    draft = GuideDraft(slug="bench", points=[PointEntry(code=code, location=text)], reviewer="R", reviewed_on=TODAY)
    return [f.message for f in check_guide(draft, today=TODAY) if f.severity == ERROR and f.point is not None]


def coverage(pairs) -> tuple[float, float, int, int]:
    """Texts read in full, the mean share of clauses checked, and measures read / judged on the figures."""
    placements = atlas_facts().placements
    verdicts = [judge(text, p, placements.place) for code, text in pairs if (p := placements.place(code)) is not None]
    full = sum(v.share_checked == 1 for v in verdicts) / len(verdicts)
    mean = sum(v.share_checked for v in verdicts) / len(verdicts)
    return full, mean, sum(v.measures for v in verdicts), sum(v.on_figure for v in verdicts)


def score(corpus) -> tuple[collections.Counter, collections.Counter, list]:
    caught, total, alarms = collections.Counter(), collections.Counter(), []
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
            if not found:
                alarms.append((d, None))
    return caught, total, alarms


def figure_misses(code: str, text: str) -> list[float]:
    """How far, in cun, the point is on its figure from each distance or level the text states."""
    placement = atlas_facts().placements.place(code)
    if placement is None or placement.frame is None:
        return []
    out = []
    for claim in location_parser.read(text, placement.limb, own=code).claims:
        if claim.measure is not None and claim.measure[0] in ("from", "level", "halfway"):
            measured = measure_on_figure(claim, placement)
            if measured is not None:
                out.append(measured.miss)
    return out


def misses(every, atlas) -> None:
    """What the tolerance must allow (correct texts' misses) and must not (wrong distances' misses)."""
    right = sorted(m for d in every if d.correct for m in figure_misses(d.code, d.text))
    right += sorted(m for code, text in atlas for m in figure_misses(code, text))
    right.sort()
    wrong = sorted(max(ms) for d in every if d.fault == "distance" and (ms := figure_misses(d.code, d.text)))
    share = {t: sum(m <= t for m in right) / len(right) for t in (0.5, 1.0, 1.5)}
    print(
        f"on the figures, correct texts' distances and levels ({len(right)}) miss by at most {right[-1]:.2f} cun; "
        + ", ".join(f"{share[t]:.1%} within {t}" for t in share)
    )
    print(
        f"wrong distances measured on the figures ({len(wrong)}) miss by {wrong[0]:.2f} cun or more; "
        + ", ".join(f"{sum(m > t for m in wrong)} beyond {t}" for t in (0.5, 1.0, 1.5))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", metavar="CLASS", help="print the wrong descriptions of CLASS that pass")
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus file in the same format")
    parser.add_argument("--tolerances", action="store_true", help="measure the tolerance floor at 0.5/1/1.5 cun")
    args = parser.parse_args()
    paths = args.corpus or list(CORPORA.values())
    corpora = {path.stem: load(path) for path in paths}
    results = {name: score(corpus) for name, corpus in corpora.items()}
    names = list(corpora)
    header = "".join(f"{n[:22]:>24}" for n in names) + (f"{'together':>24}" if len(names) > 1 else "")
    print(f"{'fault class':20}{header}")
    rows = [*FAULTS, None]
    for fault in rows:
        cells = []
        sums = [0, 0]
        for name in names:
            caught, total, _ = results[name]
            c = sum(caught.values()) if fault is None else caught[fault]
            t = sum(total[f] for f in FAULTS) if fault is None else total[fault]
            sums[0] += c
            sums[1] += t
            cells.append(f"{c:>5}/{t:<4} {c / t:7.1%}     " if t else f"{'-':>24}")
        if len(names) > 1:
            cells.append(f"{sums[0]:>5}/{sums[1]:<4} {sums[0] / sums[1]:7.1%}     ")
        print(f"{fault or 'all wrong':20}" + "".join(f"{c:>24}" for c in cells))
    all_alarms = 0
    all_correct = 0
    for name in names:
        caught, total, listed = results[name]
        alarms = [(d, f) for d, f in listed if f is not None]
        all_alarms += len(alarms)
        all_correct += total["correct"]
        traps = sum(d.trap for d, _ in alarms)
        print(
            f"{name}: false alarms on correct descriptions: {len(alarms)} of {total['correct']} "
            f"({len(alarms) / total['correct']:.1%}); on 'trap' wording {traps} of {total['trap']}"
        )
    if len(names) > 1:
        print(f"together: false alarms {all_alarms} of {all_correct} ({all_alarms / all_correct:.1%})")
    atlas = [(p.code, p.location) for f in read_all() for p in f.points if p.location]
    atlas_alarms = [(code, found) for code, text in atlas if (found := flagged(code, text))]
    print(f"false alarms on the atlas's own location texts: {len(atlas_alarms)} of {len(atlas)}")
    guides = [(p["code"], p["location"]) for path in sorted(GUIDES.glob("*.md")) for p in front_matter(path)["points"]]
    guide_alarms = [(code, found) for code, text in guides if (found := flagged(code, text))]
    print(f"false alarms on the demo guides' locations: {len(guide_alarms)} of {len(guides)}")
    every = [d for corpus in corpora.values() for d in corpus]
    for label, pairs in (("correct lay descriptions", [(d.code, d.text) for d in every if d.correct]),
                         ("wrong lay descriptions", [(d.code, d.text) for d in every if not d.correct]),
                         ("atlas location texts", atlas)):  # fmt: skip
        full, mean, measures, on_figure = coverage(pairs)
        print(
            f"checked in full: {full:.1%} of the {label} (mean share of clauses checked {mean:.1%}); "
            f"measurements (distances, levels, at a landmark) judged on the body figures: {on_figure} of {measures}"
        )
    if args.tolerances:
        print(f"{'tolerance floor':16}{'caught':>16}{'false alarms':>16}{'atlas alarms':>14}")
        for floor in (0.5, 1.0, 1.5):
            token = TOLERANCE_FLOOR.set(floor)
            try:
                scored = [score(corpus) for corpus in corpora.values()]
                caught = sum(sum(c.values()) for c, _, _ in scored)
                wrong = sum(sum(t[f] for f in FAULTS) for _, t, _ in scored)
                alarms = sum(sum(f is not None for _, f in a) for _, _, a in scored)
                correct = sum(t["correct"] for _, t, _ in scored)
                distance = sum(c["distance"] for c, _, _ in scored), sum(t["distance"] for _, t, _ in scored)
                atlas_n = sum(bool(flagged(code, text)) for code, text in atlas)
            finally:
                TOLERANCE_FLOOR.reset(token)
            print(
                f"{floor:<16}{caught:>7}/{wrong} {caught / wrong:6.1%}{alarms:>8}/{correct} {alarms / correct:5.1%}"
                f"{atlas_n:>10}   (distance class {distance[0]}/{distance[1]})"
            )
    if args.tolerances:
        misses(every, atlas)
    for name in names:
        for d, found in results[name][2] if args.show_misses else []:
            if found is None and args.show_misses in (d.fault, "all"):
                print(f"missed {d.fault}: {d.code}: {d.text}")
            elif found is not None:
                print(f"false alarm: {d.code}: {d.text}\n    -> {found[0]}")
    for code, found in (atlas_alarms + guide_alarms) if args.show_misses else []:
        print(f"false alarm on an atlas or guide text: {code}\n    -> {found[0]}")


if __name__ == "__main__":
    main()
