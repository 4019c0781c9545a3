"""Import a WordPress export: media, pages and posts (or condition guides), comments and old links.

One transaction: a malformed file, or any failure part-way, writes nothing (and removes the media files
already copied). The file is read twice, streaming: once to check it is a well-formed export and to
collect its attachments and size, then to import. Everything is keyed on the WordPress id
(``ImportedItem``), so a second run updates what changed and duplicates nothing. A dry run does all of
it inside the transaction, writes no file, rolls back, and returns the same report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, Site

from acuclinic.atlas.models import AtlasIndexPage
from acuclinic.clinic.models import ArticleIndexPage, ContentPage, HomePage
from acuclinic.guides.checks import ERROR
from acuclinic.guides.importing import save_guide
from acuclinic.guides.markdown import GuideFileError
from acuclinic.guides.models import ConditionGuidePage

from .blocks import lay_out
from .comments import import_comments
from .guides import read_guide
from .gutenberg import convert, plain_text
from .links import Redirects, old_paths
from .media import MediaLibrary
from .models import ImportedItem, Kind
from .report import Report
from .wxr import Channel, Item, read_export

CONTENT_TYPES = ("post", "page")
LIVE = {"publish": True, "private": True}


class ImportRefused(Exception):
    """The site is not ready for an import; nothing was written."""


class _DryRun(Exception):
    pass


def site_home() -> tuple[Site, HomePage]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        raise ImportRefused(
            _("There is no clinic home page yet. Run “manage.py start_clinic” first, then import the WordPress export.")
        )
    return site, home


def survey(path: Path) -> tuple[Channel, dict[int, Item], int]:
    """Read the whole export once: its site details, its attachments, and how many items it holds."""
    channel, attachments, total = Channel(), {}, 0
    for item in read_export(path, channel):
        total += 1
        if item.post_type == "attachment":
            attachments[item.wp_id] = item
    return channel, attachments, total


def import_wordpress(
    path: Path | str,
    *,
    uploads: Path | str | None = None,
    dry_run: bool = False,
    guides_category: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    path = Path(path)
    site, home = site_home()
    channel, attachments, total = survey(path)
    report = Report(dry_run=dry_run)
    written: list[str] = []
    try:
        with transaction.atomic():
            run = _Import(site, home, channel, report, guides_category, dry_run)
            run.media = MediaLibrary(
                Path(uploads) if uploads else None, source=run.source, dry_run=dry_run, report=report, written=written
            )
            for attachment in attachments.values():
                run.media.add(attachment)
            for done, item in enumerate(read_export(path), 1):
                run.item(item)
                if progress:
                    progress(done, total)
            run.finish()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return report


class _Import:
    def __init__(self, site, home, channel: Channel, report: Report, guides_category: str | None, dry_run: bool):
        self.site, self.home, self.channel, self.report, self.dry_run = site, home, channel, report, dry_run
        self.base = channel.base_blog_url or channel.base_site_url
        self.source = (channel.base_site_url or channel.base_blog_url or channel.title).rstrip("/")[:200]
        self.guides_slug = self._category_slug(guides_category) if guides_category else None
        self.pages: dict[int, Page] = {}
        self.deferred: list[Item] = []
        self.users: dict[str, object] = {}
        self._articles: ArticleIndexPage | None = None
        self.comment_records = {r.wp_id: r for r in ImportedItem.objects.filter(source=self.source, kind=Kind.COMMENT)}
        self.redirects = Redirects(site, report)
        self.skipped_types: dict[str, int] = {}

    def _category_slug(self, name: str) -> str:
        wanted = name.strip().lower()
        for slug, category in self.channel.categories.items():
            if wanted in (slug.lower(), category.name.lower()):
                return slug
        raise ImportRefused(
            _("The export has no category “%(name)s”. Its categories: %(names)s.")
            % {"name": name, "names": ", ".join(c.name for c in self.channel.categories.values()) or "none"}
        )

    # Items ------------------------------------------------------------------------------------------

    def item(self, item: Item) -> None:
        if item.post_type == "attachment":
            return
        if item.post_type not in CONTENT_TYPES:
            self.skipped_types[item.post_type] = self.skipped_types.get(item.post_type, 0) + 1
            return
        if item.status in ("trash", "auto-draft", "inherit"):
            self.report.skipped.append(f"{item.post_type} {item.wp_id} “{item.title}”: in WordPress's {item.status}")
            return
        if item.post_type == "page" and item.parent and item.parent not in self.pages:
            self.deferred.append(item)  # its parent comes later in the file
            return
        self._import(item)

    def finish(self) -> None:
        for _round in range(len(self.deferred) + 1):
            waiting, self.deferred = self.deferred, []
            for item in waiting:
                if item.parent in self.pages:
                    self._import(item)
                else:
                    self.deferred.append(item)
            if not self.deferred or len(self.deferred) == len(waiting):
                break
        for item in self.deferred:  # its parent is not in the export: under the home page
            self.report.notes.append(f"page {item.wp_id} “{item.title}”: its parent page is not in the export")
            item.parent = 0
            self._import(item)
        for slug, _category in self.channel.categories.items():
            target = self._guides_index() if slug == self.guides_slug else self._articles_index()
            if target is not None:
                self.redirects.add(f"/category/{slug}/", target)
        self.redirects.save()
        for kind, n in sorted(self.skipped_types.items()):
            self.report.skipped.append(f"{n} item(s) of type “{kind}” (menus, revisions, custom types)")

    def _import(self, item: Item) -> None:
        is_guide = (
            item.post_type == "post"
            and self.guides_slug is not None
            and any(c.slug == self.guides_slug for c in item.categories)
            and self._guides_index() is not None
        )
        page = self._guide(item) if is_guide else self._content_page(item)
        if page is None:
            return
        self.pages[item.wp_id] = page
        if LIVE.get(item.status):  # a guide held back as a draft gets its redirects too, for when it goes live
            for old in old_paths(item, self.base):
                self.redirects.add(old, page)
        if item.comments:
            import_comments(item, page, self.report, self.comment_records, self.source)

    # Pages ------------------------------------------------------------------------------------------

    def _fingerprint(self, item: Item, kind: str) -> str:
        data = [
            kind,
            item.title,
            item.slug,
            item.status,
            item.date_gmt,
            item.date,
            item.creator,
            item.content,
            item.excerpt,
            item.parent,
            item.password,
            [c.slug for c in item.categories],
        ]
        return hashlib.sha256(repr(data).encode()).hexdigest()

    def _record(self, item: Item):
        record = ImportedItem.objects.filter(source=self.source, kind=Kind.PAGE, wp_id=item.wp_id).first()
        page = Page.objects.filter(pk=record.object_id).first() if record else None
        return record, page.specific if page else None

    def _parent(self, item: Item) -> Page:
        if item.post_type == "post":
            return self._articles_index(create=True)
        return self.pages.get(item.parent) or self.home

    def _articles_index(self, create: bool = False) -> ArticleIndexPage | None:
        if self._articles is None:
            self._articles = ArticleIndexPage.objects.child_of(self.home).first()
        if self._articles is None and create:
            index = ArticleIndexPage(title=_("News"), slug=self._free_slug(self.home, "news", None))
            self.home.add_child(instance=index)
            index.save_revision().publish()
            self._articles = index
            self.report.count("pages", "created")
            self.report.lines.append(
                f"news index → {index.url_path[len(self.home.url_path) - 1 :]} (created for the posts)"
            )
        return self._articles

    def _guides_index(self) -> AtlasIndexPage | None:
        return AtlasIndexPage.objects.first()

    def _free_slug(self, parent: Page, wanted: str, own: Page | None) -> str:
        slug, n = wanted, 1
        siblings = Page.objects.child_of(parent)
        while siblings.filter(slug=slug).exclude(pk=own.pk if own else None).exists():
            n += 1
            slug = f"{wanted}-{n}"
        return slug

    def _slug(self, item: Item) -> str:
        return (slugify(item.slug) or slugify(item.title) or f"wordpress-{item.wp_id}")[:200]

    def _owner(self, login: str):
        """The WordPress author as a user here: an existing user with that email or username, else a new
        account that cannot sign in until the clinic gives it a password."""
        if not login:
            return None
        if login in self.users:
            return self.users[login]
        author = self.channel.authors.get(login)
        User = get_user_model()
        user = User.objects.filter(username=login).first()
        if user is None and author and author.email:
            user = User.objects.filter(email__iexact=author.email).first()
        if user is None:
            user = User(
                username=login[:150],
                email=author.email if author else "",
                first_name=(author.first_name if author else "")[:150],
                last_name=(author.last_name if author else "")[:150],
                is_active=False,
            )
            user.set_unusable_password()
            user.save()
            self.report.count("authors", "created (inactive, no password)")
        self.users[login] = user
        return user

    def _date(self, item: Item) -> dt.datetime | None:
        for value, zone in ((item.date_gmt, dt.UTC), (item.date, timezone.get_current_timezone())):
            try:
                return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
        return None

    def _content_page(self, item: Item) -> Page | None:
        record, page = self._record(item)
        fingerprint = self._fingerprint(item, "content")
        where = f"{item.post_type} {item.wp_id} “{item.title}”"
        if page is not None and record.fingerprint == fingerprint:
            self.report.count("pages", "unchanged")
            self.report.lines.append(f"{where} → {self._url(page)} (unchanged)")
            return page
        if page is not None and not isinstance(page, ContentPage):
            self.report.skipped.append(
                f"{where}: imported before as a {page.specific_class._meta.verbose_name}; left as it is"
            )
            return page
        conversion = convert(self._relative(item.content))
        layout = lay_out(conversion.parts, image_for=self.media.image_for, document_for=self.media.document_for)
        parent = self._parent(item)
        owner = self._owner(item.creator)
        created = page is None
        page = ContentPage(owner=owner, live=False) if created else page.get_latest_revision_as_object()
        page.title = item.title[:255] or _("Untitled")
        wanted = self._slug(item)
        page.slug = self._free_slug(parent, wanted, None if created else page)
        excerpt = plain_text(item.excerpt)
        page.summary = excerpt[:300]
        page.search_description = excerpt[:300]
        page.body = layout.blocks
        if created:
            parent.add_child(instance=page)
        self._publish(page, item, owner)
        ImportedItem.objects.update_or_create(
            source=self.source,
            kind=Kind.PAGE,
            wp_id=item.wp_id,
            defaults={"object_id": page.pk, "fingerprint": fingerprint},
        )
        action = "created" if created else "updated"
        self.report.count("pages", action)
        state = {"publish": "published", "private": "private (signed-in staff only)"}.get(item.status, "draft")
        self.report.lines.append(f"{where} → {self._url(page)} ({action}, {state})")
        self._tell(where, page, wanted, conversion, layout)
        return page

    def _tell(self, where, page, wanted, conversion, layout) -> None:
        if page.slug != wanted:
            self.report.notes.append(f"{where}: the address /{wanted}/ was taken here, so it is /{page.slug}/")
        for name in dict.fromkeys(layout.unknown):
            self.report.unknown_markup.append(f"{where}: {name}")
        for name in dict.fromkeys(conversion.removed):
            self.report.unknown_markup.append(f"{where}: <{name}> removed (never imported, for safety)")
        for code in conversion.shortcodes:
            self.report.unknown_markup.append(f"{where}: shortcode [{code}] kept as text")
        for missing in dict.fromkeys(layout.missing):
            self.report.missing_media.append(f"{where}: {missing}")

    def _publish(self, page: Page, item: Item, owner) -> None:
        revision = page.save_revision(user=owner, log_action=True)
        if LIVE.get(item.status):
            revision.publish(user=owner, skip_permission_checks=True)
            when = self._date(item)
            if when:
                Page.objects.filter(pk=page.pk).update(first_published_at=when)
        elif page.live:
            page.unpublish()
        if item.status == "future":
            self.report.notes.append(f"“{item.title}” was scheduled in WordPress; it is a draft here")
        self._restrict(page, item)

    def _restrict(self, page: Page, item: Item) -> None:
        restriction = None
        if item.status == "private":
            restriction = {"restriction_type": PageViewRestriction.LOGIN}
        elif item.password:
            restriction = {"restriction_type": PageViewRestriction.PASSWORD, "password": item.password[:255]}
        existing = PageViewRestriction.objects.filter(page=page).first()
        if restriction is None:
            if existing is not None:
                existing.delete()
            return
        if existing is None:
            PageViewRestriction.objects.create(page=page, **restriction)
        else:
            for key, value in restriction.items():
                setattr(existing, key, value)
            existing.save()

    def _relative(self, content: str) -> str:
        """Links to the old site become site paths, which the redirects then lead to the new pages."""
        return content.replace(self.base.rstrip("/") + "/", "/") if self.base else content

    def _url(self, page: Page) -> str:
        return page.url_path[len(self.site.root_page.url_path) - 1 :]

    # Guides -----------------------------------------------------------------------------------------

    def _guide(self, item: Item) -> Page | None:
        record, page = self._record(item)
        fingerprint = self._fingerprint(item, "guide")
        where = f"guide {item.wp_id} “{item.title}”"
        if page is not None and record.fingerprint == fingerprint:
            self.report.count("guides", "unchanged")
            self.report.lines.append(f"{where} → {self._url(page)} (unchanged)")
            return page
        if page is not None and not isinstance(page, ConditionGuidePage):
            self.report.skipped.append(f"{where}: imported before as a content page; left as it is")
            return page
        atlas = self._guides_index()
        wanted = self._slug(item)
        slug = self._free_slug(atlas, wanted, page)
        conversion = convert(self._relative(item.content))
        reading = read_guide(title=item.title[:255], slug=slug, excerpt=item.excerpt, parts=conversion.parts)
        owner = self._owner(item.creator)
        try:
            result = save_guide(reading.guide, publish=bool(LIVE.get(item.status)), existing=page, owner=owner)
        except GuideFileError as error:
            self.report.skipped.append(f"{where}: {error}")
            return None
        for finding in result.findings:
            self.report.findings.append(f"{where}: {finding.severity}: {finding.message}")
        if result.page is None:  # a point the atlas does not know: the checks say which
            self.report.skipped.append(f"{where}: not imported, the guide names a point the atlas does not have")
            return None
        guide = result.page
        if result.published and (when := self._date(item)):
            Page.objects.filter(pk=guide.pk).update(first_published_at=when)
        if item.status == "private":
            self._restrict(guide, item)
        ImportedItem.objects.update_or_create(
            source=self.source,
            kind=Kind.PAGE,
            wp_id=item.wp_id,
            defaults={"object_id": guide.pk, "fingerprint": fingerprint},
        )
        errors = [f for f in result.findings if f.severity == ERROR]
        state = "published" if result.published else ("draft: it has errors" if errors else "draft")
        self.report.count("guides", result.action)
        self.report.lines.append(f"{where} → {self._url(guide)} ({result.action}, {state})")
        for note in reading.left_out:
            self.report.notes.append(f"{where}: left out {note}")
        if slug != wanted:
            self.report.notes.append(f"{where}: the address /{wanted}/ was taken here, so it is /{slug}/")
        for name in dict.fromkeys(conversion.removed):
            self.report.unknown_markup.append(f"{where}: <{name}> removed (never imported, for safety)")
        guide.refresh_from_db()
        return guide
