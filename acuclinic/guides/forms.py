from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from acuclinic.clinic.clock import clinic_today

from .checks import ERROR, Finding, check_guide
from .drafts import draft_from_values
from .links import link_exists

# Which sub-field of a point block each check belongs beside.
_POINT_FIELD = {"unknown_point": "point", "name_mismatch": "name", "location_region": "location"}
_STRUCT_FIELD = {"faq": "answer", "references": "citation"}


class GuidePageForm(WagtailAdminPageForm):
    """Runs the guide checks on every save: errors block publishing (shown beside their block); warnings show."""

    def clean(self):
        cleaned = super().clean()
        interval = self.instance.review_interval_months(parent=self.parent_page)
        draft = draft_from_values(
            slug=cleaned.get("slug"),
            points=cleaned.get("points"),
            faq=cleaned.get("faq"),
            references=cleaned.get("references"),
            reviewer=cleaned.get("reviewer"),
            reviewed_on=cleaned.get("reviewed_on"),
            body=cleaned.get("body"),
        )
        self.guide_findings = check_guide(
            draft, today=clinic_today(), review_interval_months=interval, link_exists=link_exists
        )
        if self.is_publishing():
            self._attach_errors([f for f in self.guide_findings if f.severity == ERROR])
        return cleaned

    def is_publishing(self) -> bool:
        """Every button that makes this content live or asks for it to be: errors block them all.

        Publish (also when it schedules a go-live date), Submit for moderation, Restart workflow, and
        Approve (and publish) on a task. Save draft and Request changes stay open to a guide with errors.
        """
        data = self.data
        if data.get("action-publish") or data.get("action-submit") or data.get("action-restart-workflow"):
            return True
        return bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve"

    def _attach_errors(self, findings: list[Finding]) -> None:
        by_field: dict[str, list[Finding]] = {}
        for finding in findings:
            by_field.setdefault(finding.field or "title", []).append(finding)
        for field, items in by_field.items():
            if field in ("points", "faq", "references") and all(f.index is not None for f in items):
                block_errors = {}
                for f in items:
                    child = _POINT_FIELD.get(f.check, "location") if field == "points" else _STRUCT_FIELD[field]
                    block_errors[f.index] = StructBlockValidationError(block_errors={child: ValidationError(f.message)})
                self.add_error(field, StreamBlockValidationError(block_errors=block_errors))
            else:
                target = field if field in self.fields else None
                for f in items:
                    self.add_error(target, ValidationError(f.message))
