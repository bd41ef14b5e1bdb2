"""The admin's pages: accounts, teams and the audit log. Admins never see family content."""

from datetime import date

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import clock, i18n
from ..numbers import read_number
from ..text import clean_text
from . import accounts, admin, audit, bp, guard, roles
from .accounts import AccountError
from .roles import ROLES


def _page(template, status=200, **context):
    roles_offered = [(role, str(roles.NAMES[role])) for role in ROLES]
    return (
        render_template(
            f"staff/admin/{template}", roles_offered=roles_offered, languages_offered=_languages_offered(), **context
        ),
        status,
    )


def _languages_offered():
    every = i18n.languages()
    return [(code, every.get(code).english) for code in accounts.translatable_languages()]


def _form_languages():
    return [code for code in request.form.getlist("languages") if code.isascii() and len(code) <= 8]


def _form_text(name, limit):
    return clean_text(request.form.get(name))[:limit]


@bp.route("/admin/accounts", methods=["GET", "POST"])
@guard.admin_only
def admin_accounts():
    """The list of accounts, and the form to add one (the set-up link is shown once, to hand over)."""
    empty = {"email": "", "role": "worker", "team": "", "languages": []}
    form, error, link, error_field = empty, None, None, None
    if request.method == "POST":
        form = {
            "email": _form_text("email", 254),
            "role": request.form.get("role", ""),
            "team": _form_text("team", 100),
            "languages": _form_languages(),
        }
        try:
            token = accounts.add(
                form["email"], form["role"], form["team"] or None, actor=g.staff_account, languages=form["languages"]
            )
            link, added = accounts.setup_url(token), accounts.normalise_email(form["email"])
            form = empty
            return _page(
                "accounts.html",
                accounts=accounts.all_accounts(),
                team_choices=_team_choices(),
                teams=admin.team_names(),
                form=form,
                link=link,
                added=added,
                error_field=None,
            )
        except AccountError as problem:
            error, error_field = str(problem), problem.field
    return _page(
        "accounts.html",
        400 if error else 200,
        error_field=error_field,
        accounts=accounts.all_accounts(),
        team_choices=_team_choices(),
        teams=admin.team_names(),
        form=form,
        error=error,
    )


def _team_choices():
    return [(name, name) for name in sorted(admin.team_names().values())]


def _account_or_404(account_id):
    account = accounts.get(account_id)
    if account is None:
        abort(404)
    return account


@bp.route("/admin/accounts/<int:account_id>", methods=["GET", "POST"])
@guard.admin_only
def admin_account(account_id):
    account, error, link, error_field = _account_or_404(account_id), None, None, None
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "change":
                team = request.form.get("team", "")
                team_id = read_number(team, 9)
                admin.change_account(
                    account_id, request.form.get("role", ""), team_id, g.staff_account, _form_languages()
                )
            elif action in ("disable", "enable"):
                admin.set_disabled(account_id, action == "disable", g.staff_account)
            elif action == "reset":
                link = accounts.setup_url(admin.reset_sign_in(account_id, g.staff_account))
            elif action == "delete" and request.form.get("confirm") != "yes":
                return _page(
                    "delete_account.html", account=account, **admin.what_deleting_leaves(account_id=account_id)
                )
            elif action == "delete":
                admin.delete_account(account_id, g.staff_account)
                return redirect(url_for("staff.admin_accounts"))
            else:
                error = _("Choose what to do.")
        except AccountError as problem:
            error, error_field = str(problem), problem.field
        account = accounts.get(account_id)
    team_options = [(t.id, t.name) for t in admin.teams()]
    return _page(
        "account.html",
        400 if error else 200,
        account=account,
        team_options=team_options,
        error=error,
        error_field=error_field,
        link=link,
    )


@bp.route("/admin/teams", methods=["GET", "POST"])
@guard.admin_only
def admin_teams():
    name, error = "", None
    if request.method == "POST":
        name = _form_text("name", 200)
        try:
            admin.add_team(name, g.staff_account)
            name = ""
        except AccountError as problem:
            error = str(problem)
    return _page("teams.html", 400 if error else 200, teams=admin.teams(), name=name, error=error)


@bp.route("/admin/teams/<int:team_id>", methods=["GET", "POST"])
@guard.admin_only
def admin_team(team_id):
    team = next((t for t in admin.teams() if t.id == team_id), None)
    if team is None:
        abort(404)
    name, error = team.name, None
    if request.method == "POST":
        try:
            if request.form.get("action") == "delete" and request.form.get("confirm") != "yes":
                return _page("delete_team.html", team=team, **admin.what_deleting_leaves(team_id=team_id))
            if request.form.get("action") == "delete":
                admin.delete_team(team_id, g.staff_account)
                return redirect(url_for("staff.admin_teams"))
            name = _form_text("name", 200)
            admin.rename_team(team_id, name, g.staff_account)
        except AccountError as problem:
            error = str(problem)
    return _page("team.html", 400 if error else 200, team=team, name=name, error=error)


def _date_arg(name):
    value = request.args.get(name, "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return False


def _audit_filters():
    since, until = _date_arg("since"), _date_arg("until")
    errors = [label for label, value in (("From", since), ("To", until)) if value is False]
    filters = audit.Filters(
        who=clean_text(request.args.get("who"))[:254],
        action=request.args.get("action", ""),
        since=since or None,
        until=until or None,
    )
    return filters, errors


AUDIT_PAGE_ROWS = 500


@bp.get("/admin/audit")
@guard.admin_only
def admin_audit():
    filters, errors = _audit_filters()
    rows = [] if errors else audit.entries(filters, limit=AUDIT_PAGE_ROWS)
    return _page(
        "audit.html",
        400 if errors else 200,
        rows=rows,
        filters=filters,
        errors=errors,
        actions={code: str(label) for code, label in audit.ACTIONS.items()},
        args=request.args,
        limit=AUDIT_PAGE_ROWS,
    )


@bp.get("/admin/audit.csv")
@guard.admin_only
def admin_audit_csv():
    filters, errors = _audit_filters()
    if errors:
        return redirect(url_for("staff.admin_audit", **request.args))
    body = audit.as_csv(audit.entries(filters))
    audit.record("audit_exported", actor=g.staff_account)
    name = f"audit-{clock.now():%Y-%m-%d}.csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})
