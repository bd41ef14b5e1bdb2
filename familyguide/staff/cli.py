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
def add_account(email, role, team):
    """Add an account and print its one-time set-up link."""
    try:
        token = accounts.add(email, role, team, create_team=True)
    except accounts.AccountError as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(f"Added {accounts.normalise_email(email)} as {role}.")
    click.echo("Send them this one-time set-up link (it works once, for the next")
    click.echo(f"{current_app.config['STAFF_SETUP_HOURS']} hours):")
    click.echo(accounts.setup_url(token))
