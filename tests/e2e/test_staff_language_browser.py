"""The staff area in Welsh in a real browser: a worker chooses Cymraeg on their account page by keyboard alone,
and the account page, their conferences, a new conference's form and its problems come in Welsh, with axe
finding no WCAG 2.2 A/AA violation, nothing scrolling sideways at 320 px; a browser that asks for Welsh gets
the sign-in page in Welsh. Screenshots in build/screenshots/staff-cy-*.png."""

from familyguide.staff import accounts

from .conftest import Checked
from .staff_steps import set_up_by_keyboard
from .steps import press_and_load, tab_to_next


def test_a_worker_chooses_welsh_by_keyboard_and_works_in_welsh(make_page, live_server, outside_requests):
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("gweithiwr.e2e@council.gov.uk", "worker", "Gogledd", create_team=True))
    check = Checked("staff-cy")
    worker = make_page(locale="en-GB")
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "cy")

    tab_to_next(worker, "#language-en")  # Tab reaches a group of radios at the one chosen
    worker.keyboard.press("ArrowDown")  # and the arrow moves the choice
    tab_to_next(worker, "form[action$='/staff/language'] button[type=submit]")
    press_and_load(worker, "Enter")
    assert worker.get_attribute("html", "lang") == "cy"
    assert worker.inner_text("h1") == "Eich cyfrif"
    assert "Dydy cyfieithydd cymwys ddim wedi gwirio" in worker.inner_text("main")
    assert worker.is_checked("#language-cy")
    check(worker, "home")

    tab_to_next(worker, "nav a[href$='/staff/conferences']")
    press_and_load(worker, "Enter")
    check(worker, "conferences")
    tab_to_next(worker, "main a[href$='/conferences/new']")
    press_and_load(worker, "Enter")
    check(worker, "new-conference")
    tab_to_next(worker, "button[type=submit]")
    press_and_load(worker, "Enter")  # nothing filled in: the problems, in Welsh
    summary = worker.inner_text(".error-summary")
    assert "Mae problem" in summary and "There is a problem" not in summary
    check(worker, "new-conference-problems")

    visitor = make_page(locale="cy")
    visitor.goto("/staff/sign-in")
    assert visitor.get_attribute("html", "lang") == "cy" and visitor.inner_text("h1") == "Mewngofnodi"
    check(visitor, "sign-in")

    assert check.failures == []
    assert outside_requests == []
