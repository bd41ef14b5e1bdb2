"""The preparation chat through the test client, in English: the whole journey a parent takes."""

import re
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy.exc import OperationalError

from familyguide import db, resume_codes, storage
from familyguide.prepare import drafts

from .conftest import CheckedClient
from .support.pagecheck import text_of
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything, csrf_token


@pytest.fixture
def time(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def parent(client, time):
    return Parent(client)


def test_the_tool_is_on_the_front_page_and_in_the_sitemap(client):
    front = text_of(client.get("/en/").data)
    assert "Get ready for the conference" in front
    assert "/en/prepare/" in client.get("/sitemap.xml").get_data(as_text=True)


def test_start_page_explains_and_offers_a_start_and_a_code(parent):
    page = parent.page_text("/")
    assert "We will ask you some questions, one at a time." in page
    assert "If you save your answers and get a code, we delete them 30 days after your last change." in page
    assert "If you do not, we delete them after 24 hours." in page
    assert "I have a code to come back to my answers" in page


def test_the_start_page_gives_the_deletion_times_the_council_set(app_on, tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'settings.sqlite3'}", DRAFT_RETENTION_DAYS=9, UNSAVED_DRAFT_HOURS=5)
    page = text_of(app.test_client().get("/en/prepare/").data)
    assert "we delete them 9 days after your last change. If you do not, we delete them after 5 hours." in page


def test_the_chat_without_a_draft_goes_to_the_start(parent):
    response = parent.get("/chat")
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/prepare/")


def test_one_question_at_a_time_with_examples_help_and_progress(parent):
    parent.start()
    html = parent.get("/chat").get_data(as_text=True)
    page = text_of(html)
    assert "Question 1 of 19" in page
    assert "Is this your first conference, or a review conference?" in page
    assert "Some parents say:" in page and "It is a review. We had a conference three months ago." in page
    assert "What does this mean?" in page
    assert re.search(r'href="/en/guide/words-you-may-hear(/part-\d+)?#review-conference"', html)
    assert "My first conference" in page and "I’m not sure" in page and "Skip this question" in page
    assert "What is going well" not in page  # one question at a time


def test_a_whole_first_conference_journey_grows_the_conversation(parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    page = parent.page_text()
    assert "Question 2 of 19" in page
    assert "You: My first conference" in page
    assert "How have you kept your child safe?" in page
    response = answer_everything(parent, FIRST_CONFERENCE_ANSWERS[1:])
    assert response.headers["Location"] == "/en/prepare/check-your-answers"
    check = parent.page_text("/check-your-answers")
    assert "I take the children to school every day.\nWe eat together." in check
    assert "Download your PDF" in check and "Delete my answers and start again" in check


def test_a_review_conference_asks_how_things_have_gone(parent):
    parent.start()
    parent.answer("conference_kind", choice="review")
    assert parent.current_question() == "kept_safe"
    for key in ("kept_safe", "going_well", "want_known", "worries", "own_worries", "needs_to_change"):
        parent.answer(key, action="skip")
    page = parent.page_text()
    assert "Question 8 of 22" in page
    assert "have things got better, stayed the same or got worse?" in page
    assert "Got better" in page and "Stayed the same" in page and "Got worse" in page
    parent.answer("since_last", choice="better")
    assert parent.current_question() == "what_helped"
    parent.answer("what_helped", action="skip")
    assert "What makes it hard to do what the plan asks?" in parent.page_text()
    assert parent.current_question() == "hard_to_do"


def test_skip_and_not_sure_get_a_warm_reply_and_move_on(parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="I keep the medicines locked away.")
    parent.answer("going_well", action="skip")
    parent.answer("want_known", text="ignored", action="not_sure")
    page = parent.page_text()
    assert "You: Skipped" in page and "That is fine. We will leave this one out." in page
    assert "You: I’m not sure" in page and "You can come back to it later" in page
    assert "ignored" not in page
    assert parent.current_question() == "worries"


def test_going_back_and_changing_an_answer(parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="Mum stays when I am ill.")
    parent.answer("going_well", text="First words")
    html = parent.get("/chat").get_data(as_text=True)
    assert 'href="/en/prepare/chat?change=going_well#current-question"' in html  # "Go back" and "Change"
    change = parent.get("/chat?change=going_well").get_data(as_text=True)
    assert ">First words</textarea>" in change
    assert "Question 3 of 19" in text_of(change)
    parent.answer("going_well", text="Better words")
    page = parent.page_text()
    assert "Better words" in page and "First words" not in page
    assert parent.current_question() == "want_known"


def test_changing_the_kind_of_conference_adds_the_review_questions(parent):
    parent.start()
    answer_everything(parent)
    parent.answer("conference_kind", choice="review")
    assert parent.current_question() == "since_last"
    assert "Question 8 of 22" in parent.page_text()


def test_an_answer_over_3000_characters_is_kept_with_a_clear_error(parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    long_text = "Our week. " * 300 + "More words"
    response = parent.answer("kept_safe", text=long_text)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.startswith("<!doctype html>") and "<title>Error:" in html
    message = "Your answer must be 3,000 characters or fewer."
    assert html.count(message) == 2  # in the summary and by the box
    assert 'href="#answer"' in html
    assert f">{long_text}</textarea>" in html
    assert "You have 10 characters too many." in text_of(html)
    assert parent.current_question() == "kept_safe"  # nothing was saved


def test_an_empty_answer_asks_for_one(parent):
    parent.start()
    response = parent.answer("conference_kind")
    assert response.status_code == 400
    assert "Choose one of the answers" in text_of(response.data)
    assert 'href="#choice-first"' in response.get_data(as_text=True)


def test_html_is_shown_exactly_as_typed(parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="<script>alert(1)</script> <b>bold</b> & \x07bell")
    html = parent.get("/chat").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; bell" in html
    assert "<b>bold</b>" not in html


def test_save_and_come_back_on_another_device(client, app, parent):
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="Written on the phone")
    saved = parent.post("/save")
    code = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3})</strong>", saved.get_data(as_text=True)).group(1)
    assert not set(code) & set("0O1I")
    assert "http://localhost/en/prepare/come-back" in text_of(saved.data)
    library = Parent(CheckedClient(app.test_client()))
    assert library.get("/chat").status_code == 302  # a fresh device has nothing
    response = library.post("/come-back", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 303
    page = library.page_text()
    assert "Written on the phone" in page and "Question 3 of 19" in page


def test_a_wrong_code_gets_a_clear_message_and_is_kept(parent):
    unknown = resume_codes.formatted(resume_codes.new_code())
    response = parent.post("/come-back", {"code": unknown})
    assert response.status_code == 400
    assert "We could not find answers with that code." in text_of(response.data)
    assert f'value="{unknown}"' in response.get_data(as_text=True)
    assert "Enter the code you were given" in text_of(parent.post("/come-back", {"code": " "}).data)


def test_guessing_codes_is_slowed_down(parent, time):
    for _ in range(10):
        assert parent.post("/come-back", {"code": "WXYZ-WXYZ"}).status_code == 400
    blocked = parent.post("/come-back", {"code": "WXYZ-WXYZ"})
    assert blocked.status_code == 429
    assert "Please wait an hour and try again." in text_of(blocked.data)
    time.forward(minutes=61)
    assert parent.post("/come-back", {"code": "WXYZ-WXYZ"}).status_code == 400


def test_after_too_many_wrong_codes_or_links_the_page_says_what_to_do_and_nothing_untrue(parent, client):
    """It said "Your old answers will be deleted after 30 days": untrue for answers without a code (deleted
    after UNSAVED_DRAFT_HOURS) and for what a parent with a letter sent. Only wrong tries count, so the parent
    here has a code or link that does not work: check it, or start again, or ask for a new letter."""
    for _ in range(10):
        parent.post("/come-back", {"code": "WXYZ-WXYZ"})
    for blocked in (parent.post("/come-back", {"code": "WXYZ-WXYZ"}), client.get("/en/prepare/invite/not-a-link")):
        assert blocked.status_code == 429
        page = text_of(blocked.data)
        assert "Please wait an hour and try again." in page
        assert "Before you try again, check your code. Use the code on your letter, or the code you wrote down." in page
        assert "If you have lost your code, you can start again. Or ask your social worker for a new letter." in page
        assert "old answers" not in page and "30 days" not in page


def test_delete_my_answers_deletes_at_once(parent, app):
    parent.start()
    parent.answer("conference_kind", choice="first")
    code = re.search(r"<strong>(\w{4}-\w{4}-\w{3})</strong>", parent.post("/save").get_data(as_text=True)).group(1)
    assert "You cannot get them back." in parent.page_text("/delete")
    deleted = parent.post("/delete")
    assert "Your answers have been deleted" in text_of(deleted.data)
    with app.app_context():
        assert storage.resume(resume_codes.normalise(code), drafts.KIND) is None
    assert parent.get("/chat").status_code == 302
    assert parent.post("/come-back", {"code": code}).status_code == 400


def test_drafts_expire_30_days_after_the_last_change(parent, time, runner, app):
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.post("/save")  # with a resume code: the full retention (without one, a day: see test_volume...)
    time.forward(days=29)
    parent.answer("kept_safe", text="Still here")
    time.forward(days=29, hours=23)
    assert "Still here" in parent.page_text()
    time.forward(hours=2)
    response = parent.answer("going_well", text="Typed after it expired")
    assert response.status_code == 404
    page = text_of(response.data)
    assert "We could not find your answers" in page and "we delete them 30 days after your last change" in page
    assert "Typed after it expired" in page  # shown back, not lost
    with app.app_context():  # as `flask --app familyguide purge` runs it
        assert "Deleted 1 expired draft(s)." in runner.invoke(args=["purge"]).output


def test_answers_without_a_code_are_missing_after_the_council_s_hours_and_the_page_says_so(app_on, tmp_path, time):
    """The page gave only the period for saved answers (30 days), untrue for answers with no code, and never
    named the Leave this site button."""
    app = app_on(f"sqlite:///{tmp_path / 'settings.sqlite3'}", DRAFT_RETENTION_DAYS=9, UNSAVED_DRAFT_HOURS=5)
    db.upgrade(app.extensions["familyguide.db_url"])
    parent = Parent(CheckedClient(app.test_client()))
    parent.start()
    parent.answer("conference_kind", choice="first")
    time.forward(hours=6)
    response = parent.answer("kept_safe", text="Typed after a long break")
    assert response.status_code == 404
    page = text_of(response.data)
    assert "We could not find your answers" in page and "Typed after a long break" in page
    assert "we delete them 9 days after your last change. If you do not, we delete them after 5 hours." in page
    assert "someone used the Leave this site button" in page
    assert "After the Leave this site button, only a code can open the answers again." in page
    assert "30 days" not in page


def test_the_quick_exit_ends_the_session(parent, client):
    parent.start()
    parent.answer("conference_kind", choice="first")
    client.raw.get("/exit")
    assert parent.get("/chat").status_code == 302


def test_the_database_never_holds_an_answer_in_the_clear(parent, app, tmp_path):
    secret = "Mein Sohn isst gern Äpfel — مرحبا — unique-marker-7781"
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=secret)
    assert secret in parent.page_text()
    files = [p for p in tmp_path.iterdir() if p.name.startswith("test.sqlite3")]
    assert files
    for path in files:
        data = path.read_bytes()
        for fragment in ("unique-marker-7781", "Mein Sohn", "مرحبا"):
            assert fragment.encode("utf-8") not in data, path.name
    with closing(sqlite3.connect(tmp_path / "test.sqlite3")) as connection:
        rows = connection.execute("select payload from drafts").fetchall()
    assert rows and all(b"unique-marker" not in row[0] for row in rows)


def test_a_database_that_is_briefly_unavailable_shows_a_clear_page_and_the_text(parent, monkeypatch):
    parent.start()
    parent.answer("conference_kind", choice="first")

    def down(*args, **kwargs):
        raise OperationalError("UPDATE drafts", {}, Exception("database is locked"))

    monkeypatch.setattr(storage, "save", down)
    response = parent.answer("kept_safe", text="Please keep this")
    assert response.status_code == 503
    page = text_of(response.data)
    assert "Sorry, we could not save your answer" in page and "Please keep this" in page
    assert "Traceback" not in page


def test_a_stale_form_shows_the_text_back(parent, client):
    parent.start()
    html = parent.get("/chat").get_data(as_text=True)
    token = csrf_token(html)
    response = client.post("/en/prepare/chat/going_well", data={"csrf_token": token + "x", "answer": "Kept words"})
    assert response.status_code == 400
    page = text_of(response.data)
    assert "We could not use this form" in page and "Kept words" in page


def test_with_cookies_blocked_a_form_says_why_truly_and_shows_the_code_typed_back(app):
    """It said forms stop working after a while (there is no time limit) and to go back to questions that
    were never asked; the code typed was lost."""
    browser = app.test_client(use_cookies=False)
    start = browser.get("/en/prepare/")
    response = browser.post("/en/prepare/start", data={"csrf_token": csrf_token(start.get_data(as_text=True))})
    assert response.status_code == 400
    page = text_of(response.data)
    assert "We could not use this form" in page and "Nothing was saved." in page
    assert "If your browser blocks cookies, allow them for this site." in page
    assert "used the Leave this site button, your visit ended" in page
    assert "stop working after a while" not in page and "Go back to the questions" not in page
    assert 'href="/en/cookies"' in response.get_data(as_text=True)
    form = browser.get("/en/prepare/come-back").get_data(as_text=True)
    typed = browser.post("/en/prepare/come-back", data={"csrf_token": csrf_token(form), "code": "ABCD-EFGH-JKL"})
    assert typed.status_code == 400 and "ABCD-EFGH-JKL" in text_of(typed.data)


def test_an_unknown_question_is_not_found(parent):
    parent.start()
    assert parent.answer("no_such_question", text="x").status_code == 404


def test_a_council_can_switch_off_optional_questions_but_never_the_reports_question(client, app, time):
    switched_off = ("disagree", "scale", "scale_why", "child_scale", "one_point_up")
    app.config["PREPARE_OPTIONAL_QUESTIONS_OFF"] = ",".join(switched_off)
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    assert "Question 2 of 15" in parent.page_text()
    response = answer_everything(parent, [a for a in FIRST_CONFERENCE_ANSWERS[1:] if a[0] not in switched_off[1:]])
    assert response.headers["Location"] == "/en/prepare/check-your-answers"
    check = parent.page_text("/check-your-answers")
    assert "What I do not agree with" in check and "I did not miss the visit on 3 May." in check
    assert "My number from 0 to 10" not in check


@pytest.mark.parametrize(
    ("lang", "stays", "translated"),
    [
        ("en", "The PDF will stay in the downloads on your phone or computer.", None),
        ("ur", "PDF آپ کے فون یا کمپیوٹر کے ڈاؤن لوڈز میں رہے گی۔", "وہ مدد کے لیے ترجمان مانگ سکتے ہیں۔"),
        ("pl", "Plik PDF zostanie w pobranych plikach", "Może poprosić o pomoc tłumacza."),
    ],
)
def test_check_your_answers_says_where_the_pdf_stays_and_who_may_translate_it(client, time, lang, stays, translated):
    parent = Parent(client, lang)
    parent.start()
    parent.answer("conference_kind", choice="first")
    check = parent.page_text("/check-your-answers")
    assert stays in check
    html = parent.get("/check-your-answers").get_data(as_text=True)
    assert html.index('id="pdf-stays"') < html.index('.pdf" download')  # said before the download
    if translated:
        assert translated in check
    else:
        assert "interpreter" not in check  # an English parent's words need no translating
