"""Static files under names that carry a hash of their content, so a browser may keep them for a year.

``site.css`` is served as ``/static/site.<hash>.css`` with ``Cache-Control: public, max-age=31536000,
immutable``. A changed file gets a new name, so a browser never uses a stale copy. A stylesheet's relative
``url(...)`` references (its web fonts) are rewritten to the hashed names, and its own hash is taken after
that, so a changed font gives its stylesheet a new name too.

The names are worked out once per app, when it starts (every file is small: they are kept in memory and
served from there). ``static_url("site.css")`` in templates is the one place that builds a static URL.
A request for an unhashed or old name is redirected to the current one, never given the immutable header;
an unknown file is not found. Files built after the app started (``make fonts``) need a restart.
"""

import hashlib
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import Response, abort, current_app, redirect, request

FOLDER = Path(__file__).parent / "static"
URL_PREFIX = "/static"
IMMUTABLE = "public, max-age=31536000, immutable"
FAVICON_CACHE = "public, max-age=86400"
HASH_LENGTH = 12
MIMETYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".png": "image/png",
}
_HASHED = re.compile(rf"^(?P<stem>.+?)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.[^./]+)?\Z", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    name: str  # as in the static folder: "fonts/ar.css"
    hashed_name: str  # as served: "fonts/ar.0123456789ab.css"
    data: bytes
    mimetype: str


def hashed_name(name, data):
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def unhashed_name(name):
    """``fonts/ar.0123456789ab.css`` -> ``fonts/ar.css``; a name without a hash stays as it is."""
    path = PurePosixPath(name)
    match = _HASHED.match(path.name)
    return str(path.with_name(match["stem"] + (match["suffix"] or ""))) if match else name


class Manifest:
    """Every file of a static folder, by its plain name and by its hashed name."""

    def __init__(self, folder):
        self.folder = Path(folder)
        files = {str(p.relative_to(self.folder).as_posix()): p for p in sorted(self.folder.rglob("*")) if p.is_file()}
        self._files = files
        self._by_name = {}
        for name in files:
            self._add(name)
        self._by_hashed_name = {asset.hashed_name: asset for asset in self._by_name.values()}

    def _add(self, name):
        if name in self._by_name:
            return self._by_name[name]
        data = self._files[name].read_bytes()
        if name.endswith(".css"):
            data = self._with_hashed_urls(name, data)
        suffix = PurePosixPath(name).suffix
        mimetype = MIMETYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        asset = Asset(name, hashed_name(name, data), data, mimetype)
        self._by_name[name] = asset
        return asset

    def _with_hashed_urls(self, name, data):
        folder = PurePosixPath(name).parent

        def replace(match):
            quote, target = match.groups()
            if re.match(r"^[a-z]+:|^/|^#", target):
                return match.group(0)
            referenced = posixpath.normpath(str(folder / target))
            if referenced not in self._files:
                raise LookupError(f"{name} refers to {target}, which is not in the static folder")
            hashed = self._add(referenced).hashed_name
            return f"url({quote}{PurePosixPath(hashed).name}{quote})"

        return _CSS_URL.sub(replace, data.decode("utf-8")).encode("utf-8")

    def __contains__(self, name):
        return name in self._by_name

    def get(self, name):
        """The asset for a plain name; a missing file is a setup error (say, fonts not built)."""
        try:
            return self._by_name[name]
        except KeyError:
            raise LookupError(f"No static file {name!r} in {self.folder} (run `make setup`?)") from None

    def by_hashed_name(self, name):
        return self._by_hashed_name.get(name)


def manifest():
    return current_app.extensions["familyguide.assets"]


def static_url(name):
    """The URL of a static file under its hashed name: the only way templates link to static files."""
    return f"{request.script_root}{URL_PREFIX}/{manifest().get(name).hashed_name}"


def serve(filename):
    asset = manifest().by_hashed_name(filename)
    if asset is None:
        plain = unhashed_name(filename)
        if plain not in manifest():
            abort(404)
        # An old or missing hash: send the browser to today's file, and let nobody keep this answer.
        response = redirect(static_url(plain), code=302)
        response.headers["Cache-Control"] = "no-cache"
        return response
    response = Response(asset.data, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = IMMUTABLE
    return response


def favicon():
    """Browsers ask for /favicon.ico on their own: the icon, kept for a day (its name cannot change)."""
    asset = manifest().get("favicon.ico")
    response = Response(asset.data, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = FAVICON_CACHE
    return response


def init_app(app):
    app.extensions["familyguide.assets"] = Manifest(app.config.get("STATIC_DIR") or FOLDER)
    app.add_url_rule(f"{URL_PREFIX}/<path:filename>", endpoint="static", view_func=serve)
    app.add_url_rule("/favicon.ico", endpoint="favicon", view_func=favicon)
    app.add_template_global(static_url)
