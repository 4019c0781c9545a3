"""The demo's Services, Team and Conditions pages, in the menu before the atlas. Idempotent."""

from __future__ import annotations

from django.db import transaction

from acuclinic.clinic.models import ContentPage, HomePage

from .models import ConditionsPage, ServicesPage, TeamPage

PAGES = [
    (ServicesPage, "services", "Services",
     "Assessment and treatment by registered acupuncturists and physiotherapists. Every fee is per visit."),
    (TeamPage, "team", "Team",
     "The people you will see: what they are registered as, the languages they speak and when they are free."),
    (ConditionsPage, "conditions", "Conditions",
     "Guides to the problems we treat most: what the research says, the points we use and when to see a doctor."),
]  # fmt: skip


@transaction.atomic
def load(stdout) -> None:
    home = HomePage.objects.get()
    made = []
    for model, slug, title, intro in PAGES:
        if model.objects.exists():
            continue
        page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    if made:
        # The menu follows the page tree: Services, Team, Conditions, then Acupoints, then About.
        # Tree positions change with every move, so each move reads its target afresh.
        for page in made:
            first_other = home.get_children().not_type(ServicesPage, TeamPage, ConditionsPage).first()
            if first_other is not None:
                type(page).objects.get(pk=page.pk).move(first_other, pos="left")
        for about in ContentPage.objects.child_of(home).filter(show_in_menus=True).values_list("pk", flat=True):
            ContentPage.objects.get(pk=about).move(HomePage.objects.get(pk=home.pk), pos="last-child")
    stdout.write(f"practice: {len(made)} new pages (services, team, conditions)")
