"""A malformed data file fails with the file, the point and the field named."""

import pytest
import yaml

from acuclinic.atlas.schema import DATA_DIR, AtlasDataError, read_all, read_channel_file


@pytest.fixture
def gb_data():
    return yaml.safe_load((DATA_DIR / "gb.yaml").read_text(encoding="utf-8"))


def write(tmp_path, data, name="gb.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_for(tmp_path, data) -> str:
    with pytest.raises(AtlasDataError) as excinfo:
        read_channel_file(write(tmp_path, data))
    return str(excinfo.value)


def test_the_shipped_files_are_valid():
    assert len(read_all()) == 15


def test_a_missing_field_names_file_point_and_field(tmp_path, gb_data):
    del gb_data["points"][29]["location"]
    message = error_for(tmp_path, gb_data)
    assert message.startswith("gb.yaml: GB30: location:")


def test_a_region_outside_the_vocabulary_is_refused(tmp_path, gb_data):
    gb_data["points"][33]["region"] = "lower_leg_outside"
    assert "gb.yaml: GB34: region:" in error_for(tmp_path, gb_data)


def test_pinyin_plain_must_match_the_pinyin(tmp_path, gb_data):
    gb_data["points"][29]["pinyin_plain"] = "huantiaoo"
    message = error_for(tmp_path, gb_data)
    assert "GB30" in message and "pinyin_plain" in message


def test_a_number_that_does_not_match_its_code_is_refused(tmp_path, gb_data):
    gb_data["points"][0]["number"] = 2
    assert "gb.yaml: GB1:" in error_for(tmp_path, gb_data)


def test_a_point_on_the_wrong_channel_or_listed_twice_is_refused(tmp_path, gb_data):
    gb_data["points"].append(dict(gb_data["points"][0]))
    assert "GB1 is listed twice" in error_for(tmp_path, gb_data)


def test_unknown_keys_and_bad_yaml_are_refused(tmp_path, gb_data):
    gb_data["points"][2]["colour"] = "green"
    assert "gb.yaml: GB3: colour:" in error_for(tmp_path, gb_data)
    path = tmp_path / "broken.yaml"
    path.write_text("meridian: [unclosed", encoding="utf-8")
    with pytest.raises(AtlasDataError, match=r"broken\.yaml: not valid YAML"):
        read_channel_file(path)


def test_read_all_reports_every_broken_file(tmp_path, gb_data):
    bad = dict(gb_data, points=gb_data["points"][:3])
    bad["points"][1] = {**bad["points"][1], "hanzi": "abc"}
    write(tmp_path, bad, "one.yaml")
    write(tmp_path, {"meridian": gb_data["meridian"]}, "two.yaml")
    with pytest.raises(AtlasDataError) as excinfo:
        read_all(tmp_path)
    assert "one.yaml: GB2: hanzi:" in str(excinfo.value)
    assert "two.yaml: points:" in str(excinfo.value)
