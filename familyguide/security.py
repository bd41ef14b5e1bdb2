"""Security headers on every response. No inline script or style is ever needed, so none is allowed."""

from flask import current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "manifest-src 'self'",
    )
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
        "interest-cohort",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # Same-origin requests carry the Referer that Flask-WTF's HTTPS check needs (behind a TLS proxy every form
    # failed with no-referrer); nothing is ever sent to another site, the quick exit's destination included.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


# Endpoints whose responses hold nothing of a family's: the only ones a browser may keep.
CACHEABLE_ENDPOINTS = {"static", "favicon"}


# Headers a response loses when a browser must not keep it (no-store): each would let a cache keep or revalidate.
_CACHE_VALIDATORS = ("expires", "last-modified", "etag")


def add_security_headers(response):
    headers = response.headers
    present = {name.lower() for name in headers.keys()}  # one pass: asking for a missing header one by one costs
    missing = [(name, value) for name, value in HEADERS.items() if name.lower() not in present]
    if current_app.config.get("HSTS_MAX_AGE") and "strict-transport-security" not in present:
        missing.append(("Strict-Transport-Security", f"max-age={current_app.config['HSTS_MAX_AGE']}"))
    headers.extend(missing)
    if request.endpoint not in CACHEABLE_ENDPOINTS:
        # A family page, PDF, drawing or calendar file must not linger in a shared device's cache.
        headers["Cache-Control"] = "no-store"
        for name in _CACHE_VALIDATORS:
            if name in present:
                headers.remove(name)
    return response
