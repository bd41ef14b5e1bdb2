"""The staff area in Welsh (staff/language.py): an account chooses English or Cymraeg on its account page and
the whole staff area follows, on any device; before signing in the browser's languages decide. Every staff
page in Welsh has no string of the staff catalogue left in English. On SQLite and PostgreSQL."""

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from familyguide import db
from familyguide.models import AuditEntry, StaffAccount

from .support.invite import create_record, invite
from .support.pagecheck import problems_with, text_of
from .support.staff import csrf_token, post_form, set_up, sign_in

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def catalogue(domain):
    with open(TRANSLATIONS / "cy" / "LC_MESSAGES" / f"{domain}.po", "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.id, str)}


def welsh(english):
    """The Welsh of a staff page's string, from the staff catalogue or the family one."""
    return catalogue("staff").get(english) or catalogue("messages")[english]


def page(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    html = response.get_data(as_text=True)
    assert not problems_with(html, family_page=False), problems_with(html, family_page=False)
    return html


def language_of(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def stored_language(app, email):
    with app.app_context(), db.session() as s:
        return s.scalar(select(StaffAccount.interface_language).where(StaffAccount.email == email))


@pytest.fixture
def staff_app(any_app):
    return any_app


def test_a_worker_chooses_welsh_and_the_staff_area_is_in_welsh_on_every_device(staff_app, clock_):
    client = staff_app.test_client()
    worker = set_up(staff_app, client, clock_, "gweithiwr@council.gov.uk")
    home = page(client.get("/staff/"))
    assert language_of(home) == "en" and "Your account" in text_of(home)
    chosen = post_form(client, "/staff/language", {"language": "cy"}, client.get("/staff/"))
    assert chosen.status_code == 303 and chosen.location.endswith("/staff/")
    home = page(client.get("/staff/"))
    assert language_of(home) == "cy"
    text = text_of(home)
    assert welsh("Your account") in text and "Your account" not in text
    assert welsh("The Welsh of the staff area has not been checked by a qualified translator yet.") in text
    assert re.search(r'<input id="language-cy" name="language" type="radio" value="cy" checked>', home)
    assert stored_language(staff_app, "gweithiwr@council.gov.uk") == "cy"
    with staff_app.app_context(), db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "interface_language")).one()
    assert (entry.actor_email, entry.target) == ("gweithiwr@council.gov.uk", "cy")
    # Another browser, whose languages say English: once signed in, the account's choice.
    other = staff_app.test_client()
    sign_in(other, clock_, worker)
    assert language_of(page(other.get("/staff/", headers={"Accept-Language": "en-GB,en"}))) == "cy"
    # And back to English.
    post_form(client, "/staff/language", {"language": "en"}, client.get("/staff/"))
    assert language_of(page(client.get("/staff/"))) == "en"
    assert stored_language(staff_app, "gweithiwr@council.gov.uk") == "en"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("cy", "cy"), ("cy-GB,cy;q=0.9,en;q=0.8", "cy"), ("en-GB,en;q=0.9,cy;q=0.5", "en"), ("fr", "en"), (None, "en")],
)
def test_before_signing_in_the_browsers_languages_decide(app, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    html = page(app.test_client().get("/staff/sign-in", headers=headers))
    assert language_of(html) == expected
    assert (welsh("Sign in") if expected == "cy" else "Sign in") in text_of(html)


def test_a_language_not_offered_is_refused_with_the_choice_kept_as_it_was(app, clock_):
    client = app.test_client()
    set_up(app, client, clock_, "worker@council.gov.uk")
    refused = post_form(client, "/staff/language", {"language": "fr"}, client.get("/staff/"))
    html = page(refused, 400)
    assert "Choose English or Cymraeg." in text_of(html) and "There is a problem" in text_of(html)
    assert stored_language(app, "worker@council.gov.uk") is None


def test_whatever_a_browser_sends_as_the_language_is_taken_only_when_offered(app, clock_):
    client = app.test_client()
    email = "fuzz@council.gov.uk"
    set_up(app, client, clock_, email)

    @settings(deadline=None, max_examples=40)  # what is stored is the property, not how fast
    @given(sent=st.one_of(st.text(), st.sampled_from(["cy", "en", "CY", " cy", "cy\n", "en-GB", "cy\x00"])))
    def check(sent):
        before = stored_language(app, email)
        answer = post_form(client, "/staff/language", {"language": sent}, client.get("/staff/"))
        assert answer.status_code == (303 if sent in ("en", "cy") else 400)
        assert stored_language(app, email) == (sent if sent in ("en", "cy") else before)

    check()


def staff_pages(app):
    """Every staff page a GET opens without arguments."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("staff.") and "GET" in rule.methods and not rule.arguments
    )


def english_left(html, strings):
    """The staff catalogue's English strings (whole sentences and labels, not names) still on a page."""
    text = text_of(html)
    return [english for english in strings if english in text]


def test_no_staff_page_in_welsh_has_english_left(app, clock_):
    strings = [
        english
        for english, cymraeg in catalogue("staff").items()
        if cymraeg != english and "%(" not in english and len(english.split()) >= 2
    ]
    assert len(strings) > 100
    seen = []
    for email, role, languages in [
        ("admin@council.gov.uk", "admin", ()),
        ("worker@council.gov.uk", "worker", ()),
        ("translator@council.gov.uk", "translator", ("pl",)),
    ]:
        client = app.test_client()
        set_up(app, client, clock_, email, role=role, languages=languages)
        post_form(client, "/staff/language", {"language": "cy"}, client.get("/staff/"))
        paths = staff_pages(app)
        if role == "worker":  # a conference record with a parent's and a child's invitation, and its pages
            record_id = create_record(client, clock_)
            invitation_id = invite(client, record_id, "parent", "cy")
            invite(client, record_id, "child", "en", name="AB", age="9")
            paths += [f"/staff/conferences/{record_id}", f"/staff/conferences/{record_id}/change"]
            paths += [f"/staff/conferences/{record_id}/invitations/{invitation_id}/views"]
        for path in paths:
            response = client.get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue  # another role's page (not found), a file or the session's time left
            html = response.get_data(as_text=True)
            assert language_of(html) == "cy", path
            assert not english_left(html, strings), (path, english_left(html, strings))
            seen.append(path)
    anonymous = app.test_client()
    for path in ("/staff/sign-in", "/staff/signed-out"):
        html = page(anonymous.get(path, headers={"Accept-Language": "cy"}))
        assert not english_left(html, strings), (path, english_left(html, strings))
        seen.append(path)
    record_pages = [path for path in seen if path.startswith("/staff/conferences/") and path[-4:] != "/new"]
    assert len(record_pages) == 2 and len(seen) >= 12, seen  # the record and its change form, beside the rest


def test_a_translator_working_in_welsh_is_told_an_uploads_problems_in_welsh(app, clock_):
    """What is wrong with an uploaded PO file (po_files.py, outside the staff folder) is in the staff catalogue."""
    client = app.test_client()
    set_up(app, client, clock_, "cyfieithydd@council.gov.uk", role="translator", languages=("pl",))
    post_form(client, "/staff/language", {"language": "cy"}, client.get("/staff/"))
    form = client.get("/staff/translations/pl/import")
    for data, english in [
        (b"\xff\xfe not text", "The file is not in UTF-8. Save it as UTF-8 in your PO editor and upload it again."),
        (
            b'msgid "only a start',
            "This is not a PO file that can be read. Save it again from your PO editor and upload that file.",
        ),
    ]:
        answer = client.post(
            "/staff/translations/pl/import",
            data={"csrf_token": csrf_token(form), "po_file": (io.BytesIO(data), "pl.po")},
            content_type="multipart/form-data",
        )
        text = text_of(page(answer, 400))
        assert welsh(english) in text and english not in text
