from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from acuclinic.api import api
from acuclinic.clinic.search import search
from acuclinic.clinic.views import healthz, robots_txt
from acuclinic.guides.feeds import GuideFeed

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("search/", search, name="search"),
    path("book/", include("acuclinic.booking.urls")),
    path("comments/", include("acuclinic.discussion.urls")),
    path("feeds/guides.atom", GuideFeed(), name="guide-feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last. Its own pattern accepts only
# word characters and hyphens; the second pattern lets "/acupoints/gb 30/" or "/acupoints/gb.30/"
# reach the atlas too, which redirects them to the canonical page.
urlpatterns += [
    path("", include(wagtail_urls)),
    re_path(r"^((?:[^/]+/)*)$", wagtail_serve),
]
