"""Read a WordPress post as a condition guide: sections, points named in the text, FAQ and review stamp.

The result is the same ``GuideFile`` a Markdown guide parses into (guides/markdown.py), so the guides
app checks and saves both the same way. Points are found where the text names them — "Huantiao (GB30)",
"GB30", "Yanglingquan" — through the atlas's own code and name index (atlas/codes.py), each with the
text's own sentence about where it is, which the checks then compare with the atlas.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from acuclinic.atlas.codes import resolve
from acuclinic.guides.markdown import FrontMatter, GuideFile, Section

from .blocks import is_question, list_html, part_html
from .gutenberg import Part, plain_text

REVIEW_LINE = re.compile(r"^Last reviewed on (?P<date>.+?) by (?P<name>[^,]+?),\s*(?P<credential>[^.]+?)\.?$", re.I)
PAGE_CHROME = {"book online", "call us", "leave a reply", "book now", "call now"}
_CODE_LIKE = re.compile(r"\b[A-Za-z]{1,3}[- ]?\d{1,2}\b")
_NAME_LIKE = re.compile(r"\b[A-Z][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{2,}\b")
_ITEM = re.compile(r"^(?P<label>[^:]{2,60}):\s*(?P<rest>.+)$", re.S)
_LOCATION_CUE = re.compile(r"\b(located|found|situated|lies|sits|on the|in the|below|above|between|behind)\b", re.I)
_WHY_START = re.compile(r",\s*(?=(this|the|it|which)\s+(point\s+)?(is|was|are|can|may|helps?)\b)", re.I)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y")


@dataclass
class GuideReading:
    guide: GuideFile
    left_out: list[str] = field(default_factory=list)  # what the guide page prints itself, or cannot hold


def review_date(text: str) -> dt.date | None:
    cleaned = re.sub(r"[.,]", " ", text).split()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(" ".join(cleaned), fmt).date()
        except ValueError:
            continue
    return None


def condition_of(title: str) -> str:
    match = re.match(r"^(acupuncture|treatment|help)\s+(for|of)\s+(?P<c>.+)$", title.strip(), re.I)
    return (match.group("c") if match else title).strip()[:120] or title


def summary_of(excerpt: str, parts: list[Part]) -> str:
    text = plain_text(excerpt)
    if not text:
        text = next(
            (
                plain_text(p.value["html"])
                for p in parts
                if p.kind == "paragraph" and len(plain_text(p.value["html"])) > 60
            ),
            "",
        )
    if len(text) > 300:
        text = text[:297].rsplit(" ", 1)[0] + "…"
    return text


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _codes_in(text: str) -> list[tuple[str, str]]:
    """(code, name as written) for every point the text names, in order."""
    found = []
    for match in re.finditer(rf"{_NAME_LIKE.pattern}|{_CODE_LIKE.pattern}", text):
        word = match.group(0)
        codes = resolve(word).codes
        if len(codes) == 1:
            name = word if not _CODE_LIKE.fullmatch(word) else ""
            found.append((codes[0], name, match.start()))
    if re.search(r"\bAshi\b", text) and not any(c == "Ashi" for c, _, _ in found):
        found.append(("Ashi", "", text.index("Ashi")))
    return [(code, name) for code, name, _ in sorted(found, key=lambda f: f[2])]


def find_points(texts: list[str]) -> list[dict]:
    """The points named in ``texts`` (list items, paragraphs), each once, with where the text puts it."""
    points: dict[str, dict] = {}
    for text in texts:
        item = _ITEM.match(text)
        if item:
            named = _codes_in(item.group("label"))
            if len({c for c, _ in named}) == 1:
                code = named[0][0]
                name = next((n for _, n in named if n), "")
                rest = item.group("rest").strip()
                split = _WHY_START.split(rest, maxsplit=1)
                location = split[0].strip().rstrip(".,;")
                why = rest[len(split[0]) :].lstrip(", ").strip() if len(split) > 1 else ""
                if code not in points or not points[code]["from_list"]:
                    points[code] = {
                        "code": code,
                        "name": name if code != "Ashi" else "",
                        "location": location,
                        "why": why[:1:].upper() + why[1:] if why else "",
                        "from_list": True,
                    }
                continue
        for sentence in _sentences(text):
            for code, name in _codes_in(sentence):
                if code in points or not _LOCATION_CUE.search(sentence):
                    continue
                points[code] = {
                    "code": code,
                    "name": name,
                    "location": sentence.rstrip("."),
                    "why": "",
                    "from_list": False,
                }
    return [{k: v for k, v in p.items() if k != "from_list"} for p in points.values()]


def read_guide(*, title: str, slug: str, excerpt: str, parts: list[Part]) -> GuideReading:
    left_out: list[str] = []
    body: list[Section] = []
    faq: list[dict] = []
    texts: list[str] = []
    reviewed_by, reviewed_on = None, None
    i = 0
    while i < len(parts):
        part = parts[i]
        if is_question(part):
            question, answer, i = part.value["text"], [], i + 1
            while i < len(parts) and parts[i].kind in ("paragraph", "list") and not _stands_alone(parts[i], title):
                if parts[i].kind == "list":
                    answer += [plain_text(item) for item in parts[i].value["items"]]
                else:
                    answer.append(plain_text(parts[i].value["html"]))
                i += 1
            faq.append({"q": question, "a": "\n".join(answer)})
            continue
        i += 1
        if part.kind == "faq":
            faq += [{"q": q["question"], "a": plain_text(q["answer"])} for q in part.value["questions"]]
        elif part.kind == "heading":
            text = part.value["text"]
            body.append(Section("heading", text[:255]))
        elif part.kind in ("paragraph", "unknown"):
            text = plain_text(part.value["html"])
            if review := REVIEW_LINE.match(text):
                reviewed_on = review_date(review.group("date"))
                reviewed_by = {"name": review.group("name").strip(), "credential": review.group("credential").strip()}
                if reviewed_on is None:
                    left_out.append(f"a review date that could not be read: “{review.group('date')}”")
                continue
            if text.lower().rstrip(".!") in PAGE_CHROME or _is_breadcrumb(text, title):
                left_out.append(f"“{text[:60]}” (the guide page prints its own)")
                continue
            if part.kind == "unknown":
                left_out.append(f"{part.value['name']} markup, kept as text")
            body.append(Section("paragraph", part_html(part)))
            texts.append(text)
        elif part.kind == "list":
            body.append(Section("paragraph", list_html(part.value)))
            texts += [plain_text(item) for item in part.value["items"]]
        elif part.kind == "quote":
            body.append(Section("paragraph", f"<p>{part.value['quote']}</p>"))
        else:
            left_out.append(f"a {part.kind} (a guide holds text, points and questions only)")
    for q in faq:
        texts += [line for line in q["a"].split("\n") if line.strip()]
    meta = FrontMatter.model_validate(
        {
            "title": title,
            "slug": slug,
            "condition": condition_of(title),
            "summary": summary_of(excerpt, parts) or title,
            "reviewed_by": reviewed_by,
            "reviewed_on": reviewed_on,
            "points": find_points(texts),
            "faq": [q for q in faq if q["q"]],
        }
    )
    return GuideReading(GuideFile(f"WordPress post {slug}", meta, body), left_out)


def _stands_alone(part: Part, title: str) -> bool:
    """A review line or page furniture ends an answer: it belongs to the page, not the question."""
    text = plain_text(part.value.get("html", ""))
    return bool(REVIEW_LINE.match(text)) or text.lower().rstrip(".!") in PAGE_CHROME or _is_breadcrumb(text, title)


def _is_breadcrumb(text: str, title: str) -> bool:
    pieces = [p.strip() for p in re.split(r"\s+[-›»>/|]\s+", text)]
    return len(pieces) >= 2 and pieces[0].lower() == "home" and pieces[-1].lower() == title.strip().lower()
