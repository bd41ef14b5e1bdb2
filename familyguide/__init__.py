"""familyguide: a council's guide for parents invited to a Child Protection Conference."""

import logging

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, audit_lines, cookie_session, db, i18n, limits, security, signing
from . import config as settings
from .extensions import csrf


def family_tools():
    """The tools on the guide's front page, after the key dates, in this order (and in the sitemap)."""
    from .site import FamilyTool

    return [
        FamilyTool(
            "houses.start",
            _l("The Three Houses, for a child and their social worker"),
            _l(
                "A child draws and talks about worries, good things and dreams. The social worker gets a PDF "
                "for the conference."
            ),
        ),
        FamilyTool(
            "prepare.start",
            _l("Get ready for the conference"),
            _l("Answer a few questions, one at a time. Get your views as a PDF to share with your social worker."),
        ),
    ]


class FamilyGuide(Flask):
    def log_exception(self, exc_info):
        """An error no handler caught, logged with its route's name: Flask's own line names the request's path,
        and a path can hold a secret (a staff account's set-up link, a parent's invitation link)."""
        self.logger.error("Exception on %s [%s]", request.endpoint, request.method, exc_info=exc_info)


def create_app(config=None):
    """Build the app. ``config`` overrides the settings read from the environment (tests use it)."""
    # No Flask static route: assets.py serves static files under hashed names.
    app = FamilyGuide(__name__, instance_relative_config=True, static_folder=None)
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    settings.check(app.config)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")

    # Werkzeug's access log would write every URL and address: family URLs can carry a resume code.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    if app.config["PROXY_HOPS"]:
        # The rate limit on resume codes counts per client address, not per load balancer.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    app.session_interface = cookie_session.SessionInterface()
    csrf.init_app(app)
    # Forms' CSRF tokens made as Flask-WTF makes them, with its serializer kept (signing.py).
    app.jinja_env.globals["csrf_token"] = signing.csrf_token
    i18n.init_app(app)
    db.init_app(app)
    audit_lines.init_app(app)
    assets.init_app(app)
    app.after_request(security.add_security_headers)
    app.before_request(limits.check_volume)

    from . import ask, descriptions, fragments, pages, site, translation_checks
    from .easyread import bp as easyread_bp
    from .guide import bp as guide_bp
    from .houses import bp as houses_bp
    from .keydates import bp as keydates_bp
    from .notices import bp as notices_bp
    from .prepare import bp as prepare_bp
    from .safety import bp as safety_bp

    pages.init_app(app)
    descriptions.init_app(app)
    fragments.init_app(app)
    translation_checks.init_app(app)
    # Feature blueprints, one per journey. Family-facing ones never import a staff area.
    blueprints = [site.bp, guide_bp, easyread_bp, keydates_bp, safety_bp, houses_bp, prepare_bp, notices_bp, ask.bp]
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    site.init_family_tools(app, family_tools())
    site.register_error_pages(app)
    ask.init_app(app)
    # The staff area, under /staff/ only: no family blueprint imports it or links to it.
    from .staff import bp as staff_bp

    app.register_blueprint(staff_bp)

    from .cli import register_commands

    register_commands(app)
    return app
