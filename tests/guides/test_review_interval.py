"""The guide reads its review interval from its site's policy; the editor form asks the page, not the settings."""

from acuclinic.guides.models import ConditionGuidePage, GuideSettings


def test_a_guide_reads_its_sites_review_interval(sciatica, clinic_site):
    policy = GuideSettings.for_site(clinic_site["site"])
    policy.review_interval_months = 3
    policy.save()
    assert sciatica.review_interval_months() == 3
    new = ConditionGuidePage(title="New", slug="new-guide")
    assert new.review_interval_months(parent=sciatica.get_parent()) == 3
    assert new.review_interval_months() == 12  # nowhere yet: the default policy


def test_the_editor_form_takes_the_interval_from_the_page():
    import inspect

    from acuclinic.guides import forms

    assert "GuideSettings" not in inspect.getsource(forms)
