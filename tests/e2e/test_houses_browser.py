"""The Three Houses in a real browser: drawing with a mouse and with touch, the tap-to-place pictures
without JavaScript, keyboard-only completion, and axe plus a 320px screen on every screen."""

import pytest
from sqlalchemy.exc import OperationalError

from familyguide import invitations
from familyguide.houses import child_views, store
from familyguide.houses.drawings import DrawingRejected

from .conftest import Checked, save_screenshot, wait_until_enhanced
from .houses_steps import (
    canvas_point,
    check_every_screen,
    choose,
    every_screen,
    open_house,
    start,
    wait_until_drawn,
)
from .steps import click_and_load, tab_to_next


def inked_pixels_of_last_drawing(page):
    """How many pixels of the newest saved drawing are not white (the stroke that was drawn)."""
    page.wait_for_function("() => [...document.querySelectorAll('img.thing-drawing')].every(i => i.complete)")
    return page.evaluate("""() => {
        const images = document.querySelectorAll('img.thing-drawing');
        const image = images[images.length - 1];
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) { if (data[i] + data[i + 1] + data[i + 2] < 600) { inked++; } }
        return inked;
    }""")


def test_a_stroke_drawn_with_the_mouse_becomes_a_thing(page, outside_requests):
    start(page)
    open_house(page, "dreams")
    choose(page, "draw")
    assert page.is_visible("canvas.draw-canvas")
    page.click("button[data-colour='#d4351c']")
    page.mouse.move(*canvas_point(page, 0.2, 0.2))
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(*canvas_point(page, 0.2 + step * 0.06, 0.2 + step * 0.05))
    page.mouse.up()
    page.click("text=Add my drawing")
    page.wait_for_url("**/houses/dreams?added=*")
    assert page.locator(".things img.thing-drawing").count() == 1
    assert inked_pixels_of_last_drawing(page) > 500
    assert outside_requests == []


def touch(cdp, kind, points):
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]})


def test_a_stroke_drawn_with_a_finger_becomes_a_thing(make_page, outside_requests):
    page = make_page(has_touch=True, viewport={"width": 800, "height": 1000}, locale="en-GB")
    start(page)
    open_house(page, "worries")
    choose(page, "draw")
    page.locator("canvas.draw-canvas").scroll_into_view_if_needed()
    cdp = page.context.new_cdp_session(page)
    touch(cdp, "touchStart", [canvas_point(page, 0.3, 0.7)])
    for step in range(1, 11):
        touch(cdp, "touchMove", [canvas_point(page, 0.3 + step * 0.04, 0.7 - step * 0.05)])
    touch(cdp, "touchEnd", [])
    page.click("text=Add my drawing")
    page.wait_for_url("**/houses/worries?added=*")
    assert page.locator(".things img.thing-drawing").count() == 1
    assert inked_pixels_of_last_drawing(page) > 500
    assert outside_requests == []


def inked_pixels_on_the_pad(page):
    """How many pixels of the drawing pad are not white: what the child has drawn and not yet saved."""
    return page.evaluate(
        """() => {
        const canvas = document.querySelector('canvas.draw-canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) { if (data[i] < 200 || data[i + 1] < 200) { inked += 1; } }
        return inked;
    }"""
    )


def a_stroke_on_the_pad(page, house):
    """A new Three Houses, ``house`` open at its drawing pad, one stroke drawn and not sent: how many pixels it
    inked."""
    start(page)
    open_house(page, house)
    choose(page, "draw")
    page.mouse.move(*canvas_point(page, 0.2, 0.3))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 0.8, 0.6))
    page.mouse.up()
    inked = inked_pixels_on_the_pad(page)
    assert inked > 500
    return inked


def the_notice_after_sending(page):
    """Send the drawing on the pad; the lines of the notice that says it was not saved."""
    page.click("text=Add my drawing")
    notice = page.locator("[data-draw-not-saved]")
    notice.wait_for(state="visible")
    return [line for line in notice.inner_text().split("\n") if line]


def database_away(activity):
    raise OperationalError("UPDATE drafts", {}, Exception("database is locked"))


def opened_on_another_device(activity):
    raise invitations.HeldElsewhere


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (
            database_away,
            [
                "Sorry, we could not save your answer",
                "Something went wrong on our side. Please wait a minute, then go back and send it again.",
            ],
        ),
        (
            opened_on_another_device,
            [
                "This Three Houses is open on another device now",
                "Someone opened it on another device after this one. It can be changed on one device at a time. So it "
                "cannot be changed here any more.",
            ],
        ),
    ],
    ids=["database away", "opened on another device"],
)
def test_a_drawing_the_site_cannot_save_stays_on_the_pad_with_the_reason(
    page, monkeypatch, outside_requests, failure, reason
):
    """The database away for a moment, or the Three Houses opened on another device, when the drawing is sent:
    the child's drawing stays on the pad and the site's own message says why. Once the database is back,
    sending it again saves it, landing on the house's things as the redirect says."""
    check = Checked(f"houses-drawing-not-saved-{failure.__name__}")
    inked = a_stroke_on_the_pad(page, "dreams")
    saving = store.save
    monkeypatch.setattr(store, "save", failure)
    house_url = page.url
    assert the_notice_after_sending(page) == ["Your drawing was not saved.", *reason, "Your drawing is still here."]
    assert page.evaluate("document.activeElement.hasAttribute('data-draw-not-saved')")
    assert page.url == house_url
    assert inked_pixels_on_the_pad(page) == inked  # nothing of the drawing lost
    assert page.locator(".things img.thing-drawing").count() == 0
    check(page, "notice")
    assert check.failures == []
    assert outside_requests == []
    if failure is database_away:
        monkeypatch.setattr(store, "save", saving)
        page.click("text=Add my drawing")
        page.wait_for_url("**/houses/dreams?added=*#things")
        assert page.locator(".things img.thing-drawing").count() == 1
        assert inked_pixels_of_last_drawing(page) > 500


def test_a_drawing_the_site_refuses_stays_on_the_pad_with_the_page_s_problem(page, monkeypatch, outside_requests):
    """A drawing refused (here: the site found it broken): the reason is the problem the house page lists."""
    inked = a_stroke_on_the_pad(page, "dreams")

    def broken():
        raise DrawingRejected("broken")

    monkeypatch.setattr(child_views, "read_drawing", broken)
    assert the_notice_after_sending(page) == [
        "Your drawing was not saved.",
        "This drawing is broken. Please draw it again.",
        "Your drawing is still here.",
    ]
    assert inked_pixels_on_the_pad(page) == inked
    assert outside_requests == []


def test_a_drawing_sent_while_the_connection_is_down_stays_on_the_pad(page, outside_requests):
    """No answer at all (the tablet's connection dropped): the drawing stays, with no reason to give but that it
    was not saved; once the connection is back, sending it again saves it."""
    inked = a_stroke_on_the_pad(page, "worries")
    page.context.set_offline(True)
    assert the_notice_after_sending(page) == ["Your drawing was not saved.", "Your drawing is still here."]
    assert inked_pixels_on_the_pad(page) == inked
    page.context.set_offline(False)
    page.click("text=Add my drawing")
    page.wait_for_url("**/houses/worries?added=*#things")
    assert page.locator(".things img.thing-drawing").count() == 1
    assert outside_requests == []


def test_an_empty_canvas_is_not_sent(page):
    start(page)
    open_house(page, "dreams")
    choose(page, "draw")
    page.click("text=Add my drawing")
    assert page.is_visible("text=Draw something first.")
    assert "added=" not in page.url
    assert page.locator(".things img").count() == 0


def test_undo_and_clear_take_strokes_back(page):
    start(page)
    open_house(page, "dreams")
    choose(page, "draw")
    page.mouse.move(*canvas_point(page, 0.1, 0.5))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 0.9, 0.5))
    page.mouse.up()
    page.click("[data-undo]")
    page.click("text=Add my drawing")
    assert page.is_visible("text=Draw something first.")


def test_tap_to_place_pictures_work_without_javascript(make_page, outside_requests):
    page = make_page(java_script_enabled=False, locale="en-GB")
    start(page)
    open_house(page, "good-things")
    assert not page.is_visible("canvas.draw-canvas")  # drawing needs JavaScript; pictures and words do not
    assert not page.is_visible("a.choice[href='#draw']")
    choose(page, "pictures")
    page.click("#picture-sun")
    page.wait_for_url("**/houses/good-things?added=*")
    assert page.locator(".things .thing-kind-picture").count() == 1
    assert "Sun" in page.inner_text("#things")
    click_and_load(page, "text=Change or take out")
    click_and_load(page, "#picture-dog")
    assert "Dog" in page.inner_text("#things") and "Sun" not in page.inner_text("#things")
    assert outside_requests == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_whole_three_houses_by_keyboard_alone_with_words(make_page, javascript, outside_requests):
    page = make_page(java_script_enabled=javascript, locale="en-GB")
    page.goto("/en/three-houses/")
    tab_to_next(page, "#age")
    page.keyboard.type("8")
    tab_to_next(page, "#worker")
    page.keyboard.type("Sam Patel")
    tab_to_next(page, "form[action$='/three-houses/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/three-houses/houses")

    tab_to_next(page, "a[href$='/houses/worries']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/houses/worries")
    tab_to_next(page, "a.choice[href='#say']")
    page.keyboard.press("Enter")
    tab_to_next(page, "#text")
    page.keyboard.type("Tata krzyczy")
    tab_to_next(page, "form[action$='/words'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/houses/worries?added=*")
    assert "Tata krzyczy" in page.inner_text("#things")
    assert "Written by me" in page.inner_text("#things")

    tab_to_next(page, "a[href$='/read-back']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/read-back")
    tab_to_next(page, "#share-t1-yes")
    page.keyboard.press("Space")
    tab_to_next(page, "form[action$='/read-back'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thank-you")
    tab_to_next(page, "a[href$='/for-the-worker']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/for-the-worker")
    assert "House of Worries: 1 thing" in page.inner_text("main")
    assert "Everything in the houses will be in the PDF." in page.inner_text("main")
    assert outside_requests == []


def test_every_screen_passes_axe_and_fits_320px_in_english(make_page, outside_requests):
    assert check_every_screen(make_page, "en", "en") == []
    assert outside_requests == []


SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main summary, main select, main textarea, main input:not([type=hidden])')]
  .filter(target => target.checkVisibility())
  .map(target => [target, target.closest('.radio, .checkbox') || target])
  .map(([target, box]) => [target, box.getBoundingClientRect()])
  .filter(([, r]) => r.width < 44 || r.height < 44)
  .map(([t, r]) => `${t.tagName}${t.id ? '#' + t.id : ''} "${(t.innerText || '').trim().slice(0, 30)}" `
                   + `${Math.round(r.width)}x${Math.round(r.height)}`)"""


@pytest.mark.parametrize("width", [1024, 320])
def test_every_touch_target_on_the_childs_screens_is_at_least_44px(make_page, width):
    page = make_page(locale="en-GB", viewport={"width": width, "height": 768}, has_touch=True)
    small = {}
    for name in every_screen(page, "en", "en"):
        page.wait_for_load_state("load")
        if found := page.evaluate(SMALL_TARGETS):
            small[name] = found
    assert small == {}, "\n".join(f"{name}: {found}" for name, found in small.items())


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_pictures_are_drawn_from_the_picture_file_under_the_sites_csp(make_page, javascript, outside_requests):
    """Every sticker, house, face and icon is a <use> of one static file: the browser must draw them under
    the site's Content-Security-Policy (the read-aloud button's loudspeaker: test_read_aloud_browser.py)."""
    page = make_page(java_script_enabled=javascript, locale="en-GB")
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content" in message.text else None)
    start(page)
    assert wait_until_drawn(page, "a[href$='/houses/dreams'] svg", (0x4C, 0x2C, 0x92))  # the purple roof
    assert wait_until_drawn(page, "a[href$='/feel-safe'] svg", (0xFF, 0xE6, 0x80))  # the face in between
    open_house(page, "good-things")
    choose(page, "pictures")
    assert wait_until_drawn(page, "#picture-sun svg", (0xFF, 0xBF, 0x00))
    assert wait_until_drawn(page, "#picture-dog svg", (0xB0, 0x7A, 0x4A))
    assert wait_until_drawn(page, "a.choice[href='#say'] svg", (0x1D, 0x70, 0xB8))  # the speech bubble's lines
    if javascript:  # the drawing pad's colours (the pad needs JavaScript)
        wait_until_enhanced(page, "houses")
        choose(page, "draw")
        assert wait_until_drawn(page, "button.colour[data-colour='#00703c'] svg", (0x00, 0x70, 0x3C))
    save_screenshot(page, f"houses-pictures-{'javascript' if javascript else 'no-javascript'}")
    assert violations == [] and outside_requests == []
