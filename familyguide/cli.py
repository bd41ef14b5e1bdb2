"""Commands for a council's IT team and for translators: `flask --app familyguide <command>`."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from . import db, easy_read, invitations, po_files, readability, storage, translation_checks
from .content import SOURCE_LANGUAGE, version_of, with_source
from .pages import library
from .staff import accounts as staff_accounts
from .staff import audit as staff_audit
from .staff import devices as staff_devices
from .staff import sessions as staff_sessions
from .staff.cli import staff_cli

content_cli = AppGroup("content", help="Check the council content.")
db_cli = AppGroup("db", help="The database schema.")
keys_cli = AppGroup("keys", help="The encryption keys (new keys: python -m familyguide.keys).")


@content_cli.command("scores")
def print_scores():
    """Print every English page's reading scores (goal: grade 5, 12 words a sentence)."""
    click.echo(f"{'page':<45} {'grade':>6} {'words/sentence':>15}")
    for section, page in _english_pages():
        scores = readability.score(easy_read.reading_blocks(section, page.title, page.body))
        flag = "" if scores.within_limits else "  OVER THE LIMIT"
        click.echo(f"{section + '/' + page.slug:<45} {scores.grade:>6.1f} {scores.words_per_sentence:>15.1f}{flag}")


@content_cli.command("status")
@click.option("--strict", is_flag=True, help="Exit 1 if any page is missing or stale.")
def print_status(strict):
    """List, per language, the pages that are missing or made from an older English page, and how many pages
    a qualified translator has checked (checked, stale: checked against an older English, not checked)."""
    problems = 0
    languages = current_app.extensions["familyguide.languages"]
    for language in languages:
        if language.code == SOURCE_LANGUAGE:
            continue
        _print_checks(language.code)
        for section in _sections():
            missing, stale = library().status(language.code, section)
            problems += len(missing) + len(stale)
            for slug in missing:
                click.echo(f"{language.code}: missing {section}/{slug}")
            for slug in stale:
                click.echo(f"{language.code}: stale   {section}/{slug} (the English page has changed)")
    click.echo(f"{problems} page(s) missing or stale." if problems else "Every language has every page, up to date.")
    if strict and problems:
        sys.exit(1)


def _print_checks(lang):
    statuses = translation_checks.statuses(lang)
    count = {state: sum(1 for s in statuses if s.state == state) for state in translation_checks.STATES}
    click.echo(
        f"{lang}: {count[translation_checks.CHECKED]} checked, {count[translation_checks.STALE]} stale, "
        f"{count[translation_checks.NOT_CHECKED]} not checked by a qualified translator"
    )
    for status in statuses:
        if status.state == translation_checks.STALE:
            why = "an older English version" if status.english_changed else "an older translation"
            click.echo(f"{lang}: stale   {status.source.page} (checked against {why})")


@content_cli.command("export-po")
@click.argument("lang")
@click.argument("target", type=click.File("wb"))
def export_po(lang, target):
    """Write LANG's interface strings to TARGET as a PO file (any PO editor opens it; "-" for the screen)."""
    if lang == SOURCE_LANGUAGE or lang not in current_app.extensions["familyguide.languages"]:
        click.echo(f"There is no translated language with the code {lang}.", err=True)
        sys.exit(1)
    target.write(po_files.export(lang))


@content_cli.command("import-po")
@click.argument("lang")
@click.argument("source", type=click.File("rb"))
def import_po(lang, source):
    """Replace LANG's interface strings with those in the PO file SOURCE, after checking it (the same strings,
    each translated, placeholders kept). Restart the site to show them."""
    if lang == SOURCE_LANGUAGE or lang not in current_app.extensions["familyguide.languages"]:
        click.echo(f"There is no translated language with the code {lang}.", err=True)
        sys.exit(1)
    problems = po_files.import_(lang, source.read())
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo("Nothing was changed.", err=True)
        sys.exit(1)
    click.echo(f"Imported the {lang} strings. Restart the site to show them.")


@content_cli.command("stamp")
@click.argument("lang")
@click.argument("page")
def stamp_translation(lang, page):
    """Record that content/LANG/PAGE.md now matches the current English page (PAGE is e.g. guide/words)."""
    english = library().root / SOURCE_LANGUAGE / f"{page}.md"
    translated = library().root / lang / f"{page}.md"
    text = translated.read_text(encoding="utf-8")
    translated.write_text(with_source(text, version_of(english.read_text(encoding="utf-8"))), encoding="utf-8")
    click.echo(f"{lang}/{page}: made from English version {version_of(english.read_text(encoding='utf-8'))}")


@db_cli.command("upgrade")
def upgrade_database():
    """Bring the database schema up to date."""
    db.upgrade(current_app.extensions["familyguide.db_url"])
    click.echo("Database is up to date.")


@keys_cli.command("rotate")
def rotate_keys():
    """Re-wrap every stored draft key with the first key in FAMILYGUIDE_ENCRYPTION_KEY, so the others can go."""
    done, unreadable = storage.reencrypt_all()
    click.echo(f"Re-wrapped {done} draft key(s) with the first key.")
    secrets_done, secrets_unreadable = staff_accounts.reencrypt_secrets()
    click.echo(f"Re-encrypted {secrets_done} staff second-factor secret(s) with the first key.")
    unreadable += secrets_unreadable
    records_done, records_unreadable = invitations.reencrypt_keys()
    click.echo(f"Re-encrypted {records_done} conference record key(s) with the first key.")
    unreadable += records_unreadable
    if unreadable:
        click.echo(f"{unreadable} draft key(s) could not be opened with any key: unreadable until purged.")
        sys.exit(1)


@click.command("purge")
def purge_expired():
    """Delete drafts, conference records, staff sessions, known devices and audit entries past their time.
    Schedule it daily (see README)."""
    click.echo(f"Deleted {storage.purge_expired()} expired draft(s).")
    click.echo(f"Deleted {invitations.purge_expired()} conference record(s) past their deletion date.")
    staff_sessions.purge()
    click.echo(f"Forgot {staff_devices.purge()} staff device(s) not used to sign in for too long.")
    click.echo(f"Deleted {staff_audit.purge()} audit entries older than the retention period.")


def _sections():
    root = library().root / SOURCE_LANGUAGE
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def _english_pages():
    for section in _sections():
        for page in library().pages(SOURCE_LANGUAGE, section):
            yield section, page


def register_commands(app):
    app.cli.add_command(content_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(purge_expired)
    app.cli.add_command(staff_cli)
