"""When a language's web font arrives after the first paint (a slow phone), the page must not move as it swaps in:
until then the browser draws the text with the fallback face scripts/build_fonts.py measured (a local font
scaled to the web font's widths, with its ascent and descent). The browser holds the font back until the page
has painted, then lets it through, and the layout shift it causes is read back (CLS, as Lighthouse scores it:
0.1 is its limit of "good")."""

import pytest

from .conftest import save_screenshot

PHONE = {"width": 360, "height": 740}
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}  # the phone Lighthouse's mobile run emulates
GOOD = 0.1
# font-display: swap hides the text for a block period ("extremely small", 100 ms in Chrome), and a font that
# comes within it is drawn at once without a shift. So the font is let through only once the page has shown its
# fallback text: when the browser's own clock is past the block period after the first paint.
SHOWN_WITH_THE_FALLBACK = """() => new Promise(resolve => {
  const check = () => {
    const paint = performance.getEntriesByType('paint')[0];
    if (paint && performance.now() - paint.startTime > 300) { resolve(true); } else { requestAnimationFrame(check); }
  };
  check();
})"""
# Every layout shift of the page so far (buffered), resolved after two frames when there is none.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) { total += entry.value; } })
    .observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


def shift_when_the_font_comes_late(make_page, path, without_fallback=False, viewport=PHONE):
    page = make_page(viewport=viewport)
    held = []
    page.route("**/fonts/*.woff2", lambda route: held.append(route))
    if without_fallback:

        def fallback_left_out(route):
            css = route.fetch().text()
            assert '-fallback",system-ui' in css
            route.fulfill(body=css.replace('-fallback",system-ui', '-unused",system-ui'), content_type="text/css")

        page.route(f"**/fonts/{path.split('/')[1]}.*css", fallback_left_out)
    page.goto(path, wait_until="domcontentloaded")
    page.evaluate(SHOWN_WITH_THE_FALLBACK)
    assert len(held) == 1, f"{path}: the font came before the page was shown"
    code = path.split("/")[1]
    for route in held:
        route.continue_()
    page.evaluate("document.fonts.ready.then(() => true)")
    family = f"familyguide-{code}"
    assert family in page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    if not without_fallback:
        save_screenshot(page, f"font-late-{code}-{path.strip('/').replace('/', '-')}")
    return page.evaluate(LAYOUT_SHIFT)


@pytest.mark.parametrize("path", ["/ar/", "/ar/prepare/", "/ur/", "/ur/prepare/", "/ur/guide/who-will-be-there"])
def test_an_arabic_or_urdu_page_does_not_move_when_its_font_arrives(make_page, path):
    assert shift_when_the_font_comes_late(make_page, path) <= 0.005


@pytest.mark.parametrize("path", ["/bn/", "/bn/guide/who-will-be-there", "/pa/", "/gu/prepare/"])
def test_a_page_in_a_script_the_device_lacks_moves_less_than_good_when_its_font_arrives(make_page, path):
    """Debian's DejaVu Sans has no Bengali, Gurmukhi or Gujarati: until the font comes, the text is missing-glyph
    boxes, which the fallback face scales to the web font's widths on average. Measured on Lighthouse's phone:
    at 360 px the Bengali header's one line is at the edge, and the boxes take it to two (CLS 0.27 there)."""
    assert shift_when_the_font_comes_late(make_page, path, viewport=LIGHTHOUSE_PHONE) < GOOD


@pytest.mark.parametrize("path", ["/ar/prepare/", "/bn/"])
def test_without_the_fallback_face_the_same_pages_move(make_page, path):
    """The measure above is not blind: with the fallback face left out of the language's fonts, they move."""
    shift = shift_when_the_font_comes_late(make_page, path, without_fallback=True, viewport=LIGHTHOUSE_PHONE)
    assert shift > 0.03
