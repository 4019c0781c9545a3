"""The StreamField blocks staff compose the home page and content pages from.

Sections that show the clinic's records (services, team, conditions) are defined here, on the ground
floor, but the records belong to higher apps (booking, guides). Those apps answer through Wagtail
hooks named ``clinic_section_<kind>`` (see ``section_items``), so this module never imports them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def section_items(kind: str, request, limit: int | None = None) -> list:
    """What the higher apps registered for ``kind`` ("services", "team", "conditions") return, in order."""
    items: list = []
    for provide in hooks.get_hooks(f"clinic_section_{kind}"):
        items.extend(provide(request))
    return items[:limit] if limit else items


class SectionHeading(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    intro = blocks.TextBlock(label=_("introduction"), required=False)


class HeroBlock(blocks.StructBlock):
    headline = blocks.CharBlock(label=_("headline"))
    text = blocks.TextBlock(label=_("text"), required=False)
    image = ImageChooserBlock(label=_("image"), required=False, help_text=_("Its description is the alt text."))
    show_buttons = blocks.BooleanBlock(label=_("show Book Online and Call Us"), required=False, default=True)

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "clinic/blocks/hero.html"


class RecordsSection(SectionHeading):
    """A section listing the clinic's own records, fetched through ``section_items``."""

    limit = blocks.IntegerBlock(label=_("show at most"), required=False, min_value=1, max_value=24)
    kind = ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["items"] = section_items(self.kind, request, value.get("limit"))
        return context


class ServicesBlock(RecordsSection):
    kind = "services"

    class Meta:
        icon = "list-ul"
        label = _("Services (from Booking › Services)")
        template = "clinic/blocks/services.html"


class TeamBlock(RecordsSection):
    kind = "team"

    class Meta:
        icon = "group"
        label = _("Team (from Booking › Practitioners)")
        template = "clinic/blocks/team.html"


class ConditionsBlock(RecordsSection):
    kind = "conditions"

    class Meta:
        icon = "doc-full"
        label = _("Conditions we treat (from the condition guides)")
        template = "clinic/blocks/conditions.html"


class FirstVisitBlock(SectionHeading):
    expect = blocks.RichTextBlock(label=_("what to expect"), features=RICH_TEXT)
    bring = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("what to bring"), required=False)
    duration = blocks.CharBlock(label=_("how long it takes"), required=False)

    class Meta:
        icon = "help"
        label = _("Your first visit")
        template = "clinic/blocks/first_visit.html"


class LocationBlock(SectionHeading):
    """The clinic's address and hours from Settings › Clinic, with a plain link to a maps search."""

    directions = blocks.TextBlock(label=_("getting here"), required=False, help_text=_("Transit, parking, access."))
    show_hours = blocks.BooleanBlock(label=_("show opening hours"), required=False, default=True)

    class Meta:
        icon = "site"
        label = _("Location and hours")
        template = "clinic/blocks/location.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ul"])


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Frequently asked questions"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "clinic/blocks/faq.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action (Book Online and Call Us)")
        template = "clinic/blocks/cta.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"), help_text=_("Its description is the alt text."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "clinic/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "clinic/blocks/quote.html"


class LinkButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("button text"))
    url = blocks.CharBlock(label=_("link"), help_text=_("A page of this site (/book/) or a full address."))


class ButtonsBlock(blocks.StructBlock):
    buttons = blocks.ListBlock(LinkButtonBlock(), label=_("buttons"))

    class Meta:
        icon = "link"
        label = _("Buttons")
        template = "clinic/blocks/buttons.html"


class LinkOutBlock(blocks.StructBlock):
    """Media from another site (a video, a map) as a plain link: the page itself loads nothing third-party."""

    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        icon = "media"
        label = _("Link to media elsewhere")
        template = "clinic/blocks/link_out.html"

    def get_context(self, value, parent_context=None):
        from urllib.parse import urlsplit

        context = super().get_context(value, parent_context)
        context["host"] = (urlsplit(value["url"]).hostname or "").removeprefix("www.")
        return context


class ContentTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = "clinic/blocks/table.html"


def home_sections() -> list[tuple[str, blocks.Block]]:
    return [
        ("hero", HeroBlock()),
        ("services", ServicesBlock()),
        ("team", TeamBlock()),
        ("conditions", ConditionsBlock()),
        ("first_visit", FirstVisitBlock()),
        ("location", LocationBlock()),
        ("faq", FaqBlock()),
        ("cta", CallToActionBlock()),
        ("text", blocks.RichTextBlock(features=RICH_TEXT, icon="pilcrow", label=_("Text"))),
    ]


def content_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", blocks.RichTextBlock(features=[*RICH_TEXT, "h4", "document-link"], icon="pilcrow", label=_("Text"))),
        ("image", FigureBlock()),
        ("quote", QuoteBlock()),
        ("table", ContentTableBlock()),
        ("buttons", ButtonsBlock()),
        ("link_out", LinkOutBlock()),
        ("faq", FaqBlock()),
        ("cta", CallToActionBlock()),
    ]
