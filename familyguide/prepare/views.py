"""Routes of the preparation chat. Thin: the rules live in journey.py and answers.py."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from .. import clock, current, i18n, invitations, limits, resume_guard, site, storage, translation_checks
from ..content import SOURCE_LANGUAGE
from ..form_input import BAD_INPUT
from ..fragments import hole, kept_parts
from ..kept_pages import kept_page
from ..text import clean_text
from . import about, drafts, messages, questions, views_pdf
from . import answers as answer_form
from .drafts import DraftMissing
from .questions import explanation_html

bp = Blueprint("prepare", __name__, url_prefix="/<lang>/prepare", template_folder="templates")

CURRENT = "current-question"
WHOSE_VIEWS = "whose-views"
limits.limit_volume("prepare.start_draft", "drafts")
limits.limit_volume("prepare.download_pdf", "pdfs")


@bp.before_request
def translated_from():
    """The "not checked by a qualified translator" note: the chat's questions and the interface strings."""
    translation_checks.shows_section(questions.SECTION)


def _about_errors(form):
    """The "whose views" form's error codes as sentences in the parent's language."""
    return {name: messages.ABOUT_ERRORS[code] for name, code in form.errors.items()}


def _start_page(form, status=200):
    invitation = invite_views.pending_invitation()
    return render_template(
        "prepare/start.html",
        has_draft=drafts.has_draft(),
        invited=invitation is not None,
        can_send=invitation is not None and invitation.can_send,
        form=form,
        errors=_about_errors(form),
        field_ids={"date": "day"},
    ), status


@bp.get("/")
def start():
    # The same for every visitor but for its form's CSRF token, whether this session has a draft and whether it
    # came from an invitation that can still be sent to: kept.
    invitation = invite_views.pending_invitation()
    invited = invitation is not None and ("can send" if invitation.can_send else "cannot send")
    return kept_page(lambda: _start_page(about.AboutInput())[0], drafts.has_draft(), invited)


@bp.post("/start")
def start_draft():
    form = about.read(request.form, clock.today())
    if form.errors:
        return _start_page(form, form.http_status)
    invitation = invite_views.pending_invitation()
    drafts.start(form.as_record(), invitation.id if invitation else None)
    session.pop(invite_views.PENDING, None)
    return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)


@bp.get("/chat")
def show_chat():
    if not drafts.has_draft():
        return redirect(url_for("prepare.start"))
    answers = drafts.load()
    journey = questions.journey(g.lang)
    question = journey.get(current.query_value("change", "")) or journey.next_unanswered(answers)
    if question is None or not journey.applies(question, answers):
        return redirect(url_for("prepare.check_answers"))
    record = answers.get(question.key, {})
    typed = answer_form.AnswerInput(text=record.get("value", ""))
    return _chat_page(journey, answers, question, typed)


@bp.post("/chat/<key>")
@storage.retry_on_conflict
def answer_question(key):
    journey = questions.journey(g.lang)
    question = journey.get(key) or abort(404)
    answers = drafts.load()
    if not journey.applies(question, answers):
        # Not this parent's question (a first conference, or one the council switched off): nothing is stored.
        return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)
    typed = answer_form.read(question, request.form)
    if typed.error:
        typed.errors = {"answer": messages.ERRORS[typed.error]}
        return _chat_page(journey, answers, question, typed, status=typed.http_status)
    answers[question.key] = typed.as_record()
    try:
        drafts.save(answers)
    except storage.DraftTooBig:
        typed.errors = {"answer": messages.ERRORS["draft_full"]}
        return _chat_page(journey, drafts.load(), question, typed, status=413)
    if drafts.invitation_id():
        invitations.mark_started(drafts.invitation_id())
    if journey.is_complete(answers):
        return redirect(url_for("prepare.check_answers"), code=303)
    return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)


def _log(earlier, answers):
    """The chat so far: each earlier question, the parent's answer and the helper's reply, kept but for the
    answer."""
    current_lang = i18n.current_language()
    return kept_parts(
        "prepare/_log_item.html",
        (_log_item(number, q, answers[q.key], current_lang) for number, q in enumerate(earlier, 1)),
    )


def _log_item(number, q, answer, current_lang):
    """One earlier question as fragments.kept_parts takes it: what its kept part depends on, the parent's
    answer for its hole, and what its template is given."""
    context = {"q": q, "status": answer["status"], "number": number, "messages": messages, "current_lang": current_lang}
    return (q.key, answer["status"], number), {"answer": messages.answer_html(q, answer)}, context


def _chat_page(journey, answers, question, typed, status=200):
    number, total = journey.position(question, answers)
    log = _log(journey.before(question, answers), answers)
    previous = journey.previous(question, answers)
    answered_any = bool(journey.answered_steps(answers))

    def page(log):
        return render_template(
            "prepare/chat.html",
            log=log,
            question=question,
            number=number,
            total=total,
            typed=typed,
            errors=typed.errors,
            previous=previous,
            explanation=explanation_html(question, g.lang),
            remaining=answer_form.remaining(typed.text),
            max_length=answer_form.MAX_LENGTH,
            answered_any=answered_any,
            messages=messages,
        )

    if typed.errors or (question.kind == "text" and typed.text):
        return page(log), status  # what the parent typed is in the page: built for this request alone
    # Otherwise the page is the same for every parent at this point but for the log: kept, with a hole for it.
    # A choice question's kept page names the choice made (a value from the question's own list, never words).
    kept = kept_page(
        lambda: page(hole("log")),
        question.key,
        number,
        total,
        previous and previous.key,
        answered_any,
        typed.text,
        holes={"log": log},
    )
    return kept, status


@bp.get("/check-your-answers")
def check_answers():
    answers = drafts.load()
    journey = questions.journey(g.lang)
    rows = [(q, answers.get(q.key)) for q in journey.steps(answers)]
    return render_template(
        "prepare/check.html",
        rows=rows,
        invitation=invitations.for_family(drafts.invitation_id()),
        complete=journey.is_complete(answers),
        messages=messages,
        may_need_translating=g.lang != SOURCE_LANGUAGE,
        whose=about.from_record(drafts.about()),
    )


@bp.get("/whose-views")
def change_about():
    return _about_page(about.from_record(drafts.about()))


@bp.post("/whose-views")
@storage.retry_on_conflict
def save_about():
    form = about.read(request.form, clock.today())
    if form.errors:
        return _about_page(form, form.http_status)
    drafts.save_about(form.as_record())
    return redirect(url_for("prepare.check_answers", _anchor=WHOSE_VIEWS), code=303)


def _about_page(form, status=200):
    return render_template(
        "prepare/whose_views.html", form=form, errors=_about_errors(form), field_ids={"date": "day"}
    ), status


@bp.get("/my-views-for-the-conference.pdf")
def download_pdf():
    return views_pdf.download(drafts.load(), questions.journey(g.lang), drafts.version(), drafts.about())


@bp.post("/save")
def save_for_later():
    drafts.load()  # a draft must exist before it can have a code
    return render_template(
        "prepare/saved.html",
        code=drafts.issue_code(),
        days=current_app.config["DRAFT_RETENTION_DAYS"],
        come_back_url=url_for("prepare.show_resume_form", _external=True),
    )


@bp.get("/come-back")
def show_resume_form():
    return render_template("prepare/resume.html", code="", errors={})


@bp.post("/come-back")
def resume():
    code = clean_text(request.form.get("code"))[:40]
    if not resume_guard.allow_attempt(request.remote_addr):
        return render_template("prepare/too_many_tries.html"), 429
    error = drafts.resume(code) if code else "code_missing"
    if error:
        return render_template("prepare/resume.html", code=code, errors={"code": messages.ERRORS[error]}), BAD_INPUT
    resume_guard.right_code(request.remote_addr)
    return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)


@bp.get("/delete")
def confirm_delete():
    return render_template("prepare/delete.html", has_draft=drafts.has_draft())


@bp.post("/delete")
def delete_answers():
    drafts.delete()
    return render_template("prepare/deleted.html")


def _problem(template, status):
    def handler(error):
        return render_template(template, typed=request.form.get("answer", "")), status

    return handler


def _unavailable(error):
    return site.unavailable_page(
        error,
        request.form.get("answer", ""),
        url_for("prepare.start"),
        _("Go to the start of “Get ready for the conference”"),
    )


bp.register_error_handler(DraftMissing, _problem("prepare/missing.html", 404))
bp.register_error_handler(OperationalError, _unavailable)
bp.register_error_handler(storage.DraftConflict, _unavailable)
bp.register_error_handler(
    CSRFError, lambda error: (render_template("prepare/form_expired.html", typed=site.typed_text()), 400)
)


from . import invite_views  # noqa: E402  (its routes register on bp)
