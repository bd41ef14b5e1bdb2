"""The session cookie: Flask's own signed cookie (nothing changes in what it holds or how it is signed), with
its signer made once for each set of keys. Flask makes a new one twice a request, to read the cookie and to
write it, and making one serializes an empty dict to test its serializer: a tenth of a guide page's cost."""

from typing import Any

from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._signers: dict[tuple[Any, ...], Any] = {}

    def get_signing_serializer(self, app):  # type: ignore[no-untyped-def]
        if not app.secret_key:
            return None
        # The current key last in the tuple, as Flask orders them; a changed key or fallback makes a new signer.
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        signer = self._signers.get(keys)
        if signer is None:
            signer = self._signers[keys] = super().get_signing_serializer(app)
        return signer
