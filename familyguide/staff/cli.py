"""`flask staff ...`: accounts from the command line (the first admin on a fresh install)."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from . import accounts
from .roles import ROLES

staff_cli = AppGroup("staff", help="Staff accounts.")


@staff_cli.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--team", default=None, help="The team's name (made if there is none yet).")
@click.option(
    "--language", "languages", multiple=True, help="A translator's language code (give it once per language)."
)
def add_account(email, role, team, languages):
    """Add an account and print its one-time set-up link."""
    try:
        if languages and role != "translator":
            raise accounts.AccountError("Only a translator has languages.")
        token = accounts.add(email, role, team, create_team=True, languages=languages)
    except accounts.AccountError as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(f"Added {accounts.normalise_email(email)} as {role}.")
    click.echo("Send them this one-time set-up link (it works once, for the next")
    click.echo(f"{current_app.config['STAFF_SETUP_HOURS']} hours):")
    click.echo(accounts.setup_url(token))
