"""Any Unicode a worker types as a case reference or a name, and a parent as their answer, comes back exactly
(spaces tidied) and escaped, or gets a clear message with the text kept; never a server error."""

from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyguide import invitations
from familyguide.text import clean_text

from .support.invite import create_record, day_fields, record_page
from .support.pagecheck import text_of
from .support.staff import Clock, csrf_token, post_form, set_up

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def test_any_reference_and_name_come_back_exactly_and_escaped(app, monkeypatch):
    clock_ = Clock(monkeypatch)
    worker = app.test_client()
    set_up(app, worker, clock_, "unicode@council.gov.uk", team="North")
    record_id = create_record(worker, clock_)

    @SETTINGS
    @given(st.text(max_size=120))
    def reference_round_trip(typed):
        clock_.advance(seconds=1)
        response = post_form(
            worker,
            "/staff/conferences/new",
            {"reference": typed, "kind": "first", **day_fields(clock_.moment, 30)},
        )
        expected = " ".join(clean_text(typed)[:200].split())
        if not expected or len(expected) > invitations.MAX_REFERENCE:
            assert response.status_code == 400
            assert escape(clean_text(typed)[:200], quote=True) in response.get_data(as_text=True)
            return
        assert response.status_code == 303, response.get_data(as_text=True)
        page = worker.get(response.location)
        assert page.status_code == 200 and expected in text_of(page.data)

    @SETTINGS
    @given(st.text(max_size=120))
    def name_round_trip(typed):
        clock_.advance(seconds=1)
        page = record_page(worker, record_id)
        response = worker.post(
            f"/staff/conferences/{record_id}/invitations",
            data={"kind": "parent", "language": "ar", "name": typed, "csrf_token": csrf_token(page)},
        )
        expected = " ".join(clean_text(typed)[:200].split())
        if len(expected) > invitations.MAX_NAME:
            assert response.status_code == 400 and "100 characters or fewer" in text_of(response.data)
            return
        assert response.status_code == 303
        if expected:
            assert expected in text_of(record_page(worker, record_id).data)

    reference_round_trip()
    name_round_trip()
