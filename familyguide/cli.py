"""Commands for a council's IT team and for translators: `flask --app familyguide <command>`."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from . import db, easy_read, readability, storage
from .content import SOURCE_LANGUAGE, version_of, with_source
from .pages import library
from .staff import accounts as staff_accounts
from .staff import audit as staff_audit
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
    """List, per language, the pages that are missing or made from an older English page."""
    problems = 0
    languages = current_app.extensions["familyguide.languages"]
    for language in languages:
        if language.code == SOURCE_LANGUAGE:
            continue
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
    if unreadable:
        click.echo(f"{unreadable} draft key(s) could not be opened with any key: unreadable until purged.")
        sys.exit(1)


@click.command("purge")
def purge_expired():
    """Delete drafts, staff sessions and audit entries past their time. Schedule it daily (see README)."""
    click.echo(f"Deleted {storage.purge_expired()} expired draft(s).")
    staff_sessions.purge()
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
