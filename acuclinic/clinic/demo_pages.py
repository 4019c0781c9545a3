"""The demo clinic's written pages: the home page's sections and the About, Fees, Cancellation and Privacy
pages. Written for acuclinic. The privacy page describes what this code stores and for how long; keep it
in step with the models (booking, discussion) when they change."""

from __future__ import annotations

HOME_SECTIONS = [
    ("hero", {
        "headline": "Acupuncture and physiotherapy that fits around your life",
        "text": "Registered practitioners, unhurried appointments and a plan you understand. Book online in "
                "about two minutes, or call and we will find a time together.",
        "show_buttons": True,
    }),
    ("services", {"heading": "What we offer",
                  "intro": "Every first visit starts with a full assessment. Fees are per session."}),
    ("team", {"heading": "Meet the team",
              "intro": "Each of us is registered with our regulatory college and carries professional insurance."}),
    ("conditions", {"heading": "Conditions we treat", "limit": 6,
                    "intro": "Plain-language guides, reviewed by our practitioners, with the points we use and "
                             "when to seek other care."}),
    ("first_visit", {
        "heading": "Your first visit",
        "intro": "Knowing what happens makes the first appointment easier.",
        "expect": "<p>We start by listening: what brings you in, how it affects your days, and what you have "
                  "tried. Your practitioner then examines you and explains what they find in everyday words.</p>"
                  "<p>If treatment suits you, it can start the same day. Acupuncture needles are fine and used "
                  "once; most people feel a dull ache or warmth rather than pain. You can stop at any time.</p>",
        "bring": ["A list of the medicines you take", "Any scans or letters about the problem",
                  "Loose, comfortable clothing", "Your extended health benefits card, if you have one"],
        "duration": "Plan for about an hour. Follow-up visits take 30 to 45 minutes.",
    }),
    ("location", {
        "heading": "Find us",
        "intro": "On the second floor, with an elevator from the street entrance.",
        "directions": "Five minutes' walk from King station. Paid parking on Example Street; bicycle racks at "
                      "the door.",
        "show_hours": True,
    }),
    ("faq", {"heading": "Questions patients ask", "questions": [
        {"question": "Do I need a referral?",
         "answer": "<p>No. You can book directly. Some insurance plans ask for a doctor's note before they "
                   "pay; check your plan.</p>"},
        {"question": "Does acupuncture hurt?",
         "answer": "<p>The needles are much finer than those used for injections. You may feel a brief prick, "
                   "then a heavy or warm feeling. Tell your practitioner if anything is uncomfortable.</p>"},
        {"question": "Can I claim the fee from my insurance?",
         "answer": "<p>We give you a receipt with the practitioner's registration number after each visit. "
                   "Many extended health plans cover acupuncture and physiotherapy.</p>"},
        {"question": "What if I need to cancel?",
         "answer": "<p>Use the link in your confirmation email, or call us, at least 24 hours before your "
                   "appointment.</p>"},
    ]}),
    ("cta", {"heading": "Ready when you are",
             "text": "Choose a time that suits you online, or call and talk to us first."}),
]  # fmt: skip


# (slug, title, show in the menu, summary, body blocks)
CONTENT_PAGES = [
    ("about", "About us", True,
     "A small clinic where acupuncture and physiotherapy work side by side.",
     [("text", "<h2>How we work</h2><p>We opened the clinic so that people with pain could see an acupuncturist "
               "and a physiotherapist under one roof, and have them talk to each other. Each appointment is "
               "long enough to listen, to examine properly and to explain.</p><p>We treat what the evidence "
               "supports, we say plainly when something is not for us, and we refer you on when another "
               "professional can help more.</p><h2>Our commitments</h2><ul><li>Registered, insured "
               "practitioners</li><li>Single-use, sterile needles</li><li>A written plan after your first "
               "visit</li><li>No packages to pre-pay</li></ul>"),
      ("cta", {"heading": "Come and see us", "text": "Book a first visit online, or call with any question."})]),
    ("fees", "Fees and insurance receipts", False,
     "What each visit costs, how to pay, and how to claim from your insurance.",
     [("text", "<h2>Fees</h2><p>Each service page shows its fee. You pay after your visit by debit or credit "
               "card. We do not sell packages or ask for payment in advance.</p><h2>Receipts for insurance"
               "</h2><p>After each visit we give you an official receipt with the date, the service, the fee, the "
               "practitioner's name and their registration number. Most extended health plans accept it as it "
               "is. Some plans need a doctor's referral for physiotherapy or acupuncture; check yours before "
               "your first visit.</p><p>We do not bill insurers directly.</p>"),
      ("faq", {"heading": "Questions about fees", "questions": [
          {"question": "Is the first visit more expensive?",
           "answer": "<p>Yes: it is longer, because it includes a full assessment.</p>"},
          {"question": "Can I get a receipt for an earlier visit again?",
           "answer": "<p>Yes. Call or email us and we will send a copy.</p>"}]})]),
    ("cancellation-policy", "Cancellation policy", False,
     "How to cancel or change an appointment, and what happens if you miss one.",
     [("text", "<h2>Changing or cancelling</h2><p>Please give us at least 24 hours' notice. Until then you can "
               "cancel or move your appointment yourself with the link in your confirmation email. Closer to "
               "the time, please call us.</p><h2>Missed appointments</h2><p>If you miss an appointment without "
               "telling us, we may ask for the fee before booking you again, and after three missed "
               "appointments we book you by phone rather than online. We understand that emergencies "
               "happen; talk to us.</p><h2>If we have to cancel</h2><p>If your practitioner is ill, we call or "
               "email you as soon as we know and offer the next free time.</p>")]),
    ("privacy-policy", "Privacy policy", False,
     "What this website stores about you, why, who sees it, and for how long.",
     [("text", "<h2>What we store when you book</h2><p>Your name, email address and phone number, the service, "
               "practitioner and time you chose, whether this is your first visit, your answers to the "
               "screening questions (pregnancy, blood thinners or a bleeding disorder, an implanted device), "
               "anything you write in the notes box, and when you agreed to the booking terms. We use them to "
               "hold your appointment, to treat you safely and to send you the confirmation, reminder and any "
               "change by email.</p><p>The screening answers are seen only by clinic staff with permission to "
               "see appointments. They are part of your clinical record, which the law requires us to keep for "
               "a number of years after your last visit; we do not delete booking records before then.</p>"
               "<p>If you answer that you have new loss of bladder or bowel control or new numbness around the "
               "genitals, buttocks or inner thighs, the website tells you to seek urgent care and saves nothing "
               "at all.</p>"
               "<h2>What we store when you comment on a guide</h2><p>Your comment, the name and optional website "
               "you give, your email address, and the internet address (IP address) your comment came from. "
               "Your name, website and comment are public once approved. Your email and IP address are seen "
               "only by our moderators and are never shown on the site. They stay as long as the comment does. "
               "Comments marked as spam are deleted, with their addresses, 30 days after they were sent.</p>"
               "<h2>Cookies</h2><ul><li><strong>csrftoken</strong>: protects the booking and comment forms from "
               "forgery; it holds no information about you.</li><li><strong>sessionid</strong>: set when you book, "
               "so that the confirmation page can show your appointment; it expires after two weeks.</li>"
               "<li><strong>acuclinic_comments</strong>: if your comment is waiting for moderation, this cookie "
               "remembers which comments are yours so that you, and only you, see them; it expires after 30 "
               "days.</li></ul><p>There are no advertising or analytics cookies.</p>"
               "<h2>What we do not do</h2><p>The site loads nothing from other companies: no fonts, maps, "
               "analytics, trackers or social media buttons. The \"Get directions\" link opens a map search only "
               "when you click it. We never sell or share your information.</p>"
               "<h2>Technical records</h2><p>To stop abuse of the booking and comment forms, the site counts "
               "requests per IP address for one hour, then forgets them. Our web server's access log records "
               "the address, time and page of each request (not names, emails or answers) and is kept for a "
               "short time for security. Error logs never contain patient information.</p>"
               "<h2>Your rights</h2><p>You can ask us for a copy of what we hold about you, ask us to correct "
               "it, or ask us to delete what the law does not require us to keep. Call or email the clinic.</p>")]),
]  # fmt: skip
