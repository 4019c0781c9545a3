from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DiscussionConfig(AppConfig):
    name = "acuclinic.discussion"
    label = "discussion"
    verbose_name = "Reader comments"

    def ready(self):
        from acuclinic.clinic import page_cache
        from acuclinic.guides import rendering

        from . import forms, pending, signals, threads

        signals.connect()
        post_migrate.connect(signals.sync_django_site, sender=self, dispatch_uid="discussion-sync-site")
        page_cache.register_fresh(forms.STAMP, forms.stamp_inputs)
        # A reader with comments awaiting moderation sees them on the page: never a cached copy.
        page_cache.personal_cookies.add(pending.COOKIE)
        # The guide's structured data counts its approved comments; guides offer the hook, so they need not
        # import discussion (the lower app never imports the higher one).
        rendering.register_json_ld(threads.add_comment_count)
