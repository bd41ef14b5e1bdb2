"""Every staff page: sound HTML (one h1, labels, no inline style or script), the strict CSP, no-store, English;
the admin's account and team pages do what they say. (Any text in every staff form: tests/fuzz/test_fuzz_staff.py.)"""

import re

import pytest
from sqlalchemy import select

from familyguide import db
from familyguide.models import AuditEntry, StaffAccount, StaffSession, Team
from familyguide.security import CONTENT_SECURITY_POLICY

from .support.pagecheck import problems_with, text_of
from .support.staff import PASSWORD, add, open_setup_link, post_form, set_up, sign_in


def sound(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    html = response.get_data(as_text=True)
    assert not problems_with(html, family_page=False), problems_with(html, family_page=False)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Cache-Control"] == "no-store"
    assert '<html lang="en" dir="ltr">' in html
    assert "exit-this-page" not in html  # not a family page: no quick exit, no family links
    return text_of(html)


def test_every_page_of_setting_up_and_signing_in_is_sound(app, clock_):
    client = app.test_client()
    sound(client.get("/staff/sign-in"))
    sound(client.get("/staff/signed-out"))
    sound(client.get("/staff/setup/not-a-link"), 404)
    token = add(app, "pages@council.gov.uk")
    assert "Start setting up" in sound(client.get(f"/staff/setup/{token}"))
    open_setup_link(client, token)
    assert "Choose a password" in sound(client.get("/staff/setup"))
    mismatch = post_form(client, "/staff/setup", {"password": PASSWORD, "password_again": PASSWORD + "x"})
    assert "The two passwords are not the same" in sound(mismatch, 400)
    post_form(client, "/staff/setup", {"password": PASSWORD, "password_again": PASSWORD})
    page = client.get("/staff/setup/second-factor")
    text = sound(page)
    html = page.get_data(as_text=True)
    assert "Scan this QR code" in text and re.search(r'<svg role="img" aria-label="QR code[^"]*" viewBox=', html)
    wrong = post_form(client, "/staff/setup/second-factor", {"code": "12345x"}, page)
    assert "That code is not right" in sound(wrong, 400)
    secret = re.search(r'<p class="secret">([A-Z2-7 ]+)</p>', html).group(1).replace(" ", "")
    codes = post_form(client, "/staff/setup/second-factor", {"code": clock_.totp(secret)})
    assert "You will not see them again" in sound(codes)
    home = client.get("/staff/")
    assert "Your account" in sound(home)
    # A worker's account page leads to their conferences (the inbox), not to a promise of things to come.
    assert '<a href="/staff/conferences">Your conferences: the invitations you sent' in home.text
    assert "will appear here" not in home.text
    other = app.test_client()
    post_form(other, "/staff/sign-in", {"email": "pages@council.gov.uk", "password": PASSWORD})
    assert "Enter your code" in sound(other.get("/staff/sign-in/code"))
    assert "Page not found" in sound(client.get("/staff/admin/accounts"), 404)  # a worker: not found


def test_admin_pages_are_sound_and_do_what_they_say(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    assert "Accounts" in sound(admin.get("/staff/admin/accounts"))
    assert "There are no teams yet" in sound(admin.get("/staff/admin/teams"))
    assert "Audit log" in sound(admin.get("/staff/admin/audit"))
    sound(post_form(admin, "/staff/admin/teams", {"name": "  North   team "}))
    duplicate = post_form(admin, "/staff/admin/teams", {"name": "north team"})
    assert "already a team with that name" in sound(duplicate, 400) and 'value="north team"' in duplicate.text
    added = post_form(
        admin, "/staff/admin/accounts", {"email": "New@Council.gov.uk", "role": "worker", "team": "North team"}
    )
    assert "Account added for new@council.gov.uk" in sound(added)
    link = re.search(r'<p class="setup-link">([^<]+)</p>', added.text).group(1)
    bad = post_form(admin, "/staff/admin/accounts", {"email": "not an address", "role": "worker", "team": ""})
    assert "Enter an e-mail address in the right form" in sound(bad, 400) and 'value="not an address"' in bad.text
    with any_app.app_context(), db.session() as s:
        new = s.scalar(select(StaffAccount).where(StaffAccount.email == "new@council.gov.uk"))
        team = s.scalar(select(Team))
    assert new.team_id == team.id and team.name == "North team"
    # The worker sets up through the link the admin handed over.
    worker = any_app.test_client()
    assert open_setup_link(worker, link.rsplit("/", 1)[1]).status_code == 302
    path = f"/staff/admin/accounts/{new.id}"
    assert "waiting for set-up" in sound(admin.get(path))
    sound(post_form(admin, path, {"action": "change", "role": "manager", "team": ""}))
    sound(post_form(admin, path, {"action": "disable"}))
    assert "This account is disabled" in sound(admin.get(path))
    reset = post_form(admin, path, {"action": "reset"})
    assert "new one-time set-up link" in sound(reset)
    assert worker.get("/staff/setup").location.endswith("/staff/sign-in?ended=1")  # reset ended their session
    sound(post_form(admin, f"/staff/admin/teams/{team.id}", {"name": "North and East"}))
    asked = sound(post_form(admin, f"/staff/admin/teams/{team.id}", {"action": "delete"}))  # a click asks first
    assert "Delete this team?" in asked and "member(s)" not in asked  # its one member was moved out above
    sound(admin.get(f"/staff/admin/teams/{team.id}"))
    delete = {"action": "delete", "confirm": "yes"}
    assert post_form(admin, f"/staff/admin/teams/{team.id}", delete).status_code == 302
    assert "Delete this account?" in sound(post_form(admin, path, {"action": "delete"}))
    assert post_form(admin, path, delete).status_code == 302
    own = post_form(admin, "/staff/admin/accounts/1", delete)
    assert "You cannot delete your own account" in sound(own, 400)
    with any_app.app_context(), db.session() as s:
        assert s.get(StaffAccount, new.id) is None and s.scalar(select(Team)) is None
        done = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert done[-8:] == [
        "team_added",
        "account_added",
        "account_changed",
        "account_disabled",
        "sign_in_reset",
        "team_renamed",
        "team_deleted",
        "account_deleted",
    ]


def test_reset_second_factor_makes_the_old_codes_useless(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    staff = set_up(any_app, any_app.test_client(), clock_, "lost.phone@council.gov.uk")
    with any_app.app_context(), db.session() as s:
        account_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == staff.email))
    post_form(admin, f"/staff/admin/accounts/{account_id}", {"action": "reset"})
    assert sign_in(any_app.test_client(), clock_, staff).status_code == 400
    with any_app.app_context(), db.session() as s:
        assert s.scalar(select(StaffSession).where(StaffSession.account_id == account_id)) is None


@pytest.mark.parametrize(
    ("first", "again"),
    [("ÜM", "ÜM"), ("Tîm y Gogledd", "TÎM Y GOGLEDD"), ("Équipe Nord", "équipe nord"), ("North", "NORTH")],
)
def test_a_team_name_taken_in_any_letters_is_refused_not_a_server_error(any_app, clock_, first, again):
    """SQLite's lower() changes only A to Z: "ÜM" twice once reached the unique index and gave a 500."""
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    sound(post_form(admin, "/staff/admin/teams", {"name": first}))
    taken = post_form(admin, "/staff/admin/teams", {"name": again})
    assert "already a team with that name" in sound(taken, 400) and f'value="{again}"' in taken.text
    sound(post_form(admin, "/staff/admin/teams", {"name": "Other"}))
    with any_app.app_context(), db.session() as s:
        other = s.scalar(select(Team).where(Team.name == "Other"))
    renamed = post_form(admin, f"/staff/admin/teams/{other.id}", {"name": again})
    assert "already a team with that name" in sound(renamed, 400)
    # An account given the team in other letters joins the one team; no second team is made.
    added = post_form(admin, "/staff/admin/accounts", {"email": "w@council.gov.uk", "role": "worker", "team": again})
    assert "Account added" in sound(added)
    with any_app.app_context(), db.session() as s:
        assert sorted(s.scalars(select(Team.name))) == sorted([first, "Other"])
        worker = s.scalar(select(StaffAccount).where(StaffAccount.email == "w@council.gov.uk"))
        assert s.get(Team, worker.team_id).name == first


def test_two_admins_saving_the_same_team_name_at_once_are_told_not_shown_a_500(any_app, clock_, monkeypatch):
    """The check and the insert are two steps: an admin whose check ran before another's insert meets the
    unique index, and is told the name is taken."""
    from familyguide.staff import accounts

    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    sound(post_form(admin, "/staff/admin/teams", {"name": "North"}))
    monkeypatch.setattr(accounts, "team_named", lambda *args, **kwargs: None)  # the other admin's check ran first
    taken = post_form(admin, "/staff/admin/teams", {"name": "North"})
    assert "already a team with that name" in sound(taken, 400)
    with any_app.app_context(), db.session() as s:
        assert list(s.scalars(select(Team.name))) == ["North"]


def test_an_account_added_as_another_command_makes_its_team_joins_that_team(any_app, monkeypatch):
    """The command line makes a team it is given that does not exist yet. When another command made it after
    this one looked (the unique index), the account joins that team: no 500, no second team."""
    from familyguide.staff import accounts

    with any_app.app_context():
        accounts.add("first@council.gov.uk", "worker", "North", create_team=True)
        real_team_named = accounts.team_named
        looks = []

        def missed_once(*args, **kwargs):  # this command looked before the other one wrote the team
            looks.append(args)
            return None if len(looks) == 1 else real_team_named(*args, **kwargs)

        monkeypatch.setattr(accounts, "team_named", missed_once)
        accounts.add("second@council.gov.uk", "worker", "North", create_team=True)
        with db.session() as s:
            assert list(s.scalars(select(Team.name))) == ["North"]
            teams = {a.email: a.team_id for a in s.scalars(select(StaffAccount))}
            assert teams["second@council.gov.uk"] == teams["first@council.gov.uk"] is not None
