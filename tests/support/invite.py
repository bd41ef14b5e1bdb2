"""Steps the invitation tests share: a worker's record, an invitation's link and code, a parent using them."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from .pagecheck import text_of
from .prepare import Parent
from .staff import csrf_token, post_form

# What the audit trail holds after a record's whole story: created, a parent invited and answering, the
# worker reading and downloading, the record marked copied.
STORY_ACTIONS = frozenset(
    {
        "record_created",
        "invitation_added",
        "code_issued",
        "views_sent",
        "views_read",
        "views_pdf_downloaded",
        "record_copied",
    }
)


def day_fields(moment, days_ahead):
    day = (moment + timedelta(days=days_ahead)).date()
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def create_record(client, clock_, reference="Case 4471/AB", kind="first", days_ahead=6):
    data = {"reference": reference, "kind": kind, **day_fields(clock_.moment, days_ahead)}
    response = post_form(client, "/staff/conferences/new", data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.location.rsplit("/", 1)[1]


def record_page(client, record_id):
    return client.get(f"/staff/conferences/{record_id}")


def invite(client, record_id, kind="parent", language="en", name="", age=""):
    page = record_page(client, record_id)
    before = set(re.findall(r"/invitations/([\w-]+)/", page.get_data(as_text=True)))
    response = client.post(
        f"/staff/conferences/{record_id}/invitations",
        data={"kind": kind, "language": language, "name": name, "age": age, "csrf_token": csrf_token(page)},
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    after = set(re.findall(r"/invitations/([\w-]+)/", record_page(client, record_id).get_data(as_text=True)))
    if kind == "child":
        return None
    (new,) = after - before
    return new


def new_code(client, record_id, invitation_id):
    """(link path, code) as the worker sees them once."""
    page = record_page(client, record_id)
    response = client.post(
        f"/staff/conferences/{record_id}/invitations/{invitation_id}/code", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    link = re.search(r'<p class="setup-link" id="invitation-link">([^<]+)</p>', html).group(1)
    code = re.search(r'<p class="secret" id="invitation-code">([^<]+)</p>', html).group(1)
    return urlsplit(link).path, code


def staff_action(client, record_id, path, data=None):
    """Press a button of the record's page, as a browser sends its form (with what the page put in it)."""
    page = record_page(client, record_id)
    sent = {"csrf_token": csrf_token(page), **(data or {})}
    if path == "/copied":  # the copy button's form says what the worker saw
        sent.setdefault("seen", re.search(r'name="seen" value="([^"]*)"', page.get_data(as_text=True)).group(1))
    return client.post(f"/staff/conferences/{record_id}{path}", data=sent)


class InvitedParent(Parent):
    def open_link(self, path):
        return self.client.raw.get(path)

    def send(self):
        assert "What happens when you send" in self.page_text("/send")
        return self.post("/send")

    def text_of_response(self, response):
        return text_of(response.get_data(as_text=True))
