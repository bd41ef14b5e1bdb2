"""A language's interface strings as a PO file (issue 13): exported and imported again, nothing changes; an
import is checked (the same strings, each translated, the placeholders kept) and a bad file changes nothing
and says why, in the staff area and on the command line."""

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
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
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip() and not po_files.PLACEHOLDER.search(t)))
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
