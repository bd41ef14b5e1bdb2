"""Two pages where a parent decides something that cannot be undone, done by keyboard alone, with and without
JavaScript, on a phone (360 px wide) in English and Arabic (right to left):

- "You already have answers on this device": a parent who wrote answers before her letter came types the
  letter's code, and chooses whether to use them for the letter (her words are never shown on the page);
- "Delete your answers": the check page's link, then "Yes, delete my answers".

Each page is checked with axe (without JavaScript too: the page's scripts are switched off as
WithoutJavaScript in conftest.py says), for nothing wider than the screen, and saved as
build/screenshots/choice-*.png (and as it looks 320 px wide and on a tablet held sideways)."""

from datetime import timedelta

import pytest

from familyguide import clock, invitations
from familyguide.staff import accounts, audit

from .conftest import Checked, WithoutJavaScript
from .steps import press_and_load, tab_to

PHONE = {"width": 360, "height": 740}
WORDS = {"en": "I walk the children to school every morning.", "ar": "أوصل الأطفال إلى المدرسة كل صباح."}


def letter_code(app, lang, name):
    """A parent's invitation in ``lang`` on a new conference record, made as a worker's pages make it; its
    code, as the letter prints it."""
    email = f"worker.{name}@council.gov.uk"
    with app.test_request_context("/"):
        accounts.add(email, "worker", team_name=f"Team {name}", create_team=True)
        worker = accounts.find_by_email(email)

        def audited(action, record_id, session, target=None):
            audit.record(action, worker, target, record_id, session)

        day = clock.today() + timedelta(days=7)
        record_id = invitations.create_record(worker, f"Case {name}", day, "first", audited)
        record = invitations.record_for(worker, record_id)
        invitation_id = invitations.add_invitation(record, "parent", lang, audit=audited)
        return invitations.new_code(record, invitation_id, audited).code


def phone(make_page, lang, javascript):
    """A phone's browser in ``lang``, with or without JavaScript, and how axe checks its pages without it
    (None with JavaScript: Checked runs axe itself)."""
    page = make_page(locale="en-GB" if lang == "en" else lang, viewport=PHONE)
    return page, None if javascript else WithoutJavaScript(page).axe_violations


def checked(check, page, name, javascript, axe):
    page.wait_for_load_state("load")
    # "Or press Shift 3 times" only where pressing Shift works: the quick exit's keys need site.js.
    assert page.locator(".exit-hint").is_visible() == javascript, name
    check(page, name, javascript, axe)


def answers_written_alone(page, lang, javascript):
    """Start the chat without a letter and answer its first two questions, by keyboard."""
    page.goto(f"/{lang}/prepare/")
    # The visit's first page has the note about leaving quickly; its Shift sentence only where Shift works.
    assert page.locator(".exit-note .exit-shift-note").count() == 1
    assert page.locator(".exit-note .exit-shift-note").is_visible() == javascript
    tab_to(page, "form[action$='/start'] button.button")
    press_and_load(page, "Enter")
    tab_to(page, "#choice-first")
    press_and_load(page, "Enter")
    page.wait_for_selector("#answer")
    tab_to(page, "#answer")
    page.keyboard.type(WORDS[lang])
    tab_to(page, "button[name='action'][value='answer']")
    press_and_load(page, "Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_parent_keeps_her_own_answers_for_the_letter_by_keyboard(
    make_page, live_server, lang, javascript, outside_requests
):
    name = f"keep-{lang}-{'js' if javascript else 'nojs'}"
    code = letter_code(live_server.app.flask_app, lang, name)
    page, axe = phone(make_page, lang, javascript)
    check = Checked("choice")
    answers_written_alone(page, lang, javascript)

    page.goto(f"/{lang}/prepare/")
    tab_to(page, "#invite-code")
    page.keyboard.type(code)
    tab_to(page, "form[action$='/invite'] button")
    press_and_load(page, "Enter")
    assert page.url.endswith(f"/{lang}/prepare/invite-answers")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    assert WORDS[lang] not in page.content()  # asked without showing her words
    checked(check, page, f"{name}-asked", javascript, axe)

    tab_to(page, "button[value='keep']")
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.inner_text(f"#{described}")  # the button says what it does to a screen reader
    press_and_load(page, "Enter")
    page.goto(f"/{lang}/prepare/check-your-answers")
    assert WORDS[lang] in page.inner_text("main")
    assert page.locator("a[href$='/prepare/send']").count() == 1  # now she can send them to her worker
    checked(check, page, f"{name}-kept", javascript, axe)
    assert check.failures == []
    assert outside_requests == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_parent_deletes_her_answers_by_keyboard(make_page, lang, javascript, outside_requests):
    name = f"delete-{lang}-{'js' if javascript else 'nojs'}"
    page, axe = phone(make_page, lang, javascript)
    check = Checked("choice")
    answers_written_alone(page, lang, javascript)
    page.goto(f"/{lang}/prepare/check-your-answers")
    tab_to(page, "a[href$='/prepare/delete']")
    press_and_load(page, "Enter")
    checked(check, page, f"{name}-confirm", javascript, axe)

    tab_to(page, "a[href*='/prepare/chat']")  # "No, go back" first: nothing is deleted
    press_and_load(page, "Enter")
    page.goto(f"/{lang}/prepare/check-your-answers")
    assert WORDS[lang] in page.inner_text("main")

    tab_to(page, "a[href$='/prepare/delete']")
    press_and_load(page, "Enter")
    tab_to(page, "form[action$='/prepare/delete'] button")
    press_and_load(page, "Enter")
    checked(check, page, f"{name}-done", javascript, axe)
    page.goto(f"/{lang}/prepare/check-your-answers")
    assert WORDS[lang] not in page.content()
    assert check.failures == []
    assert outside_requests == []
