"""Guides as Markdown files with YAML front matter: parse (with file, line and field in every error),
and render a guide back to the same format, so that import → export → import changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import markdown as markdown_lib
import yaml
from markdownify import markdownify
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator

from .checks import GuideDraft, PointEntry, Reference

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Optional = Annotated[str, StringConstraints(strip_whitespace=True)]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GuideFileError(ValueError):
    """A guide file is malformed; nothing is written. The message names file, line and field."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field = str(path), line, field
        where = f"{Path(path).name}:{line}" if line else Path(path).name
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PointIn(_Strict):
    code: Text
    name: Optional = ""
    location: Text
    why: Optional = ""


class FaqIn(_Strict):
    q: Text
    a: Optional = ""


class ReferenceIn(_Strict):
    citation: Text
    doi: Optional = ""
    pmid: Optional = ""
    url: Optional = ""

    @field_validator("pmid", mode="before")
    @classmethod
    def _pmid_as_text(cls, value):
        return str(value) if isinstance(value, int) else value


class ReviewerIn(_Strict):
    name: Text
    credential: Text


class FrontMatter(_Strict):
    title: Text
    slug: Text
    condition: Text
    summary: Text
    reviewed_by: ReviewerIn | None = None
    reviewed_on: dt.date | None = None
    points: list[PointIn] = []
    faq: list[FaqIn] = []
    red_flags: list[Text] = []
    references: list[ReferenceIn] = []
    book: Optional = ""  # slug of the service the Book Online button opens (optional)

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError("use lower-case letters, digits and hyphens, e.g. acupuncture-for-sciatica")
        return value


@dataclass
class Section:
    """One block of the body: ("heading", text), ("paragraph", html) or ("callout", html)."""

    kind: str
    value: str


@dataclass
class GuideFile:
    path: str
    meta: FrontMatter
    body: list[Section] = field(default_factory=list)

    def draft(self) -> GuideDraft:
        return GuideDraft(
            slug=self.meta.slug,
            points=[PointEntry(p.code, p.name, p.location, p.why) for p in self.meta.points],
            faq=[(f.q, f.a) for f in self.meta.faq],
            references=[Reference(r.citation, r.doi, r.pmid, r.url) for r in self.meta.references],
            reviewer=f"{self.meta.reviewed_by.name}, {self.meta.reviewed_by.credential}"
            if self.meta.reviewed_by
            else "",
            reviewed_on=self.meta.reviewed_on,
            links=[link for s in self.body if s.kind != "heading" for link in re.findall(r'href="(/[^"#?]*)', s.value)],
        )


# Reading ---------------------------------------------------------------------------------------------


def read_guide_file(path: Path) -> GuideFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideFileError(path, None, None, f"cannot be read ({exc})") from exc
    return parse_guide(text, path)


def parse_guide(text: str, path: Path | str = "<text>") -> GuideFile:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise GuideFileError(path, 1, None, "must start with a '---' line opening the YAML front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise GuideFileError(path, len(lines), None, "the front matter has no closing '---' line") from None
    front = "\n".join(lines[1:end])
    try:
        raw = yaml.safe_load(front)
        tree = yaml.compose(front)
    except yaml.YAMLError as exc:
        # Where the broken construct began (an unclosed bracket) says more than where parsing gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise GuideFileError(path, line, None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(raw, dict):
        raise GuideFileError(path, 2, None, "the front matter must be a mapping of fields")
    try:
        meta = FrontMatter.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [str(part) for part in error["loc"]]
        raise GuideFileError(path, _line_of(tree, error["loc"]), ".".join(loc), error["msg"]) from exc
    return GuideFile(str(path), meta, markdown_to_sections("\n".join(lines[end + 1 :])))


def _line_of(node, loc) -> int | None:
    """The file line of the YAML node at ``loc`` (or its nearest parent): front matter starts on line 2."""
    line = node.start_mark.line + 2 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == part), None)
            if child is None:  # a missing key: point at the mapping that lacks it
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 2
    return line


RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def markdown_to_sections(body: str) -> list[Section]:
    """Split the body at '## ' headings; '>' paragraphs become callouts, everything else rich text."""
    sections: list[Section] = []
    chunk: list[str] = []

    def flush():
        text = "\n".join(chunk).strip()
        chunk.clear()
        if not text:
            return
        for kind, part in _split_callouts(text):
            html = rich_text(markdown_lib.markdown(part, extensions=["sane_lists"]))
            if html:
                sections.append(Section(kind, html))

    for line in body.splitlines():
        if line.startswith("## "):
            flush()
            sections.append(Section("heading", line[3:].strip()))
        else:
            chunk.append(line)
    flush()
    return sections


def _split_callouts(text: str) -> list[tuple[str, str]]:
    parts: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        kind = "callout" if line.startswith(">") else "paragraph"
        content = line[1:].lstrip() if kind == "callout" else line
        if parts and (parts[-1][0] == kind or not line.strip()):
            parts[-1][1].append(content)
        else:
            parts.append((kind, [content]))
    return [(kind, "\n".join(lines).strip()) for kind, lines in parts if "\n".join(lines).strip()]


def rich_text(html: str) -> str:
    """Normalise HTML to what Wagtail's rich text editor would store for the allowed features."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    html = re.sub(r"<li>\s*<p>(.*?)</p>\s*</li>", r"<li>\1</li>", html, flags=re.S)
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    stored = converter.to_database_format(converter.from_database_format(html))
    # Block keys are random per conversion; without them the stored text depends only on the content.
    return re.sub(r' data-block-key="[^"]*"', "", stored)


# Writing ---------------------------------------------------------------------------------------------


def render_guide(meta: dict, body: list[Section]) -> str:
    """The Markdown file for a guide: YAML front matter, then the body with '## ' headings."""
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1_000_000)
    out: list[str] = []
    for section in body:
        if section.kind == "heading":
            out.append(f"## {section.value}")
        elif section.kind == "callout":
            text = html_to_markdown(section.value)
            out.append("\n".join(f"> {line}" if line else ">" for line in text.splitlines()))
        else:
            out.append(html_to_markdown(section.value))
    return f"---\n{front}---\n\n" + "\n\n".join(out) + "\n"


def html_to_markdown(html: str) -> str:
    text = markdownify(html, heading_style="ATX", bullets="-", strong_em_symbol="*", escape_underscores=False)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
