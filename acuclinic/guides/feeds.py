from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from acuclinic.clinic.models import ClinicSettings

from .models import ConditionGuidePage


class GuideFeed(Feed):
    """Atom feed of the live condition guides, newest first."""

    feed_type = Atom1Feed
    link = "/acupoints/"

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Site.find_for_request(request)

    def title(self, site):
        return f"{ClinicSettings.for_site(site).name}: condition guides"

    def subtitle(self, site):
        return "Reviewed guides to the conditions we treat, and the acupuncture points used."

    def items(self, site):
        return ConditionGuidePage.objects.live().public().order_by("-last_published_at")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_pubdate(self, item):
        return item.first_published_at
