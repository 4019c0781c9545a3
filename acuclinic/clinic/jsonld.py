"""schema.org structured data for the clinic, built from its site settings."""

from __future__ import annotations

from typing import Any

from .models import SCHEMA_DAYS, ClinicSettings


def medical_clinic(clinic: ClinicSettings, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalClinic", "name": clinic.name, "url": url}
    if clinic.phone:
        data["telephone"] = clinic.phone
    if clinic.email:
        data["email"] = clinic.email
    if clinic.street_address or clinic.locality:
        address = {
            "@type": "PostalAddress",
            "streetAddress": clinic.street_address,
            "addressLocality": clinic.locality,
            "addressRegion": clinic.region,
            "postalCode": clinic.postal_code,
            "addressCountry": clinic.country,
        }
        data["address"] = {key: value for key, value in address.items() if value}
    if clinic.hours:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[interval.weekday],
                "opens": interval.opens.strftime("%H:%M"),
                "closes": interval.closes.strftime("%H:%M"),
            }
            for interval in clinic.hours
        ]
    return data
