"""A language's interface strings as a PO file (issue 13): exported and imported again, nothing changes; an
import is checked (the same strings, each translated, the placeholders kept, no HTML added) and a bad file
changes nothing and says why, in the staff area and on the command line. And no markup a translator adds
reaches a family page."""

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyguide import po_files

from .support.apps import make_app
from .support.pagecheck import text_of
from .support.staff import Clock, csrf_token, set_up

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def po_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("po")
    shutil.copytree(ROOT / "translations", folder / "translations")
    return make_app(folder, "po", TRANSLATIONS_DIR=str(folder / "translations"), SERVER_NAME="localhost")


def catalogue(data, lang="pl"):
    return read_po(io.BytesIO(data), locale=lang)


def written(cat):
    out = io.BytesIO()
    write_po(out, cat, **po_files.WRITE_OPTIONS)
    return out.getvalue()


def first(cat, placeholder=False):
    """The first singular message with (or without) a placeholder."""
    return next(
        m for m in cat if m.id and isinstance(m.id, str) and bool(po_files.PLACEHOLDER.search(m.id)) == placeholder
    )


def test_export_then_import_changes_nothing(po_app):
    with po_app.app_context():
        for lang in ("pl", "ar", "cy", "bn"):
            before = po_files.path_of(lang).read_bytes()
            mo_before = po_files.path_of(lang).with_suffix(".mo").read_bytes()
            assert po_files.import_(lang, po_files.export(lang)) == []
            assert po_files.path_of(lang).read_bytes() == before
            assert (
                catalogue(po_files.path_of(lang).with_suffix(".po").read_bytes(), lang)
                .get(first(catalogue(before, lang)).id)
                .string
            )
            assert len(po_files.path_of(lang).with_suffix(".mo").read_bytes()) == len(mo_before)


def test_an_edited_translation_is_imported_and_the_header_stays_ours(po_app):
    with po_app.app_context():
        original = po_files.export("pl")
        cat = catalogue(original)
        message = first(cat)
        message.string = "Nowe tłumaczenie"
        cat.mime_headers = [*cat.mime_headers, ("X-Generator", "Poedit 3.4")]  # what a PO editor adds
        try:
            assert po_files.import_("pl", written(cat)) == []
            stored = catalogue(po_files.export("pl"))
            assert stored.get(message.id).string == "Nowe tłumaczenie"
            assert "X-Generator" not in po_files.export("pl").decode()
        finally:
            po_files.path_of("pl").write_bytes(original)


@pytest.mark.parametrize(
    "change, message",
    [
        ("drop", "Strings of this site missing from the file (1)"),
        ("add", "Strings in the file that this site does not have (1)"),
        ("empty", "Strings with no translation (1)"),
        ("fuzzy", "Strings marked fuzzy (needs work)"),
        ("placeholder", "Strings whose placeholders"),
    ],
)
def test_a_file_that_does_not_fit_is_refused_with_the_reason_and_changes_nothing(po_app, change, message):
    with po_app.app_context():
        before = po_files.export("pl")
        cat = catalogue(before)
        if change == "drop":
            del cat[first(cat).id]
        elif change == "add":
            cat.add("A string this site never had", "Coś")
        elif change == "empty":
            first(cat).string = ""
        elif change == "fuzzy":
            first(cat).flags.add("fuzzy")
        else:
            with_placeholder = first(cat, placeholder=True)
            with_placeholder.string = po_files.PLACEHOLDER.sub("%(kto)s", with_placeholder.string)
        problems = po_files.import_("pl", written(cat))
        assert any(p.startswith(message) for p in problems), problems
        assert po_files.export("pl") == before


def test_not_utf8_and_not_a_po_file_are_refused(po_app):
    with po_app.app_context():
        before = po_files.export("pl")
        assert po_files.import_("pl", 'msgid "é"'.encode("latin-1")) == [
            "The file is not in UTF-8. Save it as UTF-8 in your PO editor and upload it again."
        ]
        assert po_files.import_("pl", b"Hello, this is a letter.")[0].startswith("This is not a PO file")
        assert po_files.export("pl") == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_uploaded_bytes_get_an_answer_and_change_nothing_unless_accepted(po_app, data):
    with po_app.app_context():
        before = po_files.export("pl")
        problems = po_files.import_("pl", data)
        assert problems and all(isinstance(p, str) and p for p in problems)
        assert po_files.export("pl") == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(min_size=1, max_size=80).filter(
        lambda t: t.strip() and not po_files.PLACEHOLDER.search(t) and not po_files.MARKUP.search(t)
    )
)
def test_any_unicode_translation_round_trips_through_a_po_file(po_app, text):
    with po_app.app_context():
        original = po_files.export("pl")
        cat = catalogue(original)
        message = first(cat)
        message.string = text
        try:
            assert po_files.import_("pl", written(cat)) == []
            assert catalogue(po_files.export("pl")).get(message.id).string == text
            assert po_files.import_("pl", po_files.export("pl")) == []  # and once more changes nothing
        finally:
            po_files.path_of("pl").write_bytes(original)


def test_the_translator_downloads_and_uploads_the_po_file(po_app, monkeypatch):
    clock_ = Clock(monkeypatch)
    client = po_app.test_client()
    set_up(po_app, client, clock_, "po@council.gov.uk", role="translator", languages=["pl"])
    download = client.get("/staff/translations/pl/messages.po")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == 'attachment; filename="familyguide-pl.po"'
    with po_app.app_context():
        assert download.data == po_files.export("pl")
    form = client.get("/staff/translations/pl/import")
    bad = catalogue(download.data)
    del bad[first(bad).id]
    refused = client.post(
        "/staff/translations/pl/import",
        data={"csrf_token": csrf_token(form), "po_file": (io.BytesIO(written(bad)), "pl.po")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    assert "Strings of this site missing from the file (1)" in text_of(refused.get_data(as_text=True))
    empty = client.post("/staff/translations/pl/import", data={"csrf_token": csrf_token(form)})
    assert "Choose a PO file to upload." in text_of(empty.get_data(as_text=True))
    accepted = client.post(
        "/staff/translations/pl/import",
        data={"csrf_token": csrf_token(form), "po_file": (io.BytesIO(download.data), "pl.po")},
        content_type="multipart/form-data",
    )
    assert accepted.status_code == 302
    assert "Your PO file is imported." in text_of(client.get(accepted.location).get_data(as_text=True))


def test_export_and_import_on_the_command_line(po_app, tmp_path):
    runner = po_app.test_cli_runner()
    target = tmp_path / "pl.po"
    assert runner.invoke(args=["content", "export-po", "pl", str(target)]).exit_code == 0
    with po_app.app_context():
        assert target.read_bytes() == po_files.export("pl")
    done = runner.invoke(args=["content", "import-po", "pl", str(target)])
    assert done.exit_code == 0 and "Imported the pl strings." in done.output
    target.write_bytes(b"not a po file")
    refused = runner.invoke(args=["content", "import-po", "pl", str(target)])
    assert refused.exit_code == 1 and "Nothing was changed." in refused.output
    assert runner.invoke(args=["content", "export-po", "en", str(target)]).exit_code == 1


# --- No markup a translator adds reaches a page ---------------------------------------------------------------

LEAVE = "Leave this site"  # the quick exit's label: on every family page
META_REFRESH = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
TAGGED = 'Press <strong>Leave this site</strong> or read <a href="/en/guide/staying-safe-online">how to stay safe</a>.'


def edited(data, msgid, msgstr, lang="pl"):
    """``data`` (a PO file) with ``msgid``'s translation replaced, written as a PO editor would."""
    cat = catalogue(data, lang)
    cat[msgid].string = msgstr
    return written(cat)


@pytest.mark.parametrize("lang", sorted(p.name for p in (ROOT / "translations").iterdir() if p.is_dir()))
def test_every_catalogue_of_ours_passes_every_check_the_markup_one_included(po_app, lang):
    data = (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").read_bytes()
    assert [m.id for m in catalogue(data, lang) if m.id and po_files.markup_problem(m)] == []
    with po_app.app_context():
        assert po_files.problems_with(lang, data) == []


@pytest.mark.parametrize(
    "msgstr",
    [
        "Opuść tę stronę<script>alert(1)</script>",
        META_REFRESH + '<a href="https://evil.example/">Opuść tę stronę</a>',
        '<a href="https://evil.example/">Opuść tę stronę</a>',
        "Opuść <img src=x onerror=alert(1) ",  # no ">": the tag would end in the page's own HTML
        "Opuść tę stronę <!-- ",
        "Opuść &lt;script&gt; tę stronę",  # shown as text today, but no code the English does not have
        "Opuść tę stronę &#60;",
        "Opuść tę stronę >",
    ],
)
def test_a_translation_with_markup_its_english_has_not_is_refused(po_app, msgstr):
    with po_app.app_context():
        before = po_files.export("pl")
        problems = po_files.import_("pl", edited(before, LEAVE, msgstr))
        assert problems == [
            "Strings with HTML that the English does not have (a tag like <a> or <meta>, an attribute, or a code "
            "like &lt; or &#60;): keep the English's tags exactly as they are and add no others (1): “Leave this site”."
        ]
        assert po_files.export("pl") == before


@pytest.mark.parametrize(
    "msgstr, refused",
    [
        # The English's tags in another order, as Polish puts them: accepted.
        (
            'Przeczytaj, <a href="/en/guide/staying-safe-online">jak być bezpiecznym</a>, albo naciśnij '
            "<strong>Opuść tę stronę</strong>.",
            False,
        ),
        # An attribute added to a tag the English has.
        (
            'Naciśnij <strong onclick="alert(1)">Opuść tę stronę</strong> albo przeczytaj '
            '<a href="/en/guide/staying-safe-online">jak być bezpiecznym</a>.',
            True,
        ),
        # The link sent elsewhere.
        (
            "Naciśnij <strong>Opuść tę stronę</strong> albo przeczytaj "
            '<a href="https://evil.example/">jak być bezpiecznym</a>.',
            True,
        ),
        # A tag dropped, or one of them twice.
        ('Naciśnij Opuść tę stronę albo przeczytaj <a href="/en/guide/staying-safe-online">jak</a>.', True),
        (
            "Naciśnij <strong>Opuść</strong> <strong>tę stronę</strong> albo przeczytaj "
            '<a href="/en/guide/staying-safe-online">jak być bezpiecznym</a>.',
            True,
        ),
        # The same tag in capitals is another tag.
        ('Naciśnij <STRONG>Opuść tę stronę</STRONG> albo <a href="/en/guide/staying-safe-online">czytaj</a>.', True),
    ],
)
def test_a_translation_keeps_the_tags_of_its_english_exactly_in_any_order(po_app, tmp_path, msgstr, refused):
    assert po_files.markup_problem(Message(TAGGED, msgstr)) is refused
    # And through an upload, for a catalogue with such a string.
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", folder)
    path = folder / "pl" / "LC_MESSAGES" / "messages.po"
    cat = catalogue(path.read_bytes())
    cat.add(
        TAGGED,
        'Naciśnij <strong>Opuść tę stronę</strong> albo przeczytaj <a href="/en/guide/staying-safe-online">'
        "jak być bezpiecznym</a>.",
    )
    path.write_bytes(written(cat))
    app = make_app(tmp_path, "tagged", TRANSLATIONS_DIR=str(folder))
    with app.app_context():
        before = po_files.export("pl")
        problems = po_files.import_("pl", edited(before, TAGGED, msgstr))
        assert bool(problems) is refused, problems
        assert (po_files.export("pl") == before) is refused


def test_a_plural_form_may_have_the_markup_of_either_english_form_and_no_other():
    english = ("<strong>%(num)s</strong> day", "<strong>%(num)s</strong> days")
    good = Message(
        english, ("<strong>%(num)s</strong> dzień", "<strong>%(num)s</strong> dni", "<strong>%(num)s</strong> dni")
    )
    bad = Message(english, ("<strong>%(num)s</strong> dzień", "<strong>%(num)s</strong> dni", "<b>%(num)s</b> dni"))
    assert not po_files.markup_problem(good)
    assert po_files.markup_problem(bad)
    assert po_files.markup_problem(Message(("%(num)s day", "%(num)s days"), ("%(num)s dzień", "<i>%(num)s</i> dni")))


def test_the_translators_upload_with_html_is_refused_and_no_family_page_changes(tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", folder)
    app = make_app(tmp_path, "upload", TRANSLATIONS_DIR=str(folder), SERVER_NAME="localhost")
    client = app.test_client()
    set_up(app, client, Clock(monkeypatch), "agency@translators.example", role="translator", languages=["pl"])
    download = client.get("/staff/translations/pl/messages.po").data
    for msgstr in (
        META_REFRESH + '<a href="https://evil.example/">Opuść tę stronę</a>',
        "Opuść tę stronę<script>location='https://evil.example/'</script>",
    ):
        form = client.get("/staff/translations/pl/import")
        refused = client.post(
            "/staff/translations/pl/import",
            data={"csrf_token": csrf_token(form), "po_file": (io.BytesIO(edited(download, LEAVE, msgstr)), "pl.po")},
            content_type="multipart/form-data",
        )
        assert refused.status_code == 400
        shown = text_of(refused.get_data(as_text=True))
        assert "Nothing was changed." in shown
        assert "Strings with HTML that the English does not have" in shown and "“Leave this site”" in shown
        assert "evil.example" not in refused.get_data(as_text=True)
    assert client.get("/staff/translations/pl/messages.po").data == download
    # The site shows imported strings after a restart: a new app on the same files shows the old label.
    page = make_app(tmp_path, "after", TRANSLATIONS_DIR=str(folder)).test_client().get("/pl/guide/")
    html = page.get_data(as_text=True)
    assert "evil.example" not in html and "<meta http-equiv" not in html
    assert "Opuść tę stronę" in text_of(html)


def test_a_translation_of_a_string_without_markup_is_text_on_the_page_whatever_it_holds(tmp_path):
    """Were a catalogue to hold markup the upload refuses (written into translations/ by hand), the page still
    shows it as text: a string whose English has no markup is escaped, quote marks included (it may stand in an
    attribute)."""
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", folder)
    path = folder / "pl" / "LC_MESSAGES" / "messages.po"
    cat = catalogue(path.read_bytes())
    cat[LEAVE].string = META_REFRESH + 'Opuść" autofocus onfocus="alert(1)'
    cat["Languages"].string = 'Języki" hidden data-x="'
    path.write_bytes(written(cat))
    with open(path.with_suffix(".mo"), "wb") as f:
        write_mo(f, cat)
    app = make_app(tmp_path, "escaped", TRANSLATIONS_DIR=str(folder))
    html = app.test_client().get("/pl/guide/").get_data(as_text=True)
    assert "<meta http-equiv" not in html and '" autofocus' not in html and '" hidden' not in html
    assert "&lt;meta http-equiv=&#34;refresh&#34;" in html
    assert 'aria-label="Języki&#34; hidden data-x=&#34;"' in html


def test_a_string_whose_english_has_markup_keeps_it_on_the_page(po_app):
    with po_app.test_request_context("/pl/guide/"):
        g.lang = "pl"
        rendered = po_app.jinja_env.from_string(
            '{{ _("Press <strong>%(what)s</strong>", what=label) }} {{ _("Leave this site") }}'
        ).render(label="<Leave>")
    assert rendered == "Press <strong>&lt;Leave&gt;</strong> Opuść tę stronę"
