"""Fuzzing the preparation chat and the resume code, through to the parent's views PDF."""

from datetime import date, timedelta

from hypothesis import event, example, given
from hypothesis import strategies as st

from familyguide import clock
from familyguide.prepare.about import MAX_CHILD_LENGTH, MAX_PARENT_LENGTH, file_name
from familyguide.prepare.answers import MAX_LENGTH
from familyguide.prepare.drafts import KIND, SESSION_KEY
from familyguide.text import clean_text

from ..support.pdf import downloaded_name
from .checks import csrf_token, kept_in, never_a_server_error, new_client, page, says_what_is_wrong, stored
from .pdftext import missing_from, pdf_text
from .strategies import family_text, number_box

BASE = "/en/prepare"
TEXT_QUESTIONS = (
    "going_well",
    "want_known",
    "needs_to_change",
    "worries",
    "help_needed",
    "next_steps",
    "network",
    "disagree",
    "on_the_day",
    "one_point_up",
)
PAGE_FOOTER = r"Page \d+ of \d+"

actions = st.one_of(st.sampled_from(["answer", "answer", "answer", "not_sure", "skip"]), family_text(20))


def post(client, path, data):
    token = csrf_token(client, f"{BASE}/come-back")
    return never_a_server_error(client.post(BASE + path, data={"csrf_token": token, **data}))


@given(
    answers=st.dictionaries(st.sampled_from(TEXT_QUESTIONS), st.tuples(family_text(MAX_LENGTH), actions), max_size=4),
    kind=st.one_of(st.sampled_from(["first", "review"]), family_text(20)),
    scale=st.one_of(st.sampled_from([str(n) for n in range(11)]), family_text(5)),
)
# No font has U+10FD (Georgian) or U+0380 (unassigned): one stand-in glyph draws both, and its /ActualText gives
# each back. MuPDF read "0ჽ": the second ჽ, after the span of "0‌ჽ", taken for fake bold (see squeezed).
@example(
    answers={"want_known": ("\u0380", "answer"), "going_well": ("0\u200c\u10fd\u10fd", "answer")},
    kind="first",
    scale="0",
)
# Marks after a line break have no letter to sit on: read back, they may come between the letters.
@example(answers={"going_well": ("0\n\u0300\u0300\u1c24\u1360", "answer")}, kind="first", scale="0")
def test_any_answer_is_stored_exactly_or_refused_with_the_text_kept_and_reaches_the_pdf(fuzz_app, answers, kind, scale):
    client = new_client(fuzz_app)
    post(client, "/start", {})
    kind_response = post(client, "/chat/conference_kind", {"choice": kind})
    if clean_text(kind) not in ("first", "review"):
        says_what_is_wrong(kind_response, "answer")
        post(client, "/chat/conference_kind", {"choice": "first"})
    scale_response = post(client, "/chat/scale", {"choice": scale})
    if clean_text(scale) not in [str(n) for n in range(11)]:
        says_what_is_wrong(scale_response, "answer")
    accepted = {}
    for key, (text, action) in answers.items():
        response = post(client, f"/chat/{key}", {"answer": text, "action": action})
        value = clean_text(text)
        record = stored(fuzz_app, client, SESSION_KEY, KIND)["answers"].get(key)
        if response.status_code == 400:
            says_what_is_wrong(response, "answer")
            kept_in(response, "answer", value)
            assert record is None
            continue
        assert response.status_code == 303
        if action in ("not_sure", "skip"):
            assert record["status"] in ("not_sure", "skipped") and record["value"] == ""
        else:
            assert 0 < len(value) <= MAX_LENGTH
            assert record == {"status": "answered", "value": value}
            accepted[key] = value
    pdf = client.raw.get(f"{BASE}/my-views-for-the-conference.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.data, furniture=[PAGE_FOOTER])
    for key, value in accepted.items():
        assert missing_from(value, text) == "", key


@given(code=st.one_of(family_text(60), st.text("ABCDEFGHJKMNPQRSTUVWXYZ23456789- ", max_size=12)))
def test_a_resume_code_that_does_not_open_anything_is_refused_and_kept(fuzz_app, code):
    client = new_client(fuzz_app)
    token = csrf_token(client, f"{BASE}/come-back")
    response = never_a_server_error(client.post(f"{BASE}/come-back", data={"csrf_token": token, "code": code}))
    says_what_is_wrong(response, "code")
    kept_in(response, "code", clean_text(code)[:40])


ABOUT_FIELDS = ("parent", "child", "day", "month", "year")
KEPT = {"parent": "Amina Begum", "child": "AB", "date": ""}


@given(
    parent=family_text(MAX_PARENT_LENGTH),
    child=family_text(MAX_CHILD_LENGTH),
    when=st.one_of(
        st.just(("", "", "")),
        st.dates(date.today() - timedelta(days=300), date.today() + timedelta(days=300)).map(
            lambda day: (str(day.day), str(day.month), str(day.year))
        ),
        st.tuples(number_box(1, 31), number_box(1, 12), number_box(2025, 2028)),
    ),
)
def test_whose_views_changed_to_anything_is_shown_and_named_in_the_pdf_or_refused_with_the_text_kept(
    fuzz_app, parent, child, when
):
    client = new_client(fuzz_app)
    post(client, "/start", {"parent": KEPT["parent"], "child": KEPT["child"]})
    typed = dict(zip(ABOUT_FIELDS, (parent, child, *when), strict=True))
    response = post(client, "/whose-views", typed)
    record = stored(fuzz_app, client, SESSION_KEY, KIND)["about"]
    event(f"whose views: {response.status_code}")
    if response.status_code == 400:
        says_what_is_wrong(response)
        for name, value in typed.items():
            kept_in(response, name, clean_text(value)[:200])
        assert record == KEPT
        return
    assert response.status_code == 303 and response.headers["Location"].endswith("/check-your-answers#whose-views")
    assert record["parent"] == clean_text(parent) and record["child"] == clean_text(child)
    shown = [dd.get_text() for dd in page(client.get(f"{BASE}/check-your-answers")).select("#whose-views + dl bdi")]
    given_names = [value for value in (record["parent"], record["child"]) if value]
    assert shown[: len(given_names)] == given_names  # exactly as stored, escaped (never markup)
    assert len(shown) == len(given_names) + bool(record["date"])
    assert not record["date"] or shown[-1].endswith(record["date"][:4])  # "2 February 2027"
    again = client.get(f"{BASE}/whose-views")
    for name in ("parent", "child"):
        kept_in(again, name, record[name])
    pdf = client.raw.get(f"{BASE}/my-views-for-the-conference.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert downloaded_name(pdf) == file_name(record, clock.today())
    text = pdf_text(pdf.data, furniture=[PAGE_FOOTER])
    for name in ("parent", "child"):
        assert missing_from(record[name], text) == "", name
