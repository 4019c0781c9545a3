"""Demo comments on the sciatica guide: a reader's question with the clinic's answer and a follow-up, and
one first-time comment waiting in the moderation queue. Idempotent: skipped once the guide has comments."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from acuclinic.booking.models import Practitioner
from acuclinic.guides.models import ConditionGuidePage

from . import services
from .models import GuideComment

STAFF_USERNAME = "meilin"


def _staff_user():
    """Dr. Chen's account: a moderator who answers readers (no password; the admin can set one)."""
    user, created = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME,
        defaults={"first_name": "Mei Lin", "last_name": "Chen", "email": "meilin@riverside-clinic.example"},
    )
    if created:
        user.set_unusable_password()
        user.save()
        moderators = Group.objects.filter(name="Moderators").first()
        if moderators:
            user.groups.add(moderators)
    Practitioner.objects.filter(slug="mei-lin-chen", user__isnull=True).update(user=user)
    return user


def load(stdout) -> None:
    guide = ConditionGuidePage.objects.live().filter(slug="acupuncture-for-sciatica").first()
    if guide is None or GuideComment.objects.on(guide).exists():
        stdout.write("comments: nothing to add")
        return
    staff = _staff_user()
    question = services.post_comment(
        guide=guide,
        name="Sam R.",
        email="sam.r@example.org",
        text=(
            "My leg ached a little more on the evening after my first session, then eased off.\n"
            "Is that usual, or should I mention it next time?"
        ),
    )
    services.approve([question], by=staff)
    answer = services.reply_as_staff(
        question,
        user=staff,
        text=(
            "Thanks for asking, Sam. A short-lived change in aching after a session is common; do mention it "
            "next time so we can adjust the treatment. If the pain becomes much worse, or you notice new "
            "numbness, weakness, or bladder or bowel changes, call us or seek urgent care."
        ),
    )
    services.post_comment(
        guide=guide,
        name="Sam R.",
        email="sam.r@example.org",
        text="Thank you, that helps. It settled by the next morning.",
        reply_to=answer.pk,
    )
    services.post_comment(
        guide=guide,
        name="Jordan",
        email="jordan@example.net",
        text="Do you also offer appointments on Saturdays?",
    )
    # Dates spread over the past fortnight, as a real thread would be.
    for days, comment in zip((12, 11, 10, 1), GuideComment.objects.on(guide).order_by("pk"), strict=True):
        GuideComment.objects.filter(pk=comment.pk).update(submit_date=timezone.now() - dt.timedelta(days=days))
    stdout.write("comments: 3 approved (one a staff answer), 1 awaiting moderation")
