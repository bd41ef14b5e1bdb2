"""The worker's pages: start a Three Houses, the guide, the worker's page, the PDF, delete."""

from datetime import date

from flask import g, redirect, render_template, request, url_for

from .. import clock, i18n, limits
from ..pdf.download import pdf_download
from . import form as houses_form
from . import report, store, texts
from .activity import HOUSES, left_out_count, new_activity, things_in, writer
from .blueprint import bp

START_FIELD_IDS = {"date": "day"}
limits.limit_volume("houses.create_activity", "drafts")
limits.limit_volume("houses.download_pdf", "pdfs")


def render_start(form, status=200, open_activity=None):
    """The start page; ``open_activity`` is looked up unless given (False when the database is away)."""
    if open_activity is None:
        open_activity = store.load()
    return render_template(
        "houses/start.html",
        form=form,
        languages=list(i18n.languages()),
        open_activity=open_activity,
        field_ids=START_FIELD_IDS,
    ), status


@bp.get("/")
def start():
    return render_start(houses_form.empty_start(clock.today()))


@bp.post("/")
def create_activity():
    form = houses_form.read_start(request.form, clock.today(), i18n.languages().codes)
    if form.errors:
        return render_start(form, form.http_status)
    activity = new_activity(form.child, int(form.age), form.child_lang, form.worker, form.when.isoformat(), g.lang)
    store.begin(activity)
    # The worker's way back after the quick exit: a code from the start, kept (sealed) with the work.
    activity["resume_code"] = store.issue_code()
    store.save(activity)
    return redirect(url_for("houses.choose_house", lang=form.child_lang), code=303)


@bp.get("/how-to")
def show_guide():
    page = texts.guide_page(g.lang)
    body = texts.guide_html(page, g.lang)
    return render_template(
        "houses/guide.html", page=page, body=body, is_fallback=page.lang != g.lang, page_description=page.summary
    )


@bp.get("/for-the-worker")
@store.with_activity
def show_worker_page():
    return render_worker_page()


def render_worker_page(typed_translations=None, errors=None, status=200):
    """The worker's page; ``typed_translations`` (by thing id) keeps what was typed when it could not be saved."""
    activity = g.activity
    counts = {house: len(things_in(activity, house)) for house in HOUSES}
    child_language = i18n.languages().get(activity["child_lang"])
    return render_template(
        "houses/worker.html",
        activity=activity,
        houses=texts.all_houses(g.lang),
        counts=counts,
        left_out=left_out_count(activity),
        child_language=child_language,
        when=date.fromisoformat(activity["date"]),
        writer=writer(activity),
        words=[thing for house in HOUSES for thing in things_in(activity, house) if thing["kind"] == "words"],
        prompts=worker_prompts(activity),
        saved=request.args.get("saved"),
        typed_translations=typed_translations or {},
        errors=errors or {},
    ), status


def worker_prompts(activity):
    """For each house: its name and (index, prompt, English prompt, ticked) for the worker to tick."""
    found = []
    for house in texts.all_houses(g.lang):
        used = activity["prompts"].get(house.key, [])
        rows = []
        for index, prompt in enumerate(house.prompts):
            english = texts.english_prompt(house.key, index)
            rows.append((index, prompt, english, english in used))
        found.append((house, rows))
    return found


@bp.get("/three-houses.pdf")
@store.with_activity
def download_pdf():
    activity = g.activity
    return pdf_download("houses", store.version(), lambda: report.build_pdf(activity), report.file_name(activity))


@bp.post("/delete")
def delete_activity():
    store.end()
    return render_template("houses/deleted.html")
