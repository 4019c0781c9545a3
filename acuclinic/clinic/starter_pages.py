"""What start_clinic writes for a real clinic: the home page's sections and the standard pages as drafts.

Written for acuclinic. The home page is published at once, so it says nothing a clinic would have to
correct: its sections fill themselves from the clinic's settings, services, team and guides. The
standard pages are drafts with every clinic-specific fact left as a marked placeholder (``PLACEHOLDER``)
for the owner to replace before publishing. The privacy policy is the demo's text, which describes what
this code stores and for how long (tests/clinic/test_content_pages.py checks it against the code).
"""

from __future__ import annotations

from . import demo_pages

PLACEHOLDER = "[Edit:"  # every placeholder starts with this, so a search finds them all


def _edit(hint: str) -> str:
    return f"<p><strong>{PLACEHOLDER} {hint}]</strong></p>"


def home_sections(clinic_name: str) -> list[tuple[str, dict]]:
    return [
        ("hero", {
            "headline": clinic_name,
            "text": "Book a time online in a few minutes, or call us and we will find one together.",
            "show_buttons": True,
        }),
        ("services", {"heading": "What we offer", "intro": ""}),
        ("team", {"heading": "Meet the team", "intro": ""}),
        ("conditions", {"heading": "Conditions we treat", "limit": 6, "intro": ""}),
        ("first_visit", {
            "heading": "Your first visit",
            "intro": "Knowing what happens makes the first appointment easier.",
            "expect": "<p>Your practitioner starts by asking what brings you in and what you have tried, then "
                      "examines you and explains what they find in everyday words. If treatment suits you, it "
                      "can start the same day, and you can stop at any time.</p>",
            "bring": ["A list of the medicines you take", "Any scans or letters about the problem",
                      "Loose, comfortable clothing"],
            "duration": "",
        }),
        ("location", {"heading": "Find us", "intro": "", "directions": "", "show_hours": True}),
        ("cta", {"heading": "Ready when you are",
                 "text": "Choose a time that suits you online, or call and talk to us first."}),
    ]  # fmt: skip


def _privacy_body() -> list:
    slug_of = {page[0]: page for page in demo_pages.CONTENT_PAGES}
    return [
        ("text", _edit("check each paragraph against how your clinic works, and add who is responsible for "
                       "your patients' information and how to reach them (name, email, postal address)")),
        *slug_of["privacy-policy"][4],
    ]  # fmt: skip


# (slug, title, show in the menu, summary, body blocks): created as drafts, never published by start_clinic.
def standard_pages() -> list[tuple[str, str, bool, str, list]]:
    return [
        ("about", "About us", True,
         "Who we are, how we work and what we treat.",
         [("text", "<h2>How we work</h2>"
                   + _edit("a few sentences on why the clinic exists and what a patient can expect of you")
                   + "<h2>Our commitments</h2><ul><li>Registered, insured practitioners</li>"
                     "<li>A plan explained in plain words after your first visit</li></ul>"
                   + _edit("add or remove commitments so that each one is true for your clinic")),
          ("cta", {"heading": "Come and see us", "text": "Book a first visit online, or call with any question."})]),
        ("fees", "Fees and insurance receipts", False,
         "What each visit costs, how to pay, and how to claim from your insurance.",
         [("text", "<h2>Fees</h2><p>Each service page shows its fee.</p>"
                   + _edit("how and when patients pay (card, cash, before or after the visit), and whether you "
                           "sell packages")
                   + "<h2>Receipts for insurance</h2><p>After each visit we give you a receipt with the date, "
                     "the service, the fee and the practitioner's name and registration number.</p>"
                   + _edit("whether you bill insurers directly, and which plans need a doctor's referral"))]),
        ("cancellation-policy", "Cancellation policy", False,
         "How to cancel or change an appointment, and what happens if you miss one.",
         [("text", "<h2>Changing or cancelling</h2><p>You can cancel or move your appointment yourself with "
                   "the link in your confirmation email, or call us.</p>"
                   + _edit("how much notice you ask for (for example 24 hours) and what happens closer to "
                           "the time")
                   + "<h2>Missed appointments</h2>"
                   + _edit("what happens if a patient misses an appointment without telling you")
                   + "<h2>If we have to cancel</h2><p>If your practitioner cannot see you, we contact you as "
                     "soon as we know and offer the next free time.</p>")]),
        ("privacy-policy", "Privacy policy", False,
         "What this website stores about you, why, who sees it, and for how long.",
         _privacy_body()),
    ]  # fmt: skip
