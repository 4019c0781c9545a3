"""load_atlas: idempotent, prints progress, updates data, never touches what editors added."""

import io
import shutil

import pytest
import yaml
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from acuclinic.atlas.loading import load_atlas
from acuclinic.atlas.models import Meridian, Point
from acuclinic.atlas.schema import DATA_DIR


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_loading_into_an_empty_atlas_creates_every_point_and_prints_progress(db):
    Point.objects.all().delete()
    Meridian.objects.all().delete()
    out = io.StringIO()
    call_command("load_atlas", stdout=out)
    assert Point.objects.count() == 410
    assert Point.objects.exclude(meridian__code="EX").count() == 361
    assert Meridian.objects.count() == 15
    assert "GB  Gallbladder: 44 points (44 new, 0 updated)" in out.getvalue()
    assert "410 points (410 new, 0 updated, 0 unchanged)" in out.getvalue()


def test_a_fresh_load_indexes_every_new_point_as_saving_each_would(db):
    """New points go in with one statement: the search index and Wagtail's reference index still get them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backend

    Point.objects.all().delete()
    Meridian.objects.all().delete()
    load_atlas(stdout=io.StringIO())
    assert [p.code for p in get_search_backend().search("huantiao", Point)][:1] == ["GB30"]
    references = ReferenceIndex.objects.filter(base_content_type=ContentType.objects.get_for_model(Point))
    assert references.values("object_id").distinct().count() == 410  # each point -> its meridian
    gb30 = Point.objects.get(code="GB30")
    assert set(ReferenceIndex.get_references_for_object(gb30).values_list("to_object_id", flat=True)) == {
        str(gb30.meridian_id)
    }


def test_loading_twice_changes_nothing(clinic_site):
    before = list(Point.objects.values_list("code", "updated_at"))
    report = load_atlas(stdout=io.StringIO())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 410)
    assert list(Point.objects.values_list("code", "updated_at")) == before


def test_a_changed_data_file_updates_the_data_but_keeps_the_clinic_note_and_image(clinic_site, data_copy):
    image = Image.objects.create(title="GB30 on the model", file=get_test_image_file())
    Point.objects.filter(code="GB30").update(
        clinic_note="<p>We needle this with the patient side-lying.</p>", image=image
    )
    gb = yaml.safe_load((data_copy / "gb.yaml").read_text(encoding="utf-8"))
    gb["points"][29]["needling"] = "Perpendicular insertion 2.5 to 3.5 cun, in a well-muscled buttock."
    (data_copy / "gb.yaml").write_text(yaml.safe_dump(gb, allow_unicode=True), encoding="utf-8")

    report = load_atlas(data_copy, stdout=io.StringIO())

    assert (report.created, report.updated) == (0, 1)
    point = Point.objects.get(code="GB30")
    assert point.needling.startswith("Perpendicular insertion 2.5 to 3.5 cun")
    assert point.clinic_note == "<p>We needle this with the patient side-lying.</p>"
    assert point.image == image


def test_invalid_data_stops_the_command_with_the_error_and_writes_nothing(clinic_site, data_copy, settings):
    gb = yaml.safe_load((data_copy / "gb.yaml").read_text(encoding="utf-8"))
    gb["points"][29]["region"] = "somewhere"
    (data_copy / "gb.yaml").write_text(yaml.safe_dump(gb, allow_unicode=True), encoding="utf-8")
    from acuclinic.atlas.schema import AtlasDataError

    with pytest.raises(AtlasDataError, match=r"gb\.yaml: GB30: region"):
        load_atlas(data_copy, stdout=io.StringIO())
    assert Point.objects.get(code="GB30").region == "buttock"


def test_a_placement_that_does_not_resolve_stops_loading_and_writes_nothing(clinic_site, data_copy):
    st = yaml.safe_load((data_copy / "st.yaml").read_text(encoding="utf-8"))
    st["points"][35]["placement"] = {"along": ["ST35", "knee_cap"], "cun": 3}
    st["points"][35]["english"] = "Changed"
    (data_copy / "st.yaml").write_text(yaml.safe_dump(st, allow_unicode=True), encoding="utf-8")
    from acuclinic.atlas.schema import AtlasDataError

    with pytest.raises(
        AtlasDataError, match=r"st\.yaml: ST36: placement: unknown landmark 'knee_cap' on view 'leg_front'"
    ):
        load_atlas(data_copy, stdout=io.StringIO())
    assert Point.objects.get(code="ST36").english == "Leg Three Miles"
