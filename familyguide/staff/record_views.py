"""A worker's conference records: the inbox, a new record, its invitations, reading what a parent sent.

Every view that names a record reaches it through ``_record_or_404``, which asks invitations.record_for: a
worker sees only their own records and a manager their team's; anything else is 404, so a record's
existence is never revealed. The logic lives in familyguide/invitations.py; these views only ask and show."""

from io import BytesIO

from flask import abort, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import clock, i18n, invitations, storage
from ..houses import report as houses_report
from ..houses import store as houses_store
from ..houses.activity import new_activity
from ..numbers import read_number
from ..text import clean_text
from . import audit, bp, guard, letters, record_form, views_reading
from .roles import MANAGER, WORKER

PROBLEMS = {
    "kind": _l("Choose first conference or review conference."),
    "name_too_long": _l("The name or initials must be %(limit)s characters or fewer.", limit=invitations.MAX_NAME),
    "initials_missing": _l("Enter the child's initials."),
    "age": _l("Enter the child's age in years, from 0 to 18."),
    "language": _l("Choose a language."),
    "houses_too_big": _l(
        "This child's Three Houses is now bigger than the site lets one device open (the council lowered the"
        " limit), so it cannot be carried on here. Download its PDF: it stays on the record."
    ),
    "arrived_since": _l(
        "The family sent something new while this page was open. Read it, then mark the record copied."
    ),
}


# Workers and managers only: admins never read family content (their requests for these pages answer 404).
records_only = guard.signed_in(WORKER, MANAGER)


def _audit(action, record_id, session, target=None):
    audit.record(action, actor=g.staff_account, target=target, record_id=record_id, session=session)


def _who_for_files(record, invitation):
    """How a file names whose it is, so that two parents' letters or views on one record are told apart:
    "parent-2-pl" (their place on the record's page and their language; never their name)."""
    number = [i.id for i in record.parents].index(invitation.id) + 1
    return f"parent-{number}-{invitation.language}"


def _record_or_404(record_id):
    record = invitations.record_for(g.staff_account, record_id)
    if record is None:
        abort(404)
    return record


def _invitation_or_404(record_id, invitation_id):
    """The record and its invitation, both reached through the record this account may see."""
    record = _record_or_404(record_id)
    invitation = record.invitation(invitation_id)
    if invitation is None:
        abort(404)
    return record, invitation


def _send_pdf(pdf, file_name):
    return send_file(BytesIO(pdf), mimetype="application/pdf", as_attachment=True, download_name=file_name)


def _languages():
    return [
        (lang.code, f"{lang.english} ({lang.name})" if lang.english != lang.name else lang.name)
        for lang in i18n.languages()
    ]


def _page(template, status=200, **context):
    return render_template(f"staff/records/{template}", languages=dict(_languages()), **context), status


@bp.get("/conferences")
@records_only
def inbox():
    page = request.args.get("page", "1")
    found = invitations.records_for(g.staff_account, read_number(page, 5) or 1)
    return _page("inbox.html", inbox=found, records=found.records, manager=g.staff_account.role == MANAGER)


def _record_form_page(errors, **context):
    return _page("record_form.html", 400 if errors else 200, errors=errors, **context)


@bp.route("/conferences/new", methods=["GET", "POST"])
@records_only
def new_record():
    form, errors = record_form.empty(), {}
    if request.method == "POST":
        today = clock.today()
        form, (reference, conference_date, kind), errors = record_form.read(request.form, today, today)
        if not errors:
            record_id = invitations.create_record(g.staff_account, reference, conference_date, kind, _audit)
            return redirect(url_for("staff.record", record_id=record_id), code=303)
    return _record_form_page(errors, form=form, record=None)


@bp.route("/conferences/<record_id>/change", methods=["GET", "POST"])
@records_only
def change_record(record_id):
    found = _record_or_404(record_id)
    form, errors = record_form.of_record(found), {}
    if request.method == "POST":
        # The date the record has stays allowed, though it is past: a worker may correct only the reference.
        today = clock.today()
        form, (reference, conference_date, kind), errors = record_form.read(
            request.form, min(today, found.conference_date), today
        )
        if not errors:
            invitations.change_record(found, reference, conference_date, kind, _audit)
            return redirect(url_for("staff.record", record_id=record_id), code=303)
    return _record_form_page(errors, form=form, record=found)


@bp.get("/conferences/<record_id>")
@records_only
def record(record_id):
    return _page("record.html", record=_record_or_404(record_id), errors={}, form={}, **_manager_context())


def _manager_context():
    """A manager can give a record to another worker in the team."""
    if g.staff_account.role != MANAGER:
        return {"manager": False, "team_workers": []}
    return {"manager": True, "team_workers": invitations.team_workers(g.staff_account.team_id)}


@bp.post("/conferences/<record_id>/reassign")
@guard.signed_in(MANAGER)
def reassign(record_id):
    found = _record_or_404(record_id)
    chosen = request.form.get("worker", "")
    chosen_id = read_number(chosen, 9)
    if chosen_id is None or not invitations.reassign(found, chosen_id, _audit):
        errors = {"worker": _("Choose a worker in your team.")}
        return _page("record.html", 400, record=found, errors=errors, form={}, **_manager_context())
    return redirect(url_for("staff.record", record_id=record_id), code=303)


@bp.post("/conferences/<record_id>/invitations")
@records_only
def add_invitation(record_id):
    found = _record_or_404(record_id)
    kind = request.form.get("kind")
    form = {name: clean_text(request.form.get(name))[:200] for name in ("name", "language", "age")}
    form["kind"] = kind
    problem = None
    if form["language"] not in dict(_languages()):
        problem = "language"
    else:
        age = read_number(form["age"], 2)
        try:
            invitations.add_invitation(found, kind, form["language"], form["name"], age, _audit)
        except invitations.RecordProblem as error:
            problem = str(error)
    if problem:
        prefix = "child" if kind == invitations.CHILD else "parent"
        field = {"language": "language", "age": "age"}.get(problem, "name")
        errors = {f"{prefix}-{field}": str(PROBLEMS[problem])}
        return _page("record.html", 400, record=found, errors=errors, form=form, **_manager_context())
    return redirect(url_for("staff.record", record_id=record_id), code=303)


@bp.post("/conferences/<record_id>/invitations/<invitation_id>/code")
@records_only
def new_code(record_id, invitation_id):
    found, invitation = _invitation_or_404(record_id, invitation_id)
    made = invitations.new_code(found, invitation.id, _audit) or abort(404)
    return _page("code.html", record=found, invitation=invitation, link=letters.link(invitation, made), code=made.code)


@bp.post("/conferences/<record_id>/invitations/<invitation_id>/letter")
@records_only
def letter(record_id, invitation_id):
    """A new link and code, printed at once into the letter (the old link and code stop working)."""
    found, invitation = _invitation_or_404(record_id, invitation_id)
    made = invitations.new_code(found, invitation.id, _audit) or abort(404)
    audit.record("letter_printed", actor=g.staff_account, record_id=found.id)
    pdf = letters.letter_pdf(found, invitation, made)
    return _send_pdf(pdf, f"invitation-letter-{_who_for_files(found, invitation)}.pdf")


@bp.post("/conferences/<record_id>/invitations/<invitation_id>/cancel")
@records_only
def cancel_invitation(record_id, invitation_id):
    found, invitation = _invitation_or_404(record_id, invitation_id)
    if request.form.get("confirm") != "yes":  # it deletes what the family sent: asked first, as Delete is
        return _page("cancel.html", record=found, invitation=invitation)
    invitations.cancel(found, invitation.id, _audit)
    return redirect(url_for("staff.record", record_id=record_id), code=303)


@bp.get("/conferences/<record_id>/invitations/<invitation_id>/views")
@records_only
def read_views(record_id, invitation_id):
    found, invitation = _invitation_or_404(record_id, invitation_id)
    sent = invitations.latest_sent(found, invitation.id) or abort(404)
    audit.record("views_read", actor=g.staff_account, record_id=found.id)
    invitations.mark_read(invitation.id, sent.version)
    return _page("views.html", record=found, invitation=invitation, sent=sent, rows=views_reading.rows(sent))


@bp.get("/conferences/<record_id>/invitations/<invitation_id>/views.pdf")
@records_only
def views_pdf(record_id, invitation_id):
    found, invitation = _invitation_or_404(record_id, invitation_id)
    sent = invitations.latest_sent(found, invitation.id) or abort(404)
    audit.record("views_pdf_downloaded", actor=g.staff_account, record_id=found.id)
    invitations.mark_read(invitation.id, sent.version)
    pdf = views_reading.pdf(sent)
    name = f"views-{_who_for_files(found, invitation)}-version-{sent.version}.pdf"
    return _send_pdf(pdf, name)


@bp.post("/conferences/<record_id>/invitations/<invitation_id>/three-houses")
@records_only
def start_three_houses(record_id, invitation_id):
    """Start the child's Three Houses on this device, tied to their invitation: it is kept on the record. When
    the record already keeps one, the child carries on with it (on any device: the record is the way back)."""
    found = _record_or_404(record_id)
    child = invitations.child_invitation(found, invitation_id) or abort(404)
    worker_name = g.staff_account.email.partition("@")[0]
    activity = new_activity(child.name, child.age, child.language, worker_name, clock.today().isoformat(), "en")
    try:
        carried_on = houses_store.open_on_record(found, child.id, {**activity, "invitation": child.id})
    except storage.DraftTooBig:  # the council lowered FAMILYGUIDE_DRAFT_MAX_BYTES below what the record keeps
        errors = {f"houses-{child.id}": str(PROBLEMS["houses_too_big"])}
        return _page("record.html", 413, record=found, errors=errors, form={}, **_manager_context())
    audit.record(
        "three_houses_continued" if carried_on else "three_houses_started", actor=g.staff_account, record_id=found.id
    )
    return redirect(url_for("houses.choose_house", lang=child.language), code=303)


@bp.get("/conferences/<record_id>/invitations/<invitation_id>/three-houses.pdf")
@records_only
def three_houses_pdf(record_id, invitation_id):
    found = _record_or_404(record_id)
    child = invitations.child_invitation(found, invitation_id) or abort(404)
    activity = houses_store.kept_on_record(found, child.id) or abort(404)
    audit.record("three_houses_pdf_downloaded", actor=g.staff_account, record_id=found.id)
    with views_reading.in_language(activity.get("worker_lang", "en")):
        pdf = houses_report.build_pdf(activity)
    return _send_pdf(pdf, houses_report.file_name(activity))


@bp.post("/conferences/<record_id>/copied")
@records_only
def mark_copied(record_id):
    found = _record_or_404(record_id)
    if request.form.get("seen", "") != found.newest_arrival:  # the family sent something after the page was shown
        errors = {"mark-copied": str(PROBLEMS["arrived_since"])}
        return _page("record.html", 409, record=found, errors=errors, form={}, **_manager_context())
    invitations.mark_copied(found, _audit)
    return redirect(url_for("staff.record", record_id=record_id), code=303)


@bp.post("/conferences/<record_id>/delete")
@records_only
def delete_record(record_id):
    found = _record_or_404(record_id)
    if request.form.get("confirm") != "yes":
        return _page("delete.html", record=found)
    invitations.delete_record(found, _audit)
    return _page("deleted.html")
