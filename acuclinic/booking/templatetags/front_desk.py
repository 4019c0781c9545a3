"""Template filters of the front desk (the booking admin)."""

from django import template

from acuclinic.clinic.phones import national

register = template.Library()


@register.filter
def local_phone(number: str) -> str:
    """A stored E.164 number as people in the clinic's country write it (empty stays empty)."""
    return national(number) if number else ""
