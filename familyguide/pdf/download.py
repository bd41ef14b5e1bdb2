"""Sending a journey's PDF to the browser, the same way for every journey."""

from collections.abc import Callable
from io import BytesIO

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
    return response
