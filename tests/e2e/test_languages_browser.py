"""Right-to-left pages mirror; scripts phones often lack render with a font that has their glyphs."""

import pytest


def box(page, selector):
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, width: innerWidth}; }",
    )


def text_start(page, selector):
    """Where the first line of an element's text starts, from a range over its first character."""
    return page.eval_on_selector(
        selector,
        """e => {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode(); while (node && !node.textContent.trim()) node = walker.nextNode();
        const range = document.createRange(); const i = node.textContent.search(/\\S/);
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect(), c = e.getBoundingClientRect();
        return {fromLeft: r.left - c.left, fromRight: c.right - r.right};
    }""",
    )


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_right_to_left_pages_mirror(make_page, code):
    page = make_page(viewport={"width": 800, "height": 900})
    page.goto(f"/{code}/guide/who-will-be-there")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    start = text_start(page, "main p")
    assert start["fromRight"] < 5 < start["fromLeft"]  # the text starts on the right
    exit_button = box(page, "#exit-this-page")
    assert exit_button["right"] < exit_button["width"] / 2  # mirrored: the exit sits at the inline end (left)


def test_left_to_right_pages_keep_the_exit_on_the_right(make_page):
    page = make_page(viewport={"width": 800, "height": 900})
    page.goto("/pl/guide/who-will-be-there")
    start = text_start(page, "main p")
    assert start["fromLeft"] < 5 < start["fromRight"]
    exit_button = box(page, "#exit-this-page")
    assert exit_button["left"] > exit_button["width"] / 2


@pytest.mark.parametrize("code", ["ur", "bn", "gu", "pa"])
def test_scripts_render_with_a_font_that_has_their_glyphs(make_page, code):
    page = make_page()
    page.goto(f"/{code}/guide/what-is-a-conference")
    page.evaluate("document.fonts.ready")
    family = f"familyguide-{code}"
    loaded = page.evaluate(
        "fam => [...document.fonts].filter(f => f.family.replace(/\"/g, '') === fam).map(f => f.status)", family
    )
    assert loaded == ["loaded"]
    heading = page.inner_text("h1")
    # document.fonts.check is true only when every character of the text is in a loaded font of the family.
    assert page.evaluate('([fam, text]) => document.fonts.check(`16px "${fam}"`, text)', [family, heading])
    computed = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert computed.replace('"', "").startswith(family)
