"""The limits on guessing resume codes.

Each client (see limits.client_bucket) has RESUME_ATTEMPTS_PER_HOUR tries. Across the whole site, once
RESUME_FAILURES_CEILING_PER_HOUR wrong codes have been tried in an hour (many clients guessing together),
every client's limit drops to a fifth for the rest of that hour, and the operator is alerted in the log once.
A try is counted before it is checked (one atomic count, so tries sent together cannot slip past the limit) and
given back when the code or link was right: a parent who opens their letter's link every day, or a family
centre's shared connection, never runs out of tries; only wrong ones add up.
"""

import logging

from flask import current_app

from . import limits

log = logging.getLogger(__name__)
SITE_FAILURES = "resume-failures:site"
SLOWED_DIVISOR = 5


def allow_attempt(address):
    """Count one try from this client; False when it has had too many, or is not an address at all."""
    bucket = limits.client_bucket(address)
    if bucket is None:
        log.warning("A resume-code try came with a client address that is not an address: refused.")
        return False
    limit = current_app.config["RESUME_ATTEMPTS_PER_HOUR"]
    if limits.count(SITE_FAILURES) >= current_app.config["RESUME_FAILURES_CEILING_PER_HOUR"]:
        limit = max(1, limit // SLOWED_DIVISOR)
    return limits.hit(f"resume:{bucket}") <= limit


def right_code(address):
    """The try this client just made opened something: it does not count against them."""
    bucket = limits.client_bucket(address)
    if bucket is not None:
        limits.give_back(f"resume:{bucket}")


def record_wrong_code():
    """A code with a good check character matched no draft: the kind of try a guesser makes."""
    failures = limits.hit(SITE_FAILURES)
    ceiling = current_app.config["RESUME_FAILURES_CEILING_PER_HOUR"]
    if failures == ceiling:
        log.warning(
            "ALERT: %d wrong resume codes tried across the site this hour. Someone may be guessing: "
            "every client's limit is now a fifth until the hour is over.",
            failures,
        )
