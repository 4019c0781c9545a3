"""The atlas's models: the data-file points and channels, and the atlas page (Wagtail's layout:
a package whose ``__init__`` re-exports, so Django and Wagtail find every model here)."""

from .pages import AtlasIndexPage
from .points import Meridian, Point, PointQuerySet

__all__ = ["AtlasIndexPage", "Meridian", "Point", "PointQuerySet"]
