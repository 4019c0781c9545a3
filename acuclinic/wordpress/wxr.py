"""Read a WordPress export (WXR, the RSS file of Tools › Export) as a stream of items. Pure: no Django import.

The file is parsed with defusedxml: a document type declaration, entity declarations and external
references are refused outright, so a hostile export can neither expand entities nor make the importer
read files or URLs. Items are yielded one at a time and dropped from the tree once read, so memory stays
flat however large the export. Every malformed construct raises :class:`WXRError` with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_WP_NAMESPACE = re.compile(r"^\{http://wordpress\.org/export/1\.[0-2]/\}")
_EXCERPT = re.compile(r"^\{http://wordpress\.org/export/1\.[0-2]/excerpt/\}encoded$")


class WXRError(ValueError):
    """The export cannot be read; nothing was imported. The message names the line where known."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    name: str
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    wp_id: int
    author: str
    email: str
    url: str
    date_gmt: str  # "YYYY-MM-DD HH:MM:SS"
    date: str
    content: str
    approved: str  # "1", "0", "spam" or "trash"
    parent: int  # 0 for a top-level comment
    comment_type: str = "comment"  # "pingback" and "trackback" too


@dataclass(slots=True)
class Item:
    wp_id: int
    post_type: str  # "post", "page", "attachment", "nav_menu_item", ...
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    status: str = ""  # "publish", "draft", "pending", "private", "future", "inherit", "trash"
    date: str = ""
    date_gmt: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    attachment_url: str = ""
    categories: list[Category] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass(slots=True)
class Channel:
    """What the export says about the site, besides its items."""

    title: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: dict[str, Author] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)


def _local(tag: str) -> str:
    return _WP_NAMESPACE.sub("wp:", tag)


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element: Element) -> dict[str, str]:
    return {_local(child.tag): (child.text or "") for child in element}


def _number(value: str, what: str, where: str) -> int:
    value = value.strip() or "0"
    if not value.isdigit():
        raise WXRError(f"{where}: {what} is “{value[:40]}”, not a number")
    return int(value)


def _comment(element: Element, where: str) -> Comment:
    data = _children(element)
    return Comment(
        wp_id=_number(data.get("wp:comment_id", ""), "wp:comment_id", where),
        author=data.get("wp:comment_author", "").strip(),
        email=data.get("wp:comment_author_email", "").strip(),
        url=data.get("wp:comment_author_url", "").strip(),
        date_gmt=data.get("wp:comment_date_gmt", "").strip(),
        date=data.get("wp:comment_date", "").strip(),
        content=data.get("wp:comment_content", ""),
        approved=data.get("wp:comment_approved", "1").strip(),
        parent=_number(data.get("wp:comment_parent", ""), "wp:comment_parent", where),
        comment_type=data.get("wp:comment_type", "").strip() or "comment",
    )


def _item(element: Element) -> Item:
    fields = {_local(child.tag): child for child in element}
    raw_id = _text(fields.get("wp:post_id"))
    where = f"the item “{_text(fields.get('title'))[:60]}”"
    item = Item(wp_id=_number(raw_id, "wp:post_id", where), post_type=_text(fields.get("wp:post_type")) or "post")
    where = f"item {item.wp_id}"
    item.title = _text(fields.get("title"))
    item.link = _text(fields.get("link"))
    item.guid = _text(fields.get("guid"))
    item.slug = _text(fields.get("wp:post_name"))
    item.status = _text(fields.get("wp:status"))
    item.date = _text(fields.get("wp:post_date"))
    item.date_gmt = _text(fields.get("wp:post_date_gmt"))
    item.creator = _text(fields.get(DC_CREATOR))
    item.parent = _number(_text(fields.get("wp:post_parent")), "wp:post_parent", where)
    item.menu_order = _number(_text(fields.get("wp:menu_order")).lstrip("-"), "wp:menu_order", where)
    item.password = _text(fields.get("wp:post_password"))
    item.attachment_url = _text(fields.get("wp:attachment_url"))
    for child in element:
        tag = _local(child.tag)
        if child.tag == CONTENT:
            item.content = child.text or ""
        elif _EXCERPT.match(child.tag):
            item.excerpt = (child.text or "").strip()
        elif tag == "category":
            domain, slug, name = child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip()
            if domain == "category":
                item.categories.append(Category(slug, name))
            elif domain == "post_tag":
                item.tags.append(name)
        elif tag == "wp:postmeta":
            data = _children(child)
            item.meta[data.get("wp:meta_key", "")] = data.get("wp:meta_value", "")
        elif tag == "wp:comment":
            item.comments.append(_comment(child, where))
    return item


def _channel_part(element: Element, channel: Channel) -> None:
    tag = _local(element.tag)
    if tag == "title":
        channel.title = _text(element)
    elif tag in ("wp:base_site_url", "wp:base_blog_url", "wp:wxr_version"):
        setattr(channel, tag[3:], _text(element))
    elif tag == "wp:author":
        data = {key: value.strip() for key, value in _children(element).items()}
        login = data.get("wp:author_login", "")
        channel.authors[login] = Author(
            login,
            data.get("wp:author_email", ""),
            data.get("wp:author_display_name", ""),
            data.get("wp:author_first_name", ""),
            data.get("wp:author_last_name", ""),
        )
    elif tag == "wp:category":
        data = {key: value.strip() for key, value in _children(element).items()}
        slug = data.get("wp:category_nicename", "")
        channel.categories[slug] = Category(slug, data.get("wp:cat_name", slug), data.get("wp:category_parent", ""))


def read_export(path: Path | str, channel: Channel | None = None) -> Iterator[Item]:
    """Yield the export's items in file order, filling ``channel`` with the site's details as they come.

    Raises :class:`WXRError` for a file that is not well-formed XML (with its line), declares a DTD or
    entities, or is not a WordPress export.
    """
    channel = channel if channel is not None else Channel()
    depth = 0
    seen_rss = False
    try:
        with open(path, "rb") as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    depth += 1
                    if depth == 1:
                        if element.tag != "rss":
                            raise WXRError(f"this is not a WordPress export: it starts with <{element.tag}>, not <rss>")
                        seen_rss = True
                    continue
                depth -= 1
                if depth == 2 and element.tag == "item":
                    yield _item(element)
                    element.clear()
                elif depth == 2:
                    _channel_part(element, channel)
                    element.clear()
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise WXRError(f"the file is not well-formed XML ({_reason(error)})", line) from error
    except DefusedXmlException as error:
        raise WXRError(
            "the file declares a document type or entities, which a WordPress export never does; refused for safety",
            _first_line(path, b"<!DOCTYPE") or _first_line(path, b"<!ENTITY"),
        ) from error
    except OSError as error:
        raise WXRError(f"cannot read the file ({error.strerror or error})") from error
    if not seen_rss:
        raise WXRError("the file is empty")
    if not channel.wxr_version:
        raise WXRError("this RSS file is not a WordPress export (it has no wp:wxr_version)")


def _reason(error: ParseError) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(error))


def _first_line(path: Path | str, needle: bytes) -> int | None:
    with open(path, "rb") as stream:
        for number, line in enumerate(stream, 1):
            if needle in line:
                return number
    return None
