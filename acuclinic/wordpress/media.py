"""WordPress attachments found in a copy of wp-content/uploads become Wagtail images and documents."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .models import ImportedItem, Kind
from .wxr import Item

IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}


def upload_path(item: Item) -> str:
    """The file's path inside wp-content/uploads ("2023/06/room.png"), from its metadata or its URL."""
    attached = item.meta.get("_wp_attached_file", "").strip()
    if attached:
        return attached
    path = unquote(urlsplit(item.attachment_url).path)
    return path.split("/wp-content/uploads/", 1)[1] if "/wp-content/uploads/" in path else ""


def find_file(uploads: Path | None, relative: str) -> Path | None:
    """The file under ``uploads``, never outside it (a hostile export may name ../../etc/passwd)."""
    if uploads is None or not relative:
        return None
    root = uploads.resolve()
    candidate = (root / relative.lstrip("/")).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


class MediaLibrary:
    """Imports attachments and answers "which image is this reference?" for the content converter."""

    def __init__(self, uploads: Path | None, *, source: str, dry_run: bool, report, written: list):
        self.uploads, self.dry_run, self.report, self.written = uploads, dry_run, report, written
        self.source = source
        self.by_id: dict[int, object] = {}
        self.by_path: dict[str, object] = {}

    def add(self, item: Item) -> None:
        relative = upload_path(item)
        found = find_file(self.uploads, relative)
        if found is None:
            self.report.missing_media.append(
                f"attachment {item.wp_id} “{item.title}”: {relative or item.attachment_url}"
            )
            return
        is_image = found.suffix.lower() in IMAGE_TYPES
        kind = Kind.IMAGE if is_image else Kind.DOCUMENT
        model = get_image_model() if is_image else get_document_model()
        data = found.read_bytes()
        fingerprint = hashlib.sha256(
            data + item.title.encode() + item.meta.get("_wp_attachment_image_alt", "").encode()
        ).hexdigest()
        record = ImportedItem.objects.filter(source=self.source, kind=kind, wp_id=item.wp_id).first()
        obj = model.objects.filter(pk=record.object_id).first() if record else None
        if obj is not None and record.fingerprint == fingerprint:
            self.report.count(kind.label + "s", "unchanged")
        else:
            action = "updated" if obj is not None else "created"
            obj = obj or model()
            obj.title = (item.title or found.name)[:255]
            if is_image:
                obj.description = item.meta.get("_wp_attachment_image_alt", "")[:255]
                with PILImage.open(found) as picture:
                    obj.width, obj.height = picture.size
            self._store(obj, found, data, is_image)
            obj.save()
            ImportedItem.objects.update_or_create(
                source=self.source,
                kind=kind,
                wp_id=item.wp_id,
                defaults={"object_id": obj.pk, "fingerprint": fingerprint},
            )
            self.report.count(kind.label + "s", action)
        self.by_id[item.wp_id] = obj
        self.by_path[relative] = obj

    def _store(self, obj, found: Path, data: bytes, is_image: bool) -> None:
        folder = "original_images" if is_image else "documents"
        obj.file_size, obj.file_hash = len(data), hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file hash
        if self.dry_run:  # the rows roll back; the file must not be written either
            obj.file.name = f"{folder}/{found.name}"
            return
        with found.open("rb") as stream:
            obj.file.save(found.name, File(stream), save=False)
        self.written.append(obj.file.name)

    def image_for(self, reference: dict):
        return self._lookup(reference, get_image_model())

    def document_for(self, reference: dict):
        return self._lookup(reference, get_document_model())

    def _lookup(self, reference: dict, model):
        wp_id = reference.get("wp_id")
        found = self.by_id.get(int(wp_id)) if isinstance(wp_id, int | str) and str(wp_id).isdigit() else None
        if found is None:
            path = unquote(urlsplit(reference.get("src") or reference.get("url") or "").path)
            if "/wp-content/uploads/" in path:
                relative = path.split("/wp-content/uploads/", 1)[1]
                found = self.by_path.get(relative) or self.by_path.get(_without_size(relative))
        return found if isinstance(found, model) else None


def _without_size(relative: str) -> str:
    """room-300x188.png → room.png: WordPress's resized copies point at the original."""
    return re.sub(r"-\d+x\d+(\.[a-z0-9]+)$", r"\1", relative, flags=re.I)
