from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "acuclinic.discussion"
    label = "discussion"
    verbose_name = "Reader comments"

    def ready(self):
        from acuclinic.clinic import page_cache

        from . import forms, pending, signals

        signals.connect()
        page_cache.register_fresh(forms.STAMP, forms.stamp_inputs)
        # A reader with comments awaiting moderation sees them on the page: never a cached copy.
        page_cache.personal_cookies.add(pending.COOKIE)
