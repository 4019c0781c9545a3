"""Gutenberg blocks and classic HTML become content parts; hostile markup comes out harmless."""

from acuclinic.wordpress.blocks import lay_out
from acuclinic.wordpress.gutenberg import clean_html, convert
from acuclinic.wordpress.wxr import read_export

from .conftest import ABOUT, EXPORT, WINTER


def _item(wp_id):
    return next(i for i in read_export(EXPORT) if i.wp_id == wp_id)


def test_the_block_page_gives_every_kind_of_part():
    parts = convert(_item(ABOUT).content).parts
    assert [p.kind for p in parts] == ["heading", "paragraph", "list", "quote", "image", "buttons", "heading",
                                       "table", "file", "embed", "faq", "unknown"]  # fmt: skip
    by_kind = {p.kind: p.value for p in parts}
    assert by_kind["quote"] == {
        "quote": "The team explained every step before they started.",
        "attribution": "A patient, 2023",
    }
    assert by_kind["image"]["wp_id"] == 5 and by_kind["image"]["caption"] == "Our quieter treatment room"
    assert by_kind["buttons"] == {"buttons": [{"text": "Book Online", "url": "/book/"}]}
    assert by_kind["table"]["rows"][0] == ["Visit", "Length", "Fee"] and by_kind["table"]["header"]
    assert by_kind["embed"]["url"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert [q["question"] for q in by_kind["faq"]["questions"]] == [
        "Do I need a referral?",
        "How long is a first visit?",
    ]
    assert by_kind["unknown"]["name"] == "details"


def test_classic_html_and_its_question_headings_become_text_image_quote_and_faq():
    parts = convert(_item(WINTER).content).parts
    assert [p.kind for p in parts][:4] == ["paragraph", "list", "image", "quote"]
    layout = lay_out(parts, image_for=lambda ref: None, document_for=lambda ref: None)
    faq = [value for kind, value in layout.blocks if kind == "faq"]
    assert [q["question"] for q in faq[0]["questions"]] == [
        "Will my Monday appointment move?",
        "Can I still book online?",
    ]
    assert "we will call you" in faq[0]["questions"][0]["answer"]
    assert layout.missing == ["http://localhost:8083/wp-content/uploads/2023/06/treatment-room.png"]


HOSTILE = """
<!-- wp:paragraph --><p onclick="steal()">Hello <a href="javascript:alert(1)">click</a> and
<a href=" JaVaScRiPt:alert(2)">again</a> <img src=x onerror="alert(3)"> <b onmouseover="x()">bold</b></p><!-- /wp:paragraph -->
<!-- wp:html --><script>document.cookie</script><style>body{}</style><iframe src="https://evil.example/"></iframe>
<div onload="x()"><svg onload="alert(4)"><a xlink:href="javascript:alert(5)">svg</a></svg>Kept words</div><!-- /wp:html -->
<!-- wp:heading --><h2>Title<script>alert(6)</script></h2><!-- /wp:heading -->
<!-- wp:list --><ul><li><a href="data:text/html,<script>alert(7)</script>">data</a></li></ul><!-- /wp:list -->
"""


def test_hostile_markup_keeps_its_words_and_loses_every_script_handler_and_javascript_link():
    conversion = convert(HOSTILE)
    html = " ".join(str(p.value) for p in conversion.parts).lower()
    for bad in (
        "script",
        "onclick",
        "onerror",
        "onmouseover",
        "onload",
        "javascript:",
        "iframe",
        "svg",
        "style",
        "data:text",
    ):
        assert bad not in html, bad
    assert "hello" in html and "kept words" in html and "bold" in html
    assert {"script", "style", "iframe", "svg"} <= set(conversion.removed)


def test_clean_html_allows_only_plain_text_structure():
    assert (
        clean_html('<p class="x" style="color:red">a <strong>b</strong> <em>c</em> <span>d</span></p>')
        == "<p>a <b>b</b> <i>c</i> d</p>"
    )
    assert (
        clean_html('<a href="https://ok.example/" target="_blank" rel="x">ok</a>')
        == '<a href="https://ok.example/">ok</a>'
    )
    assert clean_html('<a href="vbscript:x">no</a>') == "no"


def test_shortcodes_are_named_for_the_report():
    assert convert('<p>[contact-form-7 id="1"] and [gallery ids="1,2"]</p>').shortcodes == ["contact-form-7", "gallery"]
