"""A built PDF kept for a minute per draft version: a double tap, or a HEAD then a GET, does not build it
again. Only a minute and only a few, because a PDF holds a family's words in the clear: nothing lingers
in memory after the family has moved on."""

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

KEEP_SECONDS = 60
KEEP_AT_MOST = 16

_kept: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()
_lock = Lock()


def kept_pdf(key: Hashable, build: Callable[[], bytes]) -> bytes:
    """The PDF for ``key`` (a draft's id and version, and whatever else changes the document), built by
    ``build()`` unless it was built in the last minute."""
    now = time.monotonic()
    with _lock:
        for old in [k for k, (built, _) in _kept.items() if now - built > KEEP_SECONDS]:
            del _kept[old]
        if key in _kept:
            return _kept[key][1]
    pdf = build()
    with _lock:
        _kept[key] = (now, pdf)
        while len(_kept) > KEEP_AT_MOST:
            _kept.popitem(last=False)
    return pdf
