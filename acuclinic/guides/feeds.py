from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from acuclinic.clinic.models import ClinicSettings

from .models import ConditionGuidePage


@dataclass(frozen=True)
class FeedSource:
    site: Site | None
    request: HttpRequest

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


class GuideFeed(Feed):
    """Atom feed of the live condition guides, newest first.

    Every link is made absolute here from the request's own host. Django's feed would otherwise prefix
    the domain of django.contrib.sites' Site (installed for comments), which knows nothing of Wagtail's
    sites. The request travels in the feed's object, not on this instance, which all requests share.
    """

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return FeedSource(site=Site.find_for_request(request), request=request)

    def link(self, source):
        return source.absolute("/acupoints/")

    def feed_url(self, source):
        return source.absolute(source.request.path)

    def title(self, source):
        return f"{ClinicSettings.for_site(source.site).name}: condition guides"

    def subtitle(self, source):
        return "Reviewed guides to the conditions we treat, and the acupuncture points used."

    def items(self, source):
        guides = list(ConditionGuidePage.objects.live().public().order_by("-last_published_at")[:50])
        for guide in guides:
            guide.feed_link = source.absolute(guide.get_url(source.request))
        return guides

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_updateddate(self, item):
        return item.last_published_at

    def item_pubdate(self, item):
        return item.first_published_at
