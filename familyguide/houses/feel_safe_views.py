"""The optional "How safe do you feel at home?" screen: the child taps a face, or says they would rather not."""

from flask import g, redirect, render_template, request, url_for

from . import messages, store
from .activity import FEEL_SAFE_LEVELS, feel_safe, set_feel_safe
from .blueprint import bp


@bp.get("/feel-safe")
@store.with_activity
def show_feel_safe():
    return render_template(
        "houses/feel_safe.html",
        levels=FEEL_SAFE_LEVELS,
        labels=messages.FEEL_SAFE,
        chosen=feel_safe(g.activity),
        saved=request.args.get("saved"),
    )


@bp.post("/feel-safe")
@store.with_activity
def save_feel_safe():
    level = request.form.get("feel_safe", "")
    set_feel_safe(g.activity, level if level in FEEL_SAFE_LEVELS else None)
    store.save(g.activity)
    return redirect(url_for("houses.show_feel_safe", saved="yes", _anchor="page-title"), code=303)
