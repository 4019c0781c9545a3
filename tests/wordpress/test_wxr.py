"""The WXR reader on the real export, and on files that are broken or hostile."""

import pytest

from acuclinic.wordpress.wxr import Channel, WXRError, read_export

from .conftest import EXPORT, SCIATICA, write_variant


def test_the_real_export_reads_as_items_with_comments_and_the_site_details():
    channel = Channel()
    items = {item.wp_id: item for item in read_export(EXPORT, channel)}
    assert channel.wxr_version == "1.2"
    assert channel.base_site_url == "http://localhost:8083"
    assert channel.authors["meilin"].display_name == "Mei Lin Chen"
    assert {c.name for c in channel.categories.values()} == {"Acupoints", "News", "Uncategorized"}
    sciatica = items[SCIATICA]
    assert (sciatica.post_type, sciatica.status, sciatica.slug) == ("post", "publish", "acupuncture-for-sciatica")
    assert [c.slug for c in sciatica.categories] == ["acupoints"]
    assert "<!-- wp:heading" in sciatica.content
    assert [(c.approved, c.parent) for c in sciatica.comments] == [("1", 0), ("1", 2), ("1", 3), ("0", 0), ("trash", 0)]
    assert {i.post_type for i in items.values()} == {"post", "page", "attachment"}
    assert {i.status for i in items.values()} >= {"publish", "draft", "private", "inherit"}


def test_a_malformed_file_is_refused_with_its_line(tmp_path):
    broken = write_variant(
        tmp_path, "broken.xml", {"<title><![CDATA[Winter opening hours]]></title>": "<title>Winter <b></title>"}
    )
    line = next(n for n, text in enumerate(broken.read_text().splitlines(), 1) if "Winter <b>" in text)
    with pytest.raises(WXRError) as error:
        list(read_export(broken))
    assert error.value.line == line
    assert f"line {line}" in str(error.value) and "not well-formed" in str(error.value)


def test_a_file_cut_short_is_refused(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_bytes(EXPORT.read_bytes()[:20000])
    with pytest.raises(WXRError, match="not well-formed"):
        list(read_export(path))


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>',  # entity expansion
        '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',  # an external entity
        '<!DOCTYPE rss SYSTEM "http://attacker.example/wxr.dtd">',  # an external DTD
    ],
)
def test_entities_and_document_types_are_refused_before_anything_is_read(tmp_path, doctype):
    text = EXPORT.read_text().replace(
        '<?xml version="1.0" encoding="UTF-8" ?>', f'<?xml version="1.0" encoding="UTF-8" ?>\n{doctype}', 1
    )
    text = text.replace(
        "<title>Riverside Acupuncture</title>", "<title>&lol2;</title>" if "lol2" in doctype else "<title>x</title>"
    )
    path = tmp_path / "hostile.xml"
    path.write_text(text)
    with pytest.raises(WXRError, match="refused for safety") as error:
        list(read_export(path))
    assert error.value.line == 2


def test_other_xml_and_other_rss_are_not_taken_for_an_export(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text("<feed><entry/></feed>")
    with pytest.raises(WXRError, match="not a WordPress export"):
        list(read_export(other))
    rss = tmp_path / "rss.xml"
    rss.write_text('<rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>')
    with pytest.raises(WXRError, match="wxr_version"):
        list(read_export(rss))


def test_a_bad_number_names_the_item(tmp_path):
    path = write_variant(tmp_path, "bad-id.xml", {"<wp:post_id>8</wp:post_id>": "<wp:post_id>eight</wp:post_id>"})
    with pytest.raises(WXRError, match=r"Winter opening hours.*not a number"):
        list(read_export(path))
