"""A bad placement fails loading with the file, the point and the term named."""

import shutil

import pytest
import yaml

from acuclinic.atlas.figures.positions import build_atlas
from acuclinic.atlas.figures.views import VIEWS_DIR, FigureDataError, Ruler
from acuclinic.atlas.schema import DATA_DIR, AtlasDataError, read_channel_file


@pytest.fixture
def data_dir(tmp_path):
    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(data_dir, name, code, placement):
    path = data_dir / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    point = next(p for p in data["points"] if p["code"] == code)
    if placement is None:
        del point["placement"]
    else:
        point["placement"] = placement
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def resolve_error(data_dir) -> str:
    with pytest.raises(FigureDataError) as excinfo:
        build_atlas(data_dir, VIEWS_DIR)
    return str(excinfo.value)


def test_the_shipped_placements_resolve():
    assert len(build_atlas().positions) == 409


def test_an_unknown_landmark_names_file_point_term_and_view(data_dir):
    edit(data_dir, "gb.yaml", "GB30", {"between": ["trochantr", "sacral_hiatus"], "t": 0.333})
    message = resolve_error(data_dir)
    assert "gb.yaml: GB30: placement: unknown landmark 'trochantr' on view 'trunk_back'" in message


def test_an_unknown_point_is_named(data_dir):
    edit(data_dir, "st.yaml", "ST36", {"along": ["ST35", "ST99"], "cun": 3})
    assert "st.yaml: ST36: placement: unknown point 'ST99' on view 'leg_front'" in resolve_error(data_dir)


def test_a_point_on_another_view_is_refused_where_its_landmarks_are_missing(data_dir):
    edit(data_dir, "st.yaml", "ST36", {"along": ["ST35", "LU9"], "cun": 3})
    message = resolve_error(data_dir)
    assert "ST36" in message or "LU9" in message
    assert "unknown landmark 'wrist_crease_radial' on view 'leg_front'" in message


def test_a_cycle_is_refused_with_its_chain(data_dir):
    edit(data_dir, "st.yaml", "ST35", {"from": "ST36", "up": 3})
    message = resolve_error(data_dir)
    assert "st.yaml: ST35: placement: cycle ST35 -> ST36 -> ST35" in message


def test_an_unknown_view_is_named(data_dir):
    edit(data_dir, "ki.yaml", "KI3", {"view": "ankle_inner", "at": "medial_malleolus"})
    assert "ki.yaml: KI3: placement: no view 'ankle_inner'" in resolve_error(data_dir)


@pytest.mark.parametrize(
    ("placement", "words"),
    [
        ({"at": "umbilicus", "between": ["umbilicus", "pubic_symphysis"]}, "needs exactly one of"),
        ({"down": 3}, "needs exactly one of"),
        ({"along": ["ST35", "ST41"]}, "along needs cun"),
        ({"from": "umbilicus", "up": 1, "down": 2}, "opposite offsets"),
        ({"from": "umbilicus", "down": -3}, "placement.down"),
        ({"between": ["a", "b"], "t": 1.5}, "placement.t"),
        ({"from": "umbilicus", "sideways": 2}, "placement.sideways"),
        ({"level": "ics4"}, "level needs x_of"),
    ],
)
def test_a_malformed_expression_is_a_schema_error(data_dir, placement, words):
    path = edit(data_dir, "cv.yaml", "CV4", placement)
    with pytest.raises(AtlasDataError) as excinfo:
        read_channel_file(path)
    assert str(excinfo.value).startswith("cv.yaml: CV4: placement")
    assert words in str(excinfo.value)


def test_every_point_but_ashi_needs_a_placement(data_dir):
    path = edit(data_dir, "cv.yaml", "CV4", None)
    with pytest.raises(AtlasDataError, match=r"cv.yaml: CV4: .*placement: every point but Ashi needs one"):
        read_channel_file(path)


def test_ashi_has_no_placement(data_dir):
    path = edit(data_dir, "extra.yaml", "Ashi", {"at": "umbilicus"})
    with pytest.raises(AtlasDataError, match="Ashi has no fixed place"):
        read_channel_file(path)


def test_a_ruler_is_piecewise_linear_across_segments():
    ruler = Ruler([(100, 0), (280, 9), (440, 17)])
    assert ruler.to_cun(190) == pytest.approx(4.5)
    assert ruler.to_px(13) == pytest.approx(360)
    assert ruler.units_per_cun(300) == pytest.approx(20)
    assert ruler.to_cun(ruler.to_px(21)) == pytest.approx(21)  # beyond the last segment it extends


def test_a_ruler_refuses_landmarks_out_of_order():
    with pytest.raises(FigureDataError):
        Ruler([(100, 0), (100, 9)])
