"""Right-to-left pages mirror; scripts phones often lack render with a font that has their glyphs."""

import base64

import pytest

from .conftest import save_screenshot


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


INK = """async ([png]) => {
    const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));  // a Blob: the page's CSP allows no data: image
    const image = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
    const canvas = document.createElement("canvas");
    canvas.width = image.width; canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) ink += 765 - pixels[i] - pixels[i + 1] - pixels[i + 2];
    return ink;
}"""


def ink_of(page, locator):
    """How much dark the element's own rendering holds (its screenshot, summed in the page's canvas)."""
    png = base64.b64encode(locator.screenshot()).decode("ascii")
    return page.evaluate(INK, [png])


@pytest.mark.parametrize("code", ["ar", "ur", "bn", "pa", "gu"])
def test_headings_in_scripts_phones_often_lack_are_drawn_bold(make_page, code):
    """The subset fonts hold one weight: declared as that weight, so the browser draws bold headings (by
    synthesis) instead of the regular face (a face declared as 100-900 is never made bold)."""
    page = make_page(viewport={"width": 800, "height": 900})
    page.goto(f"/{code}/guide/who-will-be-there")
    page.evaluate("document.fonts.ready.then(() => true)")
    heading = page.locator("main h1").first
    assert heading.evaluate("e => getComputedStyle(e).fontFamily").startswith(f"familyguide-{code}")
    assert page.evaluate(
        f"document.fonts.check('700 32px \"familyguide-{code}\"', document.querySelector('h1').textContent)"
    )
    heading.evaluate(
        """h => { const twin = h.cloneNode(true); twin.id = "regular-twin"; twin.style.fontWeight = "400";
                  h.after(twin); }"""
    )
    bold, regular = ink_of(page, heading), ink_of(page, page.locator("#regular-twin"))
    save_screenshot(page, f"bold-heading-{code}")
    assert bold > 1.15 * regular, f"{code}: the heading is no darker than regular text ({bold} vs {regular})"
