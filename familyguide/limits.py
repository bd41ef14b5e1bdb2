"""Rate limits held in the database, so they hold across every worker and machine.

A bucket is a keyed hash (never an address in the clear). Each hit is one atomic upsert that starts a new
window when the old one has passed and returns the count, so requests at the same moment cannot slip past
a limit together.

Clients: an IPv4 address is its own bucket; IPv6 addresses share one per /64 (one household or phone gets a
whole /64, so single addresses would be unlimited); a value that is not an address (a forged
X-Forwarded-For) gets no bucket and is refused.
"""

import ipaddress
import logging
from datetime import timedelta

from flask import current_app, render_template, request
from sqlalchemy import bindparam, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import clock, db
from .crypto import server_cipher
from .models import RateLimit

log = logging.getLogger(__name__)
HOUR = timedelta(hours=1)

# What one client may do in an hour, by kind: the setting that says how much. Generous for a family (a whole
# chat is about 30 saves); a flood from one client stops here, in every worker at once.
VOLUME_SETTINGS = {"drafts": "DRAFTS_PER_HOUR", "saves": "SAVES_PER_HOUR", "pdfs": "PDFS_PER_HOUR"}
_endpoint_kinds = {}


def limit_volume(endpoint, kind):
    """Count requests to ``endpoint`` as ``kind``, or not at all with None (a POST that stores nothing and must
    work with the database away). Any other POST counts as a save."""
    _endpoint_kinds[endpoint] = kind


def check_volume():
    """Before every request: a client over its hourly volume gets a 429 page instead."""
    kind = _endpoint_kinds.get(request.endpoint, "saves" if request.method == "POST" else None)
    if kind is None:
        return None
    bucket = client_bucket(request.remote_addr)
    if bucket is None:
        log.warning("A request came with a client address that is not an address: refused.")
    elif hit(f"{kind}:{bucket}") <= current_app.config[VOLUME_SETTINGS[kind]]:
        return None
    return render_template("errors/too_many.html"), 429


def client_bucket(address):
    """The client's bucket name, or None when ``address`` is not an IP address."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _hashed(name):
    return server_cipher(current_app.config).fingerprint(f"limit:{name}")


def _hit_statement(insert):
    """One atomic upsert: a new window when the old one has passed, else one more in it; gives the count.
    Built once per database kind (building it costs more than running it); each hit binds its values."""
    now = bindparam("now", type_=RateLimit.window_start.type)
    stale = RateLimit.window_start <= bindparam("stale_from", type_=RateLimit.window_start.type)
    return (
        insert(RateLimit)
        .values(bucket=bindparam("hashed_bucket"), window_start=now, count=1)
        .on_conflict_do_update(
            index_elements=[RateLimit.bucket],
            set_={
                "count": case((stale, 1), else_=RateLimit.count + 1),
                "window_start": case((stale, now), else_=RateLimit.window_start),
            },
        )
        .returning(RateLimit.count)
    )


_HIT = {"postgresql": _hit_statement(postgresql_insert), "sqlite": _hit_statement(sqlite_insert)}


def hit(name, window=HOUR):
    """Count one more in bucket ``name`` and return the count in its current window."""
    now = clock.now()
    with db.connection() as conn:
        statement = _HIT["postgresql" if conn.dialect.name == "postgresql" else "sqlite"]
        values = {"hashed_bucket": _hashed(name), "now": now, "stale_from": now - window}
        return conn.execute(statement, values).scalar_one()


def give_back(name):
    """Take back one count from bucket ``name`` (a try that turned out to be no guess: a right code)."""
    with db.connection() as conn:
        conn.execute(
            update(RateLimit)
            .where(RateLimit.bucket == _hashed(name), RateLimit.count > 0)
            .values(count=RateLimit.count - 1)
        )


def count(name, window=HOUR):
    """The count in bucket ``name``'s current window, without adding to it."""
    now = clock.now()
    with db.session() as s:
        row = s.execute(
            select(RateLimit.count, RateLimit.window_start).where(RateLimit.bucket == _hashed(name))
        ).first()
    return 0 if row is None or row.window_start <= now - window else row.count


def purge(window=HOUR):
    """Forget windows that have passed."""
    with db.session() as s:
        s.execute(delete(RateLimit).where(RateLimit.window_start <= clock.now() - window))
