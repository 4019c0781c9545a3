"""Fill the home page's records sections (clinic.blocks.section_items) from the practice's records."""

from wagtail import hooks

from . import records


@hooks.register("clinic_section_services")
def home_services(request):
    return records.services()


@hooks.register("clinic_section_team")
def home_team(request):
    return records.team()


@hooks.register("clinic_section_conditions")
def home_conditions(request):
    return records.conditions()
