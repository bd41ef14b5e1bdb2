"""Any text, the whole of Unicode, in a worker's and a manager's conference-record forms: a new record and a
change to one (the reference and the date's three boxes), an invitation (name, language, age), giving a
record to another worker, the inbox's page number, and an admin moving an account to a team. Nothing answers
500; a refusal says what is wrong and keeps what was typed."""

import itertools

from hypothesis import example, given, settings
from sqlalchemy import select

from familyguide import db
from familyguide.models import StaffAccount
from familyguide.text import clean_text

from ..support.invite import create_record, record_page, staff_action
from ..support.pagecheck import text_of
from ..support.staff import add, post_form, set_up
from .checks import page
from .strategies import family_text, number_box

ACCOUNTS = itertools.count()
NUMBERISH = number_box(1, 2100)

STAFF = {}


def _signed_in(app, clock_, role):
    """One signed-in account per role for the whole run (setting one up costs an argon2id hash)."""
    if STAFF.get("clock") is not clock_:
        STAFF.clear()
        STAFF["clock"] = clock_
    if role not in STAFF:
        STAFF[role] = app.test_client()
        set_up(app, STAFF[role], clock_, f"{role}{next(ACCOUNTS)}@council.gov.uk", role=role, team="Fuzz team")
    return STAFF[role]


def _spare_account(app):
    """An account the admin moves between teams (moving the worker would take their records out of sight)."""
    email = f"spare{next(ACCOUNTS)}@council.gov.uk"
    add(app, email, team="Fuzz team")
    with app.app_context(), db.session() as s:
        return s.scalar(select(StaffAccount.id).where(StaffAccount.email == email))


# Each example posts about eight forms: a third of the budget.
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(reference=family_text(200), day=NUMBERISH, month=NUMBERISH, year=NUMBERISH, name=family_text(200))
@example(reference="'", day="1", month="1", year="1", name="")  # refused (year 1), shown back as &#39;
def test_no_record_form_fails_on_any_text(fuzz_app, clock_, reference, day, month, year, name):
    worker = _signed_in(fuzz_app, clock_, "worker")
    fields = {"reference": reference, "day": day, "month": month, "year": year, "kind": "first"}
    made = post_form(worker, "/staff/conferences/new", fields)
    assert made.status_code in (303, 400)
    if made.status_code == 400:
        assert "There is a problem" in text_of(made.get_data(as_text=True))
        # The reference box shows what was typed, after the cleaning every field gets (any escaping: "'" is
        # &#39; to Jinja and &#x27; to html.escape, so the page is parsed, not searched).
        assert page(made).find("input", attrs={"name": "reference"})["value"] == clean_text(reference)[:200]
    assert worker.get("/staff/conferences", query_string={"page": day}).status_code == 200

    record_id = create_record(worker, clock_)
    changed = post_form(worker, f"/staff/conferences/{record_id}/change", fields)
    assert changed.status_code in (303, 400)
    if changed.status_code == 400:
        assert page(changed).find("input", attrs={"name": "reference"})["value"] == clean_text(reference)[:200]
    else:
        shown = page(record_page(worker, record_id)).find("h1").get_text()
        assert shown == " ".join(clean_text(reference)[:200].split())
    for kind, language in (("parent", "pl"), ("child", name), ("child", "ar")):
        invited = staff_action(
            worker, record_id, "/invitations", {"kind": kind, "language": language, "name": name, "age": year}
        )
        assert invited.status_code in (303, 400)

    manager = _signed_in(fuzz_app, clock_, "manager")
    given_to = staff_action(manager, record_id, "/reassign", {"worker": year})
    assert given_to.status_code in (303, 400, 404)

    admin = _signed_in(fuzz_app, clock_, "admin")
    spare = STAFF.setdefault("spare", _spare_account(fuzz_app))
    moved = post_form(admin, f"/staff/admin/accounts/{spare}", {"action": "change", "role": "worker", "team": year})
    assert moved.status_code in (200, 303, 400)
