"""The worker's pages: start a Three Houses, the guide, the worker's page, the PDF, delete."""

from datetime import date

from flask import g, redirect, render_template, request, url_for

from .. import clock, i18n, limits
from ..pdf.download import pdf_download
from . import form as houses_form
from . import report, store, texts
from .activity import HOUSES, left_out_count, new_activity, things_in
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
    return render_start(houses_form.empty_start(clock.now().date()))


@bp.post("/")
def create_activity():
    form = houses_form.read_start(request.form, clock.now().date(), i18n.languages().codes)
    if form.errors:
        return render_start(form, form.http_status)
    store.begin(new_activity(form.child, int(form.age), form.child_lang, form.worker, form.when.isoformat(), g.lang))
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
    )


@bp.get("/three-houses.pdf")
@store.with_activity
def download_pdf():
    activity = g.activity
    return pdf_download("houses", store.version(), lambda: report.build_pdf(activity), report.file_name(activity))


@bp.post("/delete")
def delete_activity():
    store.end()
    return render_template("houses/deleted.html")
