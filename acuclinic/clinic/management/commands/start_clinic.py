"""manage.py start_clinic: set up a real clinic on a freshly migrated database (see acuclinic/starting.py)."""

import getpass
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acuclinic import starting

# (option, question, default from the running settings or the database, cleaner for one answer)
QUESTIONS = [
    ("name", "Clinic name", lambda current: current.get("name", ""), starting.clean_name),
    ("country", "Country (two letters, e.g. CA, GB, AU)", lambda current: current.get("country", "CA"),
     starting.clean_country),
    ("phone", "Phone, as you dial it locally", lambda current: current.get("phone", ""), None),
    ("address", "Street address", lambda current: current.get("street_address", ""), None),
    ("city", "City", lambda current: current.get("locality", ""), None),
    ("region", "Province or state", lambda current: current.get("region", ""), None),
    ("postal_code", "Postal code", lambda current: current.get("postal_code", ""), None),
    ("time_zone", "Time zone (e.g. America/Toronto)", lambda current: settings.TIME_ZONE, starting.clean_time_zone),
    ("url", "Public address of the site (e.g. https://clinic.example)", lambda current: settings.BASE_URL,
     starting.clean_url),
    ("admin_username", "Admin user name", lambda current: "admin", starting.clean_username),
    ("admin_email", "Admin email", lambda current: "", starting.clean_email),
]  # fmt: skip
REQUIRED = ["name", "phone", "address", "time_zone", "url", "admin_username", "admin_email"]


class Command(BaseCommand):
    help = (
        "Start a real clinic: its name, phone and address, time zone, public address and first admin user, "
        "and the site's pages (Home, Services, Team, Conditions, Acupoints with the whole atlas; About, Fees, "
        "Cancellation policy and Privacy policy as drafts). No demo data. Safe to run again: a second run "
        "changes nothing. Refuses to run over a site with other content unless given --force. "
        f"The admin password comes from ${starting.PASSWORD_VARIABLE} (asked for when interactive)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive",
                            help="Ask nothing: every value from the options, the password from "
                                 f"${starting.PASSWORD_VARIABLE}.")  # fmt: skip
        parser.add_argument("--name", help="The clinic's name, as the site shows it.")
        parser.add_argument("--phone", help="The clinic's phone number, local or with +country code.")
        parser.add_argument("--address", help="Street address (first line).")
        parser.add_argument("--city", default="", help="City.")
        parser.add_argument("--region", default="", help="Province or state.")
        parser.add_argument("--postal-code", default="", help="Postal code.")
        parser.add_argument("--country", default=None, help="Two-letter country code (default CA); reads the phone.")
        parser.add_argument("--time-zone", help="IANA time zone, e.g. Europe/London; goes in TIME_ZONE.")
        parser.add_argument("--url", help="Public address, e.g. https://clinic.example; goes in BASE_URL.")
        parser.add_argument("--admin-username", help="User name of the first admin (a superuser).")
        parser.add_argument("--admin-email", help="Email address of the first admin.")
        parser.add_argument("--force", action="store_true",
                            help="Run even though the database has content start_clinic did not make (a demo "
                                 "load, pages or records). Nothing is deleted or overwritten: missing pages are "
                                 "added and the given values set.")  # fmt: skip

    def handle(self, *args, interactive, force, **options):
        answers = {key: options.get(key) for key, *_rest in QUESTIONS}
        password = os.environ.get(starting.PASSWORD_VARIABLE)
        if interactive:
            self._ask(answers)
            password = password or self._ask_password(answers)
        else:
            answers["country"] = answers["country"] or "CA"
            missing = [f"--{key.replace('_', '-')}" for key in REQUIRED if not answers.get(key)]
            if missing:
                raise CommandError(f"With --no-input, give {', '.join(missing)}.")
        try:
            details = starting.read_details(**answers, admin_password=password)
            report = starting.start_clinic(details, force=force)
        except starting.StartError as exc:
            raise CommandError(str(exc)) from None
        self._tell(report, details)

    def _ask(self, answers: dict) -> None:
        current = self._current_settings()
        for key, question, default, clean in QUESTIONS:
            if answers.get(key):
                continue
            while True:
                suggestion = default(current)
                text = input(f"{question}{f' [{suggestion}]' if suggestion else ''}: ").strip() or suggestion
                try:
                    if key == "phone":
                        starting.clean_phone(text, answers["country"])
                    elif clean is not None:
                        text = clean(text)
                except starting.StartError as exc:
                    self.stderr.write(str(exc))
                    continue
                answers[key] = text
                break

    def _ask_password(self, answers: dict) -> str:
        while True:
            first = getpass.getpass("Admin password: ")
            if not first or first != getpass.getpass("Admin password (again): "):
                self.stderr.write("The two passwords differ (or are empty). Try again.")
                continue
            try:
                starting.clean_admin(answers["admin_username"], answers["admin_email"], first)
            except starting.StartError as exc:
                self.stderr.write(str(exc))
                continue
            return first

    @staticmethod
    def _current_settings() -> dict:
        from wagtail.models import Site

        from acuclinic.clinic.models import ClinicSettings

        site = Site.objects.filter(is_default_site=True).first()
        clinic = ClinicSettings.objects.filter(site=site).first() if site else None
        if clinic is None or clinic.name == ClinicSettings._meta.get_field("name").default:
            return {}
        return {key: getattr(clinic, key) for key in ("name", "phone", "street_address", "locality", "region",
                                                      "postal_code", "country")}  # fmt: skip

    def _tell(self, report: starting.StartReport, details: starting.ClinicDetails) -> None:
        if report.changed:
            for change in report.changes:
                self.stdout.write(f"  {change}")
            self.stdout.write(self.style.SUCCESS(f"{details.name} is set up at {details.url}/"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Nothing to change: {details.name} is already set up as asked."))
        differ = [(name, wanted) for name, wanted, present in report.environment if not present]
        if differ:
            self.stdout.write(
                "The site reads these from its environment. Put these lines in the environment file "
                "(docs/deploy/acuclinic.env) and restart gunicorn and db_worker:"
            )
            for name, wanted in differ:
                self.stdout.write(f"  {name}={wanted}")
        else:
            self.stdout.write("The environment already has BASE_URL, TIME_ZONE and ALLOWED_HOSTS to match.")
        self.stdout.write(
            f"Next: sign in at {details.url}/admin/ as {details.admin_username}, add your services and "
            "practitioners under Booking, your opening hours under Settings › Clinic, and edit and publish "
            "the drafts (About, Fees, Cancellation policy, Privacy policy): each [Edit: …] marks what to write."
        )
