"""Sending a journey's PDF to the browser, the same way for every journey."""

import re
import unicodedata
from collections.abc import Callable
from io import BytesIO
from urllib.parse import quote

from flask import Response, g, send_file

from .. import clock
from .kept import kept_pdf


def pdf_download(journey: str, version: tuple[str, int] | None, build: Callable[[], bytes], file_name: str) -> Response:
    """The PDF that ``build()`` makes of a draft ``version``, sent as a download called ``file_name``.

    Kept a minute per journey, version, language and day (a second tap does not build it again), and sent
    with ``Cache-Control: no-store``: it holds a family's words, so no browser or proxy may keep it."""
    pdf = kept_pdf((journey, version, g.lang, clock.today()), build)
    response = send_file(BytesIO(pdf), mimetype="application/pdf", as_attachment=True, download_name=file_name)
    response.headers["Cache-Control"] = "no-store"
    if not file_name.isascii():
        response.headers["Content-Disposition"] = attachment(file_name)
    return response


def attachment(file_name: str) -> str:
    """The Content-Disposition of a download called ``file_name`` (not all ASCII): the name itself for browsers
    that read ``filename*``, and for older ones a name of plain letters without those they cannot show (not
    Werkzeug's "views--2026-12-06.pdf" for initials in Urdu: an empty part and its dash go)."""
    plain = unicodedata.normalize("NFKD", file_name).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "", plain)).strip("-.") or "download.pdf"
    return f"attachment; filename={plain}; filename*=UTF-8''{quote(file_name, safe='')}"
