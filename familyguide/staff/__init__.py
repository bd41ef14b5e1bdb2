"""The staff area under /staff/: social workers, managers and admins sign in (council single sign-on or a
local account with a second factor). In English or Welsh (language.py). Family blueprints never import this
package, and no family page links to it (tests/test_staff_guard.py checks both)."""

from flask import Blueprint

from ..extensions import csrf as csrf_protect

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")
# Staff forms carry their own CSRF token, bound to the staff cookie (csrf.py), not to the family session.
csrf_protect.exempt(bp)

from . import admin_views, guard, language, record_views, translation_views, views  # noqa: E402,F401  (the routes and the guard register on bp)
