from hypothesis import given
from hypothesis import strategies as st

from familyguide import markdown


def url(term):
    return f"/en/guide/words#{term}"


def test_raw_html_is_escaped():
    html = markdown.render("Hello <script>alert(1)</script> <b>there</b>", url)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html


def test_h1_becomes_h2_because_the_template_owns_the_h1():
    assert markdown.render("# Title", url).strip() == '<h2 id="section-1">Title</h2>'


def test_glossary_links_and_anchors():
    html = markdown.render("Meet your [core group](glossary:core-group).\n\n## Core group {#core-group}\n", url)
    assert '<a href="/en/guide/words#core-group" class="term">core group</a>' in html
    assert '<h2 id="core-group">Core group</h2>' in html
    assert markdown.glossary_links("[a](glossary:x) and [b](glossary:y)") == ["x", "y"]


def test_javascript_links_are_refused():
    assert 'href="javascript' not in markdown.render("[click](javascript:alert(1))", url)


def test_plain_text_blocks():
    assert markdown.plain_text_blocks("## Who\n\n- The **chair**\n- A [note taker](glossary:x)") == [
        "Who",
        "The chair",
        "A note taker",
    ]


def test_right_to_left_pages_isolate_phone_numbers_and_english_terms():
    html = markdown.render("اتصل على 0808 801 0366 (core group).", url, isolate_ltr=True)
    assert '<bdi dir="ltr">0808 801 0366</bdi>' in html
    assert '(<bdi dir="ltr" lang="en">core group</bdi>)' in html
    assert "<bdi" not in markdown.render("Call 0808 801 0366.", url)


def test_a_name_with_joining_marks_is_one_isolate_so_it_is_never_shown_in_reverse():
    html = markdown.render("الاسم: staff_pre. اكتب إلى dpo@example.org.uk أو www.example.org.uk/privacy", url, True)
    for name in ("staff_pre", "dpo@example.org.uk", "www.example.org.uk/privacy"):
        assert f'<bdi dir="ltr" lang="en">{name}</bdi>' in html


def test_a_path_keeps_its_leading_slash_inside_its_isolate():
    html = markdown.render("تُرسل فقط إلى /staff و (/staff/sign-in) وليس a/b", url, True)
    for name in ("/staff", "/staff/sign-in", "a/b"):
        assert f'<bdi dir="ltr" lang="en">{name}</bdi>' in html


def test_isolation_never_breaks_escaped_characters():
    html = markdown.render('"اس سائٹ سے نکلیں" & What\'s working well? <b>', url, isolate_ltr=True)
    assert "&#34;اس سائٹ سے نکلیں&#34; &amp; " in html
    assert '<bdi dir="ltr" lang="en">What&#39;s working well</bdi>?' in html
    assert '&lt;<bdi dir="ltr" lang="en">b</bdi>&gt;' in html


def test_every_section_gets_an_anchor_and_a_set_anchor_is_kept():
    source = "## First\n\ntext\n\n### A part\n\n## Second {#second}\n\n# Third *bold*\n"
    assert markdown.sections(source) == [("section-1", "First"), ("second", "Second"), ("section-3", "Third bold")]
    assert markdown.sections("## <b>Step 1</b>", isolate_ltr=True) == [
        (
            "section-1",
            '&lt;<bdi dir="ltr" lang="en">b</bdi>&gt;<bdi dir="ltr" lang="en">Step 1</bdi>'
            '&lt;/<bdi dir="ltr" lang="en">b</bdi>&gt;',
        )
    ]
    html = markdown.render(source, url)
    assert '<h2 id="section-1">' in html and '<h2 id="second">' in html and '<h2 id="section-3">' in html


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs"]), min_size=1)
        .map(str.strip)
        .filter(lambda t: t and "\n" not in t and "\r" not in t),
        min_size=1,
        max_size=8,
    )
)
def test_each_section_anchor_is_an_id_the_page_has(titles):
    source = "".join(f"## {title}\n\nSome words.\n\n" for title in titles)
    html = markdown.render(source, url)
    found = markdown.sections(source)
    anchors = [anchor for anchor, _ in found]
    assert len(set(anchors)) == len(anchors)
    for anchor in anchors:
        assert html.count(f'id="{anchor}"') == 1
