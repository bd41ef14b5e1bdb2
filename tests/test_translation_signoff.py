"""A qualified translator's sign-off (issue 13): the translator role and its languages, checking a page beside
its English source, the "not checked" note going from that page only, and coming back (with the changes shown)
when the English changes; interface strings in batches; `flask content status`."""

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from familyguide import db, translation_checks
from familyguide.models import AuditEntry, StaffAccount, TranslationCheck

from .support.pagecheck import problems_with, text_of
from .support.staff import add, csrf_token, set_up

ROOT = Path(__file__).resolve().parent.parent
NOTE = '<div class="unchecked-note" role="note">'  # "Not checked by a qualified translator", in the language
PAGE = "guide/who-will-be-there"


@pytest.fixture
def own_files(tmp_path):
    """A copy of the content and the translations this test may change."""
    content, translations = tmp_path / "content", tmp_path / "translations"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "translations", translations)
    return {"CONTENT_DIR": str(content), "TRANSLATIONS_DIR": str(translations)}


@pytest.fixture
def signoff_app(any_db_url, app_on, own_files):
    app = app_on(any_db_url, **own_files)
    db.upgrade(any_db_url)
    return app


def sound(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    html = response.get_data(as_text=True)
    assert not problems_with(html, family_page=False), html[:1500]
    return text_of(html)


def check(client, lang, page):
    path = f"/staff/translations/{lang}/page/{page}"
    form = client.get(path)
    html = form.get_data(as_text=True)
    hashes = {
        name: html.split(f'name="{name}" value="')[1].split('"')[0] for name in ("english_hash", "translation_hash")
    }
    return client.post(path, data={"csrf_token": csrf_token(form), **hashes})


def family_note_shown(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    return NOTE in response.get_data(as_text=True)


def test_an_admin_adds_a_translator_for_languages_and_the_guard_keeps_them_to_their_languages(signoff_app, clock_):
    admin = signoff_app.test_client()
    set_up(signoff_app, admin, clock_, "admin@council.gov.uk", role="admin")
    page = admin.get("/staff/admin/accounts")
    refused = admin.post(
        "/staff/admin/accounts",
        data={"csrf_token": csrf_token(page), "email": "t@council.gov.uk", "role": "translator"},
    )
    assert "Choose at least one language for a translator." in sound(refused, 400)
    assert 'href="#languages"' in refused.get_data(as_text=True)
    added = admin.post(
        "/staff/admin/accounts",
        data={
            "csrf_token": csrf_token(page),
            "email": "t@council.gov.uk",
            "role": "translator",
            "languages": ["pl", "ar"],
        },
    )
    assert "Account added for t@council.gov.uk" in sound(added)
    with signoff_app.app_context(), db.session() as s:
        account = s.scalar(select(StaffAccount).where(StaffAccount.email == "t@council.gov.uk"))
        assert (account.role, account.languages) == ("translator", "pl ar")

    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    assert "Polish" in sound(translator.get("/staff/translations"))
    assert "Arabic" not in text_of(translator.get("/staff/translations").get_data(as_text=True))
    assert "Polish translation" in sound(translator.get("/staff/translations/pl"))
    assert sound(translator.get(f"/staff/translations/pl/page/{PAGE}"))
    for path in (
        "/staff/translations/ar",
        f"/staff/translations/ar/page/{PAGE}",
        "/staff/translations/ar/messages.po",
        "/staff/translations/en",
        "/staff/translations/xx",
        "/staff/translations/pl/page/guide/no-such-page",
        "/staff/translations/pl/page/strings/999",
        "/staff/conferences",
        "/staff/conferences/new",
        "/staff/admin/accounts",
        "/staff/admin/audit",
    ):
        assert translator.get(path).status_code == 404, path
    other = translator.get("/staff/")
    assert (
        translator.post(f"/staff/translations/ar/page/{PAGE}", data={"csrf_token": csrf_token(other)}).status_code
        == 404
    )

    worker = signoff_app.test_client()
    set_up(signoff_app, worker, clock_, "w@council.gov.uk", role="worker", team="North")
    for path in ("/staff/translations", "/staff/translations/pl", f"/staff/translations/pl/page/{PAGE}"):
        assert worker.get(path).status_code == 404, path
    assert "Translations" not in text_of(worker.get("/staff/").get_data(as_text=True))
    assert admin.get(f"/staff/translations/ar/page/{PAGE}").status_code == 200


def test_a_checked_page_loses_its_note_and_an_english_change_brings_it_back_with_the_changes(
    signoff_app, any_db_url, app_on, own_files, clock_
):
    assert family_note_shown(signoff_app, f"/pl/{PAGE}")
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    review = sound(translator.get(f"/staff/translations/pl/page/{PAGE}"))
    assert "Not checked" in review and "Kto będzie" in review and "Who will be there" in review

    done = check(translator, "pl", PAGE)
    assert done.status_code == 302
    assert "You have checked this page" in sound(translator.get(done.location))
    assert not family_note_shown(signoff_app, f"/pl/{PAGE}")
    assert family_note_shown(signoff_app, "/pl/guide/the-decision")  # every other page keeps its note
    assert family_note_shown(signoff_app, f"/ar/{PAGE}")  # and every other language
    with signoff_app.app_context(), db.session() as s:
        stored = s.scalar(select(TranslationCheck))
        assert (stored.lang, stored.page) == ("pl", PAGE)
        assert "Who will be there" in stored.english_text
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "translation_checked"))
        assert entry.target == f"pl {PAGE}" and entry.actor_email == "pl@council.gov.uk"

    english = Path(own_files["CONTENT_DIR"]) / "en" / f"{PAGE}.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence the council added.\n", encoding="utf-8")
    restarted = app_on(any_db_url, **own_files)  # content is read when the site starts, as after a deploy
    assert family_note_shown(restarted, f"/pl/{PAGE}")
    again = restarted.test_client()
    again.set_cookie(**_cookie(translator, signoff_app.config["STAFF_COOKIE_NAME"]))
    review = sound(again.get(f"/staff/translations/pl/page/{PAGE}"))
    assert "Changed since checked" in review
    assert "Added: A new sentence the council added." in review
    assert "Changed since checked" in text_of(again.get("/staff/translations/pl").get_data(as_text=True))


def _cookie(client, name):
    cookie = client.get_cookie(name, path="/staff")
    return {"key": cookie.key, "value": cookie.value, "path": "/staff"}


def test_a_page_changed_while_the_translator_read_it_is_not_marked_checked(signoff_app, own_files, clock_):
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    path = f"/staff/translations/pl/page/{PAGE}"
    form = translator.get(path)
    refused = translator.post(
        path, data={"csrf_token": csrf_token(form), "english_hash": "0" * 12, "translation_hash": "0" * 12}
    )
    assert "This page changed while you were reading it" in sound(refused, 409)
    assert translator.post(path, data={"english_hash": "x"}).status_code == 400  # no CSRF token
    with signoff_app.app_context(), db.session() as s:
        assert s.scalar(select(TranslationCheck)) is None


def test_interface_strings_are_checked_in_batches_and_pages_follow_what_they_are_made_of(signoff_app, clock_):
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "cy@council.gov.uk", role="translator", languages=["cy"])
    with signoff_app.app_context():
        groups = translation_checks.string_batches("cy")
    assert len(groups) == translation_checks.STRING_GROUPS  # every group holds some of today's strings
    batch = translator.get("/staff/translations/cy/page/strings/1")
    html = batch.get_data(as_text=True)
    assert f"Interface strings, group 1 of 20 ({len(groups[1])} strings)" in sound(batch)
    assert html.count('<td lang="cy" dir="ltr" class="source-text">') == len(groups[1])
    *first, last = groups
    for number in first:
        assert check(translator, "cy", f"strings/{number}").status_code == 302
    assert family_note_shown(signoff_app, "/cy/key-dates/")  # one group still not checked
    assert check(translator, "cy", f"strings/{last}").status_code == 302
    assert not family_note_shown(signoff_app, "/cy/key-dates/")
    assert family_note_shown(signoff_app, f"/cy/{PAGE}")  # a content page needs its own check
    # The preparation chat is made of its questions' pages too: it needs every one of them checked as well.
    assert family_note_shown(signoff_app, "/cy/prepare/")
    with signoff_app.app_context():
        questions = [page for page in translation_checks.content_pages() if page.startswith("prepare/")]
    for page in questions[:-1]:
        check(translator, "cy", page)
    assert family_note_shown(signoff_app, "/cy/prepare/")
    check(translator, "cy", questions[-1])
    assert not family_note_shown(signoff_app, "/cy/prepare/")


def test_a_new_interface_string_makes_only_its_own_group_stale(signoff_app, own_files, clock_):
    """With batches of 25 in the catalogue's order, one string added near the top made all 19 batches stale:
    the translator had to check every string again, and every family page showed the note again."""
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    with signoff_app.app_context():
        groups = translation_checks.string_batches("pl")
    for number in groups:
        assert check(translator, "pl", f"strings/{number}").status_code == 302
    po_path = Path(own_files["TRANSLATIONS_DIR"]) / "pl" / "LC_MESSAGES" / "messages.po"
    header, _, entries = po_path.read_text(encoding="utf-8").partition("\n\n")  # the new one first, near the top
    added = 'msgid "A sentence added in a later release."\nmsgstr "Zdanie dodane w późniejszym wydaniu."\n'
    po_path.write_text(f"{header}\n\n{added}\n{entries}", encoding="utf-8")
    with signoff_app.app_context():
        assert translation_checks.catalogue_entries("pl")[0][0] == "A sentence added in a later release."
        batches = [s for s in translation_checks.statuses("pl") if s.source.page.startswith("strings/")]
    states = {status.source.page: status.state for status in batches}
    new_group = f"strings/{translation_checks.group_of('A sentence added in a later release.')}"
    assert states.pop(new_group) == translation_checks.STALE
    assert set(states.values()) == {translation_checks.CHECKED}


def test_right_to_left_translation_is_marked_with_its_language_and_direction(signoff_app, clock_):
    admin = signoff_app.test_client()
    set_up(signoff_app, admin, clock_, "admin@council.gov.uk", role="admin")
    html = admin.get(f"/staff/translations/ar/page/{PAGE}").get_data(as_text=True)
    assert '<div class="source-text" lang="ar" dir="rtl">' in html
    assert '<div class="source-text" lang="en" dir="ltr">' in html
    strings = admin.get("/staff/translations/ur/page/strings/2").get_data(as_text=True)
    assert '<td lang="ur" dir="rtl" class="source-text">' in strings


def test_content_status_counts_checked_stale_and_not_checked(signoff_app, any_db_url, app_on, own_files, clock_):
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    for page in (PAGE, "guide/the-decision"):
        check(translator, "pl", page)
    english = Path(own_files["CONTENT_DIR"]) / "en" / "guide" / "the-decision.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    result = app_on(any_db_url, **own_files).test_cli_runner().invoke(args=["content", "status"])
    assert result.exit_code == 0, result.output
    with signoff_app.app_context():
        total = len(translation_checks.all_pages("pl"))
    assert f"pl: 1 checked, 1 stale, {total - 2} not checked" in result.output
    assert "pl: stale   guide/the-decision (checked against an older English version)" in result.output
    assert f"cy: 0 checked, 0 stale, {total} not checked" in result.output


def test_a_translator_added_on_the_command_line(signoff_app):
    runner = signoff_app.test_cli_runner()
    result = runner.invoke(args=["staff", "add", "t@council.gov.uk", "--role", "translator", "--language", "pl"])
    assert result.exit_code == 0 and "Added t@council.gov.uk as translator." in result.output
    missing = runner.invoke(args=["staff", "add", "u@council.gov.uk", "--role", "translator"])
    assert missing.exit_code == 1 and "Choose at least one language for a translator." in missing.output
    wrong = runner.invoke(args=["staff", "add", "v@council.gov.uk", "--role", "translator", "--language", "en"])
    assert wrong.exit_code == 1 and "There is no translated language with the code en." in wrong.output
    worker = runner.invoke(args=["staff", "add", "w@council.gov.uk", "--role", "worker", "--language", "pl"])
    assert worker.exit_code == 1 and "Only a translator has languages." in worker.output
    with signoff_app.app_context():
        assert add(signoff_app, "x@council.gov.uk", "translator", languages=["ar", "pl"])
        with db.session() as s:
            assert s.scalar(select(StaffAccount.languages).where(StaffAccount.email == "x@council.gov.uk")) == "pl ar"


def test_an_admin_changes_a_translators_languages_and_a_worker_has_none(signoff_app, clock_):
    admin = signoff_app.test_client()
    set_up(signoff_app, admin, clock_, "admin@council.gov.uk", role="admin")
    add(signoff_app, "t@council.gov.uk", "translator", languages=["pl"])
    with signoff_app.app_context(), db.session() as s:
        account_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == "t@council.gov.uk"))
    path = f"/staff/admin/accounts/{account_id}"
    page = admin.get(path)
    assert 'id="languages" name="languages" value="cy"' in page.get_data(as_text=True)
    assert 'value="pl" checked' in page.get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "action": "change", "role": "translator", "team": ""}
    refused = admin.post(path, data=form)
    assert "Choose at least one language for a translator." in sound(refused, 400)
    assert 'href="#languages"' in refused.get_data(as_text=True)
    assert sound(admin.post(path, data={**form, "languages": ["cy", "ur"]}))
    with signoff_app.app_context(), db.session() as s:
        assert s.get(StaffAccount, account_id).languages == "cy ur"
    assert sound(admin.post(path, data={**form, "role": "worker", "languages": ["cy"]}))
    with signoff_app.app_context(), db.session() as s:
        assert (s.get(StaffAccount, account_id).role, s.get(StaffAccount, account_id).languages) == ("worker", None)


def test_a_page_id_from_the_address_never_reads_a_file_outside_the_content(signoff_app, clock_):
    admin = signoff_app.test_client()
    set_up(signoff_app, admin, clock_, "admin@council.gov.uk", role="admin")
    for page in ("../../../etc/passwd", "guide/../../README", "terms", "guide/who-will-be-there.md", "strings/0"):
        assert admin.get(f"/staff/translations/pl/page/{page}").status_code == 404, page


def test_when_a_page_was_checked_is_shown_in_the_time_in_england(signoff_app, clock_):
    clock_.moment = datetime(2027, 6, 1, 23, 30)  # 00:30 on 2 June in England (BST)
    translator = signoff_app.test_client()
    set_up(signoff_app, translator, clock_, "pl@council.gov.uk", role="translator", languages=["pl"])
    assert check(translator, "pl", PAGE).status_code == 302
    assert "Last checked on 2 June 2027, 00:30." in sound(translator.get(f"/staff/translations/pl/page/{PAGE}"))
    assert "2 Jun 2027 00:30" in sound(translator.get("/staff/translations/pl"))
