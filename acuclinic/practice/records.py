"""The practitioners, services and guides the public pages show, read once per content version.

Every list is a handful of queries whatever its length (prefetched), and cached under the content
version, which any change to these records starts afresh (freshness.py).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse

from acuclinic.booking.models import Practitioner, Service
from acuclinic.clinic.content_cache import cached


def _page_url(model_name: str) -> str | None:
    def build():
        from .models import ServicesPage, TeamPage

        model = {"team": TeamPage, "services": ServicesPage}[model_name]
        page = model.objects.live().public().first()
        return page.get_url() if page else ""

    return cached(f"practice:url:{model_name}", build) or None


def _with_urls(people: list[Practitioner], services: list[Service]) -> None:
    team_url, services_url = _page_url("team"), _page_url("services")
    for person in people:
        person.page_url = f"{team_url}{person.slug}/" if team_url else None
    for service in services:
        service.page_url = f"{services_url}{service.slug}/" if services_url else None
        service.book_url = reverse("booking:service", args=[service.slug])


def _people():
    return (
        Practitioner.objects.bookable()
        .select_related("photo")
        .prefetch_related("photo__renditions", Prefetch("services", Service.objects.bookable()))
    )


def team() -> list[Practitioner]:
    def build():
        people = list(_people())
        _with_urls(people, [s for p in people for s in p.services.all()])
        return people

    return cached("practice:team", build)


def practitioner(slug: str) -> Practitioner | None:
    return next((p for p in team() if p.slug == slug), None)


def services_of(person: Practitioner) -> list[Service]:
    return list(person.services.all())


def book_with_url(person: Practitioner, offered: list[Service]) -> str:
    """Straight to this practitioner's times when they offer one service; else the services they offer."""
    if len(offered) == 1:
        return reverse("booking:times", args=[offered[0].slug, person.slug])
    return f"{reverse('booking:start')}?with={person.slug}"


def services() -> list[Service]:
    def build():
        found = list(
            Service.objects.bookable().prefetch_related(
                Prefetch("practitioners", Practitioner.objects.bookable().select_related("photo"))
            )
        )
        people = [p for s in found for p in s.practitioners.all()]
        _with_urls(people, found)
        return found

    return cached("practice:services", build)


def service(slug: str) -> Service | None:
    return next((s for s in services() if s.slug == slug), None)


def conditions() -> list[dict]:
    """The live, public condition guides: title, url and summary, in the order of the page tree."""

    def build():
        from acuclinic.guides.models import ConditionGuidePage

        guides = ConditionGuidePage.objects.live().public().order_by("path").only("title", "url_path", "summary")
        return [{"title": g.title, "url": g.get_url(), "summary": g.summary} for g in guides]

    return cached("practice:conditions", build)
