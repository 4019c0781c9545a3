"""Wagtail's admin API (the page explorer's JSON API) with a guide's checks run before its publish action.

The model refuses anyway (``ConditionGuidePage.save``), but only after Wagtail's action has cleared the
page's other scheduled revisions; checking first leaves everything as it was, and answers 400 the same way.
"""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet

from .models import ConditionGuidePage
from .publishing import GuideNotPublishable, refuse_unless_publishable


class GuidePublishPageAPIAction(PublishPageAPIAction):
    def execute(self, instance, data):
        latest = instance.get_latest_revision()
        if latest is not None and issubclass(instance.specific_class, ConditionGuidePage):
            try:
                refuse_unless_publishable(latest.as_object())
            except GuideNotPublishable as refusal:
                raise ValidationError(refusal.message_dict) from refusal
        return super().execute(instance, data)


class GuideCheckingPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "publish": GuidePublishPageAPIAction}
