"""Steps the Three Houses browser tests share."""

import io

from PIL import Image

from .conftest import axe_violations
from .steps import click_and_load
from .text_spacing import text_spacing_problems


def canvas_point(page, x_fraction, y_fraction):
    canvas = page.locator("canvas.draw-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    return box["x"] + box["width"] * x_fraction, box["y"] + box["height"] * y_fraction


def start(page, worker_lang="en", child_lang="en"):
    """Start a Three Houses on the worker's start page; the browser lands on the child's three houses."""
    page.goto(f"/{worker_lang}/three-houses/")
    page.fill("#child", "Ola")
    page.fill("#age", "8")
    page.select_option("#child_lang", child_lang)
    page.fill("#worker", "Sam Patel")
    page.click("form[action$='/three-houses/'] button[type=submit]")
    page.wait_for_url(f"**/{child_lang}/three-houses/houses")


def open_house(page, house, child_lang="en"):
    page.goto(f"/{child_lang}/three-houses/houses/{house}")


def choose(page, choice):
    """Tap one of the house's three big choices: "draw", "say" or "pictures"; its part of the page opens."""
    page.click(f"a.choice[href='#{choice}']")


def fill_every_house(page, child_lang):
    """Put words, a picture and a drawing in the houses (the drawing with the mouse)."""
    open_house(page, "worries", child_lang)
    choose(page, "say")
    page.fill("#text", "Shouting at night")
    click_and_load(page, "form[action$='/words'] button")
    choose(page, "pictures")
    click_and_load(page, "#picture-rain")
    open_house(page, "dreams", child_lang)
    choose(page, "draw")
    page.mouse.move(*canvas_point(page, 0.2, 0.2))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 0.8, 0.8))
    page.mouse.up()
    page.click("form[action$='/drawings'] button")
    page.wait_for_url("**/houses/dreams?added=*")


def every_screen(page, worker_lang, child_lang):
    """Visit every screen of the activity in turn; yield a name for each as it is shown."""
    page.goto(f"/{worker_lang}/three-houses/")
    yield "start"
    page.goto(f"/{worker_lang}/three-houses/how-to")
    yield "guide"
    start(page, worker_lang, child_lang)
    yield "houses (empty)"
    fill_every_house(page, child_lang)
    yield "house with a drawing"
    open_house(page, "worries", child_lang)
    page.click("summary")
    yield "house with words, a picture and the worker's prompts"
    choose(page, "say")
    page.fill("#text", "")
    click_and_load(page, "form[action$='/words'] button")
    yield "house with an error"
    for thing_id in ("t1", "t2", "t3"):
        page.goto(f"/{child_lang}/three-houses/things/{thing_id}")
        yield f"change {thing_id}"
    page.goto(f"/{child_lang}/three-houses/houses")
    yield "houses (full)"
    page.goto(f"/{child_lang}/three-houses/feel-safe")
    yield "how safe do you feel at home"
    page.click("#face-4")
    page.wait_for_url("**/feel-safe?saved=*")
    yield "how safe do you feel at home (a face chosen)"
    page.goto(f"/{child_lang}/three-houses/read-back")
    yield "read back"
    page.check("#share-t1-yes")
    click_and_load(page, "form[action$='/read-back'] button[type=submit]")
    yield "read back with errors"
    page.check("#share-t2-no")
    page.check("#share-t3-yes")
    page.click("form[action$='/read-back'] button[type=submit]")
    page.wait_for_url("**/thank-you")
    yield "thank you"
    page.goto(f"/{worker_lang}/three-houses/for-the-worker")
    yield "worker's page"
    click_and_load(page, "form[action$='/delete'] button")
    yield "deleted"
    page.goto(f"/{child_lang}/three-houses/houses")
    yield "nothing open"


def check_every_screen(make_page, worker_lang, child_lang):
    """axe on every screen at full width, and no sideways scroll on a 320px screen (same steps, again); at both,
    nothing lost with a reader's own text spacing (WCAG 1.4.12)."""
    failures = []
    wide = make_page(locale="en-GB")
    for name in every_screen(wide, worker_lang, child_lang):
        wide.wait_for_load_state("load")  # a click that submits a form returns before the new page has loaded
        wide.evaluate("document.fonts.ready.then(() => true)")  # a web font (Arabic) must not shift the page mid-check
        if violations := axe_violations(wide):
            failures.append((name, violations))
        failures += [(name, f"{problem}, text spaced") for problem in text_spacing_problems(wide)]
    narrow = make_page(locale="en-GB", viewport={"width": 320, "height": 640})
    for name in every_screen(narrow, worker_lang, child_lang):
        narrow.wait_for_load_state("load")
        overflow = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            failures.append((name, f"{overflow}px sideways scroll at 320px"))
        failures += [(name, f"{problem} at 320px, text spaced") for problem in text_spacing_problems(narrow)]
    return failures


def colours_drawn(locator):
    """The colours of an element's pixels as the browser draws it (RGB, from a screenshot of it alone)."""
    image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=image.width * image.height)}


def wait_until_drawn(page, selector, rgb, tolerance=3):
    """Wait until ``selector`` shows a pixel of ``rgb``: a picture is drawn from the picture file, which the
    browser fetches after the page. Each try is a new screenshot, of the frame drawn by then (never a wait
    for a time; requestAnimationFrame would never answer on a page with JavaScript off)."""
    for _ in range(PICTURE_TRIES):
        if any(all(abs(c[i] - rgb[i]) <= tolerance for i in range(3)) for c in colours_drawn(page.locator(selector))):
            return True
    return False


PICTURE_TRIES = 100  # at most; the picture file, from the loopback address, is drawn by the first or second try
