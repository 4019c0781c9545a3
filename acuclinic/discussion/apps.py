from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DiscussionConfig(AppConfig):
    name = "acuclinic.discussion"
    label = "discussion"
    verbose_name = "Reader comments"

    def ready(self):
        from acuclinic.clinic import page_cache

        from . import forms, pending, signals

        signals.connect()
        post_migrate.connect(signals.sync_django_site, sender=self, dispatch_uid="discussion-sync-site")
        page_cache.register_fresh(forms.STAMP, forms.stamp_inputs)
        # A reader with comments awaiting moderation sees them on the page: never a cached copy.
        page_cache.personal_cookies.add(pending.COOKIE)
