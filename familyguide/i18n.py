"""Wires the language in the URL to Flask-Babel and to every template."""

from functools import cache

from babel import Locale
from flask import abort, current_app, g, request, url_for
from flask_babel import Babel, force_locale, format_date, format_datetime, format_number, get_translations, gettext
from jinja2 import pass_eval_context
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from . import clock, current
from .locales import DEFAULT_LANGUAGE, Languages


def languages():
    return current.app().extensions["familyguide.languages"]


def current_language():
    return languages().get(current.state().get("lang") or DEFAULT_LANGUAGE)


def gettext_in(code, message, **variables):
    """``message`` in the language ``code``, whatever the page's language: for a part of a page that is
    meant for someone else, such as the worker's parts of the child's Three Houses screens."""
    with force_locale(languages().get(code).babel_locale):
        return gettext(message, **variables)


def select_locale():
    """The language in the URL; on a staff page, the staff area's own (``g.interface_language``, set by
    staff/language.py: i18n never imports the staff area)."""
    interface = g.get("interface_language")
    return parsed_locale((languages().get(interface) if interface else current_language()).babel_locale)


@cache
def parsed_locale(name):
    """Babel's Locale for ``name`` (en_GB, ar), made once: Flask-Babel would parse the name again on each request,
    and each new Locale loads and wraps its data again on first use (a tenth of a kept page's time)."""
    return Locale.parse(name)


def pull_language(endpoint, values):
    """Take ``lang`` out of the URL values of a language-prefixed route."""
    if values is None or "lang" not in values:
        return
    code = values.pop("lang")
    if code not in languages():
        abort(404)
    g.lang = code


def add_language(endpoint, values):
    """Let url_for() keep the current language unless told otherwise."""
    if "lang" in values or not getattr(g, "lang", None):
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


def same_page_in(code):
    """The URL of the current page in another language (the language switcher keeps the page)."""
    endpoint = request.endpoint
    if not endpoint or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return url_for("guide.index", lang=code)
    args = dict(request.view_args or {})
    args["lang"] = code
    if request.url_rule is not None and "GET" not in request.url_rule.methods:
        # A page that answers a form (an answer too long, a code not found) has an address a link cannot open:
        # switch to the nearest page above it that can be opened (the chat, the start, the house).
        return _nearest_page(url_for(endpoint, **args)) or url_for("guide.index", lang=code)
    return url_for(endpoint, **args)


def _nearest_page(url):
    """The address of the page that a GET of ``url``, or else of the nearest path above it, opens (None when
    only the language's own root is left)."""
    adapter = current_app.url_map.bind("localhost", script_name=request.script_root or "/")
    path = url.removeprefix(request.script_root)
    while path.count("/") > 1:
        try:
            endpoint, args = adapter.match(path, method="GET")
            return url_for(endpoint, **args)
        except RequestRedirect as redirect:  # the same path with its closing slash
            return redirect.new_url.removeprefix("http://localhost")
        except HTTPException:
            path = path.rstrip("/").rpartition("/")[0]
    return None


def template_context():
    lang = current_language()
    return {
        "current_lang": lang,
        "all_languages": list(languages()),
        "same_page_in": same_page_in,
        "format_number": format_number,
    }


def current_catalogue():
    """The parsed catalogue of the language being rendered, found once per request and language.

    Flask-Babel looks the catalogue up again for every string (about 5 microseconds, 30 to 40 strings a page);
    this keeps it on Flask-Babel's request state next to the locale it belongs to, so force_locale() (another
    language for part of a page) still gets its own."""
    state = getattr(g, "_flask_babel", None)
    locale = getattr(state, "babel_locale", None)
    if locale is None:
        return get_translations()  # the first string of the request: Flask-Babel sets its state up
    found = getattr(state, "familyguide_catalogue", None)
    if found is None or found[0] is not locale:
        found = state.familyguide_catalogue = (locale, get_translations())
    return found[1]


def has_markup(english):
    """Whether an English catalogue string holds HTML (a tag, a character reference, a bare "<" or ">")."""
    return "<" in english or ">" in english or "&" in english


def _in_page(eval_context, text, *english):
    """A catalogue string ready for a template: as HTML when its English (``english``: the msgid, each form) has
    markup, which a translation may keep but not add (po_files.markup_problem refuses any upload that adds some);
    otherwise as text, escaped, whatever the translation holds (a translator's quote mark cannot end an attribute
    the string stands in). No English string has markup today: every one is text."""
    if not eval_context.autoescape:
        return text
    # Safe as Markup (bandit B704): the English (our own) has markup, and a translation may only keep it.
    return Markup(text) if any(has_markup(e) for e in english) else escape(text)  # nosec


@pass_eval_context
def _template_gettext(eval_context, message, **variables):
    """``_()`` in templates, as Jinja's new-style gettext does it (escaped variables, always %-formatted), in one
    call instead of Jinja's three, but with the translation escaped unless its English has markup."""
    # Markup's % escapes every variable, exactly as Jinja's own i18n extension does.
    return _in_page(eval_context, current_catalogue().ugettext(message), message) % variables


@pass_eval_context
def _template_ngettext(eval_context, singular, plural, num, **variables):
    text = current_catalogue().ungettext(singular, plural, num)
    variables.setdefault("num", num)
    return _in_page(eval_context, text, singular, plural) % variables


@pass_eval_context
def _template_pgettext(eval_context, context, message, **variables):
    return _in_page(eval_context, current_catalogue().upgettext(context, message), message) % variables


@pass_eval_context
def _template_npgettext(eval_context, context, singular, plural, num, **variables):
    text = current_catalogue().unpgettext(context, singular, plural, num)
    variables.setdefault("num", num)
    return _in_page(eval_context, text, singular, plural) % variables


def _install_template_gettext(app):
    app.jinja_env.install_gettext_callables(
        gettext=lambda message: current_catalogue().ugettext(message),
        ngettext=lambda singular, plural, n: current_catalogue().ungettext(singular, plural, n),
        pgettext=lambda context, message: current_catalogue().upgettext(context, message),
        npgettext=lambda context, singular, plural, n: current_catalogue().unpgettext(context, singular, plural, n),
        newstyle=True,
    )
    # Jinja's own new-style callables (and so {% trans %}) would mark every translation as Markup: ours instead.
    app.jinja_env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
    )


def init_app(app):
    app.extensions["familyguide.languages"] = Languages(app.config["CONTENT_DIR"])
    # One Babel per app: Flask-Babel keeps the parsed catalogues on it, so an app with other translations
    # never sees another app's.
    # Dates and times in England and Wales's own time: Flask-Babel's format_date and format_datetime turn a
    # stored time (UTC) into it, and templates write a stored time with ``|local_time(format)``.
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", clock.UK_ZONE_NAME)
    # Two catalogues from the one folder, merged by Flask-Babel (no string is in both): the staff area's own
    # (staff: Welsh, scripts/translations.py) and then what families see (messages). Staff first: a merge also
    # takes the catalogue's plural rule, and a language with no staff catalogue has English's, which the family
    # catalogue after it replaces.
    folder = app.config["TRANSLATIONS_DIR"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = f"{folder};{folder}"
    app.config["BABEL_DOMAIN"] = "staff;messages"
    Babel(app, locale_selector=select_locale)
    _install_template_gettext(app)
    app.jinja_env.filters["local_time"] = lambda at, format: clock.local(at).strftime(format)
    # Dates in the page's language (Babel's patterns: "d MMMM y"), seen by imported macros too.
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime)
    app.url_value_preprocessor(pull_language)
    app.url_defaults(add_language)
    app.context_processor(template_context)
