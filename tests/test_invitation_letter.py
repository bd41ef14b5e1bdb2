"""The invitation letter (familyguide/invitation_letter.py): the link, the code, the key dates and the team's
phone read back from the PDF in English, Polish, Urdu and Bengali, with the English beside; the QR code drawn
into it decodes to the link; the worker prints it from the record (a new link and code each time)."""

import io
import unicodedata
from datetime import date

import pymupdf
import pytest
import zxingcpp
from flask_babel import force_locale, format_date
from PIL import Image

from familyguide import i18n, invitation_letter
from familyguide.keydates.rules import key_dates

from .support.invite import create_record, invite, record_page
from .support.staff import Clock, csrf_token, set_up

LINK = "https://guide.example.gov.uk/pl/prepare/invite/Zq3_x-8KpLmNoPqRsTuVwXyZ012345"
CODE = "ABCD-EFGH-JKM"
CONFERENCE = date(2027, 3, 10)


def text_of_pdf(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return unicodedata.normalize("NFC", "".join(page.get_text() for page in document))


def squeezed(text):
    return "".join(text.split())


def date_on_one_line(day, text):
    """The date's letters and digits, all of them and no others, on one line. (A right-to-left line reads back
    in the order it is drawn, so "جمعہ، 5 مارچ، 2027" comes back as "2027 ، مارچ5 ،جمعہ".)"""

    def letters(part):
        return sorted(ch for ch in part if ch.isalnum())

    return any(letters(line) == letters(day) for line in text.splitlines())


def qr_codes_in(data):
    """Every QR code on the first page, decoded from the page drawn at 200 dpi."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        picture = document[0].get_pixmap(dpi=200)
        image = Image.open(io.BytesIO(picture.tobytes("png")))
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("lang", ["en", "pl", "ur", "bn"])
def test_the_letter_holds_the_link_code_dates_and_phone_in_the_language_and_in_english(app, lang):
    with app.test_request_context():
        data = invitation_letter.letter_pdf(lang, LINK, CODE, CONFERENCE, "first", phone="01632 960123")
        title = i18n.gettext_in(lang, str(invitation_letter.TITLE._args[0]))
        language = i18n.languages().get(lang)
        with force_locale(language.babel_locale):
            local_dates = [format_date(d.day, "full") for d in key_dates(CONFERENCE, "first")]
    text = text_of_pdf(data)
    assert data.startswith(b"%PDF")
    assert LINK in squeezed(text) and CODE in text and "01632 960123" in text
    assert squeezed(title) in squeezed(text)
    for day in local_dates:
        assert date_on_one_line(day, text), day
    # The English beside: the same dates and sentences in English.
    assert "Wednesday 10 March 2027" in text or "Wednesday, 10 March 2027" in text
    assert "Only your social worker and their manager will see what you send." in " ".join(text.split())
    if lang != "en":
        assert title != "Your invitation to share your views"


def test_the_letter_says_its_conference_date_is_the_real_one_in_the_language_and_in_english(app):
    """Under the dates it said "Your invitation letter or your social worker gives the real date": on the
    letter itself, under the real conference date."""
    with app.test_request_context():
        data = invitation_letter.letter_pdf("pl", LINK, CODE, CONFERENCE, "first")
        english = (
            "The conference date is the real one. The other dates are the latest the rules allow. "
            "Things can happen sooner."
        )
        polish = i18n.gettext_in("pl", english)
    text = " ".join(text_of_pdf(data).split())
    assert polish != english and polish in text and english in text
    assert "Your invitation letter or your social worker gives the real date." not in text


def test_the_qr_code_decodes_to_the_link(app):
    with app.test_request_context():
        data = invitation_letter.letter_pdf("ur", LINK, CODE, CONFERENCE, "review")
    assert qr_codes_in(data) == [LINK]


def test_the_worker_prints_a_letter_with_a_fresh_link_that_opens_the_invitation(any_app, monkeypatch):
    clock_ = Clock(monkeypatch)
    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "letters@council.gov.uk", team="North")
    record_id = create_record(worker, clock_)
    invitation_id = invite(worker, record_id, language="pl")
    page = record_page(worker, record_id)
    response = worker.post(
        f"/staff/conferences/{record_id}/invitations/{invitation_id}/letter", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (link,) = qr_codes_in(response.data)
    assert link.startswith(any_app.config["PUBLIC_URL"] + "/pl/prepare/invite/")
    assert link in squeezed(text_of_pdf(response.data))
    family = any_app.test_client()
    opened = family.get(link.removeprefix(any_app.config["PUBLIC_URL"]))
    assert opened.status_code == 303 and opened.location.endswith("/pl/prepare/")


def test_two_parents_letters_are_named_apart(any_app, monkeypatch):
    """Two parents on one record: their letters had the same file name, easy to hand to the wrong parent."""
    clock_ = Clock(monkeypatch)
    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "two.letters@council.gov.uk", team="North")
    record_id = create_record(worker, clock_)
    names = []
    for lang in ("en", "pl"):
        invitation_id = invite(worker, record_id, language=lang)
        clock_.advance(seconds=30)  # the second parent invited after the first, as on the record's page
        page = record_page(worker, record_id)
        response = worker.post(
            f"/staff/conferences/{record_id}/invitations/{invitation_id}/letter", data={"csrf_token": csrf_token(page)}
        )
        names.append(response.headers["Content-Disposition"])
    assert names == [
        "attachment; filename=invitation-letter-parent-1-en.pdf",
        "attachment; filename=invitation-letter-parent-2-pl.pdf",
    ]


def test_bengali_month_names_with_a_reph_read_back_exactly(app):
    with app.test_request_context():
        data = invitation_letter.letter_pdf("bn", LINK, CODE, CONFERENCE, "first")
    assert "মার্চ" in text_of_pdf(data)
