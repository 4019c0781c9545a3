"""One cache generation for everything public pages show.

Any change to content (a page, the clinic's settings, an atlas point, a reviewer) bumps a version
number kept in the cache itself; cached fragments and objects carry the version in their key, so
they expire together, on every app server sharing the cache, without tracking dependencies.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
VERSION_KEY = "acuclinic:content-version"
TIMEOUT = 60 * 60 * 24
CONTENT_APPS = {"wagtailcore", "clinic", "atlas", "guides", "wagtailimages", "wagtaildocs", "wagtailredirects"}


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time() * 1000), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)


def cached(key: str, build: Callable[[], T]) -> T:
    """``build()`` once per content version (``key`` must say what varies: site, page, ...)."""
    return cache.get_or_set(versioned_key(key), build, TIMEOUT)


def versioned_key(key: str) -> str:
    # Hashed: keys carry paths and hosts, which may be long or hold characters caches refuse.
    return f"acuclinic:{content_version()}:{hashlib.sha256(key.encode()).hexdigest()}"


def _content_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in CONTENT_APPS and not kwargs.get("raw"):
        bump_content_version()


def connect() -> None:
    post_save.connect(_content_changed, dispatch_uid="acuclinic-content-saved")
    post_delete.connect(_content_changed, dispatch_uid="acuclinic-content-deleted")
