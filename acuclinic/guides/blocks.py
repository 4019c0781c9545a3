"""StreamField blocks of a condition guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

BODY_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CalloutBlock(blocks.RichTextBlock):
    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "guides/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("Section heading"))
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"))
    callout = CalloutBlock(features=BODY_FEATURES)


class PointUsedBlock(blocks.StructBlock):
    point = SnippetChooserBlock("atlas.Point", label=_("Atlas point"))
    name = blocks.CharBlock(
        required=False,
        label=_("Name as the guide gives it"),
        help_text=_("Optional, e.g. Huantiao; checked against the atlas."),
    )
    location = blocks.TextBlock(
        label=_("Location as the guide states it"),
        help_text=_("Checked against the atlas: name the right body part and side."),
    )
    why = blocks.TextBlock(label=_("Why it is used"))

    class Meta:
        icon = "crosshairs"
        label = _("Point")


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.TextBlock(required=False, label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.TextBlock(label=_("Citation"), help_text=_("Authors. Title. Journal. Year;Volume:pages."))
    doi = blocks.CharBlock(required=False, label="DOI", help_text=_("e.g. 10.1002/14651858.CD001351.pub2"))
    pmid = blocks.CharBlock(required=False, label="PMID")
    url = blocks.URLBlock(required=False, label="URL")

    class Meta:
        icon = "doc-full"
        label = _("Reference")
