"""Lay the parts of a converted post out as a content page's StreamField blocks (clinic/blocks.py).

Consecutive headings, paragraphs, lists and unknown markup share one rich-text block; a run of question
headings ("Do I need a referral?") with their answers becomes the FAQ block, as does Yoast's FAQ block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from django.utils.html import escape
from wagtail.whitelist import check_url

from .gutenberg import Part, clean_html

FAQ_TITLES = re.compile(r"^(faqs?|frequently asked questions|questions( and answers)?|q ?& ?a)\s*:?$", re.I)


@dataclass
class Layout:
    blocks: list[tuple[str, object]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # names of markup kept as text
    missing: list[str] = field(default_factory=list)  # media the content refers to that was not imported


def is_question(part: Part) -> bool:
    return part.kind == "heading" and part.value["text"].rstrip().endswith("?")


def list_html(value: dict) -> str:
    tag = "ol" if value["ordered"] else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in value["items"]) + f"</{tag}>"


def part_html(part: Part) -> str:
    if part.kind == "heading":
        level = part.value["level"]
        return f"<h{level}>{escape(part.value['text'])}</h{level}>"
    if part.kind == "list":
        return list_html(part.value)
    return as_paragraphs(part.value.get("html", ""))


def as_paragraphs(html: str) -> str:
    """Text lying loose between block elements ("Opening hours<p>…</p>") goes into paragraphs of its own."""
    soup = BeautifulSoup(html, "html.parser")
    out, loose = [], []
    for node in list(soup.children):
        if isinstance(node, Tag) and node.name in ("p", "h2", "h3", "h4", "ul", "ol"):
            if "".join(str(n) for n in loose).strip():
                out.append("<p>" + "".join(str(n) for n in loose).strip() + "</p>")
            loose = []
            out.append(str(node))
        else:
            loose.append(node)
    if "".join(str(n) for n in loose).strip():
        out.append("<p>" + "".join(str(n) for n in loose).strip() + "</p>")
    return "".join(out)


def questions_from_headings(parts: list[Part], start: int) -> tuple[list[dict], int]:
    """The questions and answers from ``parts[start]`` on: each question heading with what follows it."""
    questions, i = [], start
    while i < len(parts) and is_question(parts[i]):
        question, answer, i = parts[i].value["text"], [], i + 1
        while i < len(parts) and parts[i].kind in ("paragraph", "list"):
            answer.append(part_html(parts[i]))
            i += 1
        questions.append({"question": question, "answer": clean_html("".join(answer))})
    return questions, i


def lay_out(
    parts: list[Part], *, image_for: Callable[[dict], object | None], document_for: Callable[[dict], object | None]
) -> Layout:
    layout = Layout()
    text: list[str] = []

    def flush():
        if text:
            layout.blocks.append(("text", "".join(text)))
            text.clear()

    i = 0
    while i < len(parts):
        part = parts[i]
        if is_question(part):
            heading = "Frequently asked questions"
            if text and (m := re.search(r"<h[2-4]>([^<]*)</h[2-4]>$", text[-1])) and FAQ_TITLES.match(m.group(1)):
                heading = m.group(1)
                text.pop()
            questions, i = questions_from_headings(parts, i)
            flush()
            layout.blocks.append(("faq", {"heading": heading, "questions": questions}))
            continue
        i += 1
        if part.kind in ("heading", "paragraph", "list"):
            text.append(part_html(part))
        elif part.kind == "unknown":
            text.append(part_html(part))
            layout.unknown.append(part.value["name"])
        elif part.kind == "file":
            document = document_for(part.value)
            label = escape(part.value["text"] or part.value["url"])
            if document is not None:
                text.append(f'<p><a linktype="document" id="{document.pk}">{label}</a></p>')
            else:
                layout.missing.append(part.value["url"])
                text.append(clean_html(f'<p><a href="{escape(part.value["url"])}">{label}</a></p>'))
        else:
            flush()
            block = _block(part, image_for, layout)
            if block:
                layout.blocks.append(block)
    flush()
    return layout


def _block(part: Part, image_for, layout: Layout):
    value = part.value
    if part.kind == "image":
        image = image_for(value)
        if image is None:
            layout.missing.append(value["src"] or f"attachment {value['wp_id']}")
            return None
        return ("image", {"image": image, "caption": value["caption"][:250]})
    if part.kind == "quote":
        return (
            ("quote", {"quote": value["quote"], "attribution": value["attribution"][:250]}) if value["quote"] else None
        )
    if part.kind == "buttons":
        buttons = [b for b in value["buttons"] if b["text"] and b["url"] and check_url(b["url"].strip())]
        return ("buttons", {"buttons": buttons}) if buttons else None
    if part.kind == "table":
        rows = value["rows"]
        width = max((len(r) for r in rows), default=0)
        data = [r + [""] * (width - len(r)) for r in rows]
        return (
            (
                "table",
                {
                    "data": data,
                    "first_row_is_table_header": value["header"],
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            )
            if data
            else None
        )
    if part.kind == "embed":
        return (
            ("link_out", {"url": value["url"], "title": value["title"][:250]})
            if value["url"].startswith(("http://", "https://"))
            else None
        )
    if part.kind == "faq":
        return (
            ("faq", {"heading": "Frequently asked questions", "questions": value["questions"]})
            if value["questions"]
            else None
        )
    return None
