"""Turn a WordPress post's content (Gutenberg block markup or classic HTML) into neutral content parts.

The parts say what the content is (a heading, a paragraph, a list, a quotation, an image, buttons, a
table, an embed, a file link, questions and answers) without knowing which Wagtail blocks will hold
them; ``blocks.py`` maps them onto a page. Markup that is none of these is kept as sanitised text in an
``unknown`` part, named, so the import report can list it. Scripts, styles, frames and event handlers
never survive: text goes through Wagtail's own whitelister, with a short list of allowed elements.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

_BLOCK_COMMENT = re.compile(r"<!--\s+(/)?wp:([a-z0-9_-]+(?:/[a-z0-9_-]+)?)\s*(\{.*?\})?\s*(/)?-->", re.S)
_DANGEROUS = (
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "noscript",
    "template",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "frame",
    "frameset",
    "applet",
)
_SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)[^\]]*\]")
_INLINE = {"a", "b", "strong", "i", "em", "br", "span", "code", "small", "sub", "sup", "abbr", "mark", "u", "s"}


@dataclass
class Part:
    kind: str  # heading, paragraph, list, quote, image, buttons, table, embed, file, faq, unknown
    value: dict = field(default_factory=dict)


@dataclass
class Conversion:
    parts: list[Part] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # dangerous elements dropped, e.g. "script"
    shortcodes: list[str] = field(default_factory=list)


class _TextWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        "b": allow_without_attributes,
        "i": allow_without_attributes,
        "br": allow_without_attributes,
        "p": allow_without_attributes,
        "ul": allow_without_attributes,
        "ol": allow_without_attributes,
        "li": allow_without_attributes,
        "h2": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
    }

    def clean_tag_node(self, doc, tag):
        if tag.name == "strong":
            tag.name = "b"
        elif tag.name == "em":
            tag.name = "i"
        super().clean_tag_node(doc, tag)
        if tag.name == "a" and tag.parent is not None and not tag.get("href"):
            tag.unwrap()  # a javascript: (or other refused) link keeps its words, not the link


_whitelister = _TextWhitelister()


def clean_html(html: str) -> str:
    """Rich text safe to store: allowed elements only, no attributes but a checked ``href``."""
    return _whitelister.clean(html).strip()


def plain_text(html: str) -> str:
    if "<" not in html and "&" not in html:  # most comments: no markup to read
        return re.sub(r"[ \t\r\f\v]+", " ", html).strip()
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DANGEROUS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return re.sub(r"[ \t\r\f\v]+", " ", soup.get_text()).strip()


def convert(content: str) -> Conversion:
    """The parts of ``content``, in order."""
    result = Conversion()
    result.shortcodes = sorted({m.group(2) for m in _SHORTCODE.finditer(content) if not m.group(1)})
    if _BLOCK_COMMENT.search(content):
        for name, attrs, inner in _top_level_blocks(content):
            _block(name, attrs, inner, result)
    else:
        _html(_autop(content), result)
    return result


def _top_level_blocks(content: str):
    """(name, attributes, inner HTML) for each top-level block; HTML between blocks is a "freeform" block."""
    depth, start, name, attrs, position = 0, 0, None, {}, 0
    for match in _BLOCK_COMMENT.finditer(content):
        closing, block, raw_attrs, self_closing = match.groups()
        if depth == 0 and match.start() > position and content[position : match.start()].strip():
            yield "freeform", {}, content[position : match.start()]
        if closing:
            depth -= 1
            if depth == 0:
                yield name, attrs, content[start : match.start()]
                position = match.end()
            continue
        if depth == 0:
            try:
                attrs = json.loads(raw_attrs) if raw_attrs else {}
            except ValueError:
                attrs = {}
            attrs = attrs if isinstance(attrs, dict) else {}
            if self_closing:
                yield block, attrs, ""
                position = match.end()
                continue
            name, start = block, match.end()
        if not self_closing:
            depth += 1
    if depth == 0 and content[position:].strip():
        yield "freeform", {}, content[position:]
    elif depth > 0:  # an unclosed block: keep what follows it rather than lose it
        yield name, attrs, content[start:]


def _block(name: str, attrs: dict, inner: str, result: Conversion) -> None:
    name = name.removeprefix("core/")
    if name in ("separator", "spacer", "more", "nextpage"):
        return
    if name == "yoast/faq-block":
        result.parts.append(Part("faq", {"questions": _yoast_faq(attrs, inner)}))
    elif name == "embed" or name.startswith("core-embed/"):
        url = attrs.get("url") or plain_text(inner).split("\n")[0].strip()
        soup = BeautifulSoup(inner, "html.parser")
        caption = soup.find("figcaption")
        result.parts.append(Part("embed", {"url": url, "title": caption.get_text(" ", strip=True) if caption else ""}))
    elif name == "file":
        soup = BeautifulSoup(inner, "html.parser")
        link = soup.find("a", href=True)
        result.parts.append(
            Part(
                "file",
                {
                    "wp_id": attrs.get("id"),
                    "url": attrs.get("href") or (link["href"] if link else ""),
                    "text": link.get_text(" ", strip=True) if link else "",
                },
            )
        )
    elif name in ("shortcode",):
        result.parts.append(Part("unknown", {"name": "shortcode", "html": clean_html(f"<p>{inner.strip()}</p>")}))
    elif name in (
        "paragraph",
        "heading",
        "list",
        "quote",
        "pullquote",
        "image",
        "gallery",
        "buttons",
        "button",
        "table",
        "html",
        "freeform",
        "group",
        "columns",
        "column",
        "media-text",
        "cover",
        "details",
        "classic",
    ):
        _html(_autop(inner) if name == "freeform" else inner, result, block=name)
    else:
        before = len(result.parts)
        _html(inner, result, block=name)
        if len(result.parts) == before and inner.strip():
            result.parts.append(Part("unknown", {"name": name, "html": clean_html(inner)}))


def _yoast_faq(attrs: dict, inner: str) -> list[dict]:
    questions = []
    for entry in attrs.get("questions") or []:
        if not isinstance(entry, dict):
            continue
        question = plain_text(_joined(entry.get("question")) or str(entry.get("jsonQuestion") or ""))
        answer = _joined(entry.get("answer")) or str(entry.get("jsonAnswer") or "")
        if question or answer:
            questions.append({"question": question, "answer": clean_html(answer)})
    if questions:
        return questions
    soup = BeautifulSoup(inner, "html.parser")  # an old Yoast block without attributes: read its HTML
    for section in soup.select(".schema-faq-section"):
        q, a = section.select_one(".schema-faq-question"), section.select_one(".schema-faq-answer")
        questions.append(
            {
                "question": q.get_text(" ", strip=True) if q else "",
                "answer": clean_html(a.decode_contents()) if a else "",
            }
        )
    return questions


def _joined(value) -> str:
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else "" for v in value)
    return value if isinstance(value, str) else ""


def _autop(text: str) -> str:
    """WordPress's wpautop, roughly: blank-line separated text outside block elements becomes paragraphs."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        if re.match(
            r"<(p|h[1-6]|ul|ol|blockquote|table|figure|div|pre|hr|img|iframe|script|style|details|form)\b",
            stripped,
            re.I,
        ):
            out.append(stripped)
        else:
            out.append("<p>" + stripped.replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def _html(html: str, result: Conversion, block: str | None = None) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DANGEROUS):
        result.removed.append(tag.name)
        tag.decompose()
    inline: list = []

    def flush_inline():
        text = "".join(str(n) for n in inline).strip()
        inline.clear()
        if BeautifulSoup(text, "html.parser").get_text(strip=True):
            result.parts.append(Part("paragraph", {"html": clean_html(f"<p>{text}</p>")}))

    for node in list(soup.children):
        if isinstance(node, NavigableString) or (isinstance(node, Tag) and node.name in _INLINE):
            inline.append(node)
            continue
        flush_inline()
        _element(node, result, block)
    flush_inline()


def _element(tag: Tag, result: Conversion, block: str | None) -> None:
    name = tag.name
    classes = set(tag.get("class") or [])
    if re.fullmatch(r"h[1-6]", name):
        level = min(max(int(name[1]), 2), 4)
        text = tag.get_text(" ", strip=True)
        if text:
            result.parts.append(Part("heading", {"level": level, "text": text}))
    elif name == "p":
        images = tag.find_all("img")
        for img in images:
            result.parts.append(_image(img, None))
            img.decompose()
        if tag.get_text(strip=True):
            result.parts.append(Part("paragraph", {"html": clean_html(str(tag))}))
    elif name in ("ul", "ol"):
        items = [clean_html(li.decode_contents()) for li in tag.find_all("li", recursive=False)]
        result.parts.append(Part("list", {"ordered": name == "ol", "items": [i for i in items if i]}))
    elif name == "blockquote":
        cite = tag.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.decompose()
        result.parts.append(Part("quote", {"quote": plain_text(str(tag)), "attribution": attribution}))
    elif name == "img":
        result.parts.append(_image(tag, None))
    elif name == "figure" and tag.find("table"):
        _element(tag.find("table"), result, block)
    elif name == "figure" and tag.find("blockquote"):
        _element(tag.find("blockquote"), result, block)
    elif name == "figure" and tag.find("img"):
        caption = tag.find("figcaption")
        for img in tag.find_all("img"):
            result.parts.append(_image(img, caption.get_text(" ", strip=True) if caption else ""))
    elif name == "table":
        rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in tag.find_all("tr")]
        header = bool(tag.find("thead")) or bool(tag.find("tr") and tag.find("tr").find("th"))
        result.parts.append(Part("table", {"rows": rows, "header": header}))
    elif name == "div" and ("wp-block-buttons" in classes or "wp-block-button" in classes):
        buttons = [{"text": a.get_text(" ", strip=True), "url": a.get("href", "")} for a in tag.find_all("a")]
        result.parts.append(Part("buttons", {"buttons": buttons}))
    elif name == "div" and "schema-faq" in classes:
        result.parts.append(Part("faq", {"questions": _yoast_faq({}, str(tag))}))
    elif name in ("div", "section", "article", "main", "aside", "header", "footer", "figure", "center"):
        _html(tag.decode_contents(), result, block)
    elif name == "hr":
        return
    else:
        html = clean_html(str(tag))
        if BeautifulSoup(html, "html.parser").get_text(strip=True):
            result.parts.append(Part("unknown", {"name": block if block and block != "html" else name, "html": html}))


def _image(img: Tag, caption: str | None) -> Part:
    wp_id = None
    for cls in img.get("class") or []:
        if m := re.fullmatch(r"wp-image-(\d+)", cls):
            wp_id = int(m.group(1))
    return Part(
        "image", {"wp_id": wp_id, "src": img.get("src", ""), "alt": img.get("alt", ""), "caption": caption or ""}
    )
