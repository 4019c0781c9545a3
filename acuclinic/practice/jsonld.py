"""schema.org data for practitioners (Person with their credential) and services (Service with an Offer)."""

from __future__ import annotations

from typing import Any

from acuclinic.booking.models import Practitioner, Service
from acuclinic.clinic.context_processors import clinic_for


def _clinic_ref(request) -> dict[str, Any]:
    clinic = clinic_for(request)
    return {"@type": "MedicalClinic", "name": clinic.name, "url": request.build_absolute_uri("/")}


def person(practitioner: Practitioner, offered: list[Service], request, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": practitioner.name,
        "url": url,
        "jobTitle": practitioner.credential,
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": practitioner.credential,
        },
        "worksFor": _clinic_ref(request),
    }
    if practitioner.registration_number:
        data["hasCredential"]["identifier"] = practitioner.registration_number
    if practitioner.language_list:
        data["knowsLanguage"] = practitioner.language_list
    if practitioner.bio:
        data["description"] = practitioner.bio
    if practitioner.photo_id:
        data["image"] = request.build_absolute_uri(practitioner.photo.get_rendition("fill-320x320").url)
    if offered:
        data["makesOffer"] = [{"@type": "Offer", "itemOffered": {"@type": "Service", "name": s.name}} for s in offered]
    return data


def service_offer(service: Service, request, url: str) -> dict[str, Any]:
    clinic = clinic_for(request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": url,
        "description": service.description,
        "provider": _clinic_ref(request),
    }
    if service.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{service.price:.2f}",
            "priceCurrency": clinic.currency,
            "url": request.build_absolute_uri(service.book_url),
        }
    return data
