"""A small OpenID Connect provider for the tests, on the loopback address: discovery, an authorization
endpoint that signs the test user straight in, a token endpoint that checks the PKCE verifier and the client
secret, and its public keys. Each test can make it misbehave (wrong audience, another key, an old token...)."""

import base64
import hashlib
import secrets
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

CLIENT_ID, CLIENT_SECRET = "familyguide-test", "test-client-secret"


class Provider:
    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})
        self.email = "worker@council.gov.uk"
        self.overrides = {}  # claims to change in the next ID tokens
        self.signing_key = self.key  # another key with the same kid: a bad signature
        self.codes = {}
        self.issuer = ""
        self.token_requests = []

    def id_token(self, nonce):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "user-1",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": self.email,
            "email_verified": True,
        }
        claims.update(self.overrides)
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.signing_key)

    def app(self):
        app = Flask("test_oidc_provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                issuer=self.issuer,
                authorization_endpoint=f"{self.issuer}/authorize",
                token_endpoint=f"{self.issuer}/token",
                jwks_uri=f"{self.issuer}/jwks",
                response_types_supported=["code"],
                id_token_signing_alg_values_supported=["RS256"],
                code_challenge_methods_supported=["S256"],
            )

        @app.get("/jwks")
        def jwks():
            return jsonify(KeySet([self.key]).as_dict(private=False))

        @app.get("/authorize")
        def authorize():
            args = request.args
            assert args["client_id"] == CLIENT_ID and args["response_type"] == "code"
            assert args["code_challenge_method"] == "S256" and "openid" in args["scope"].split()
            code = secrets.token_urlsafe(16)
            self.codes[code] = dict(args)
            return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args['state']})}")

        @app.post("/token")
        def token():
            form = request.form
            self.token_requests.append(dict(form))
            asked = self.codes.pop(form.get("code", ""), None)
            if asked is None or form.get("client_secret") != CLIENT_SECRET:
                return jsonify(error="invalid_grant"), 400
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != asked["code_challenge"]:
                return jsonify(error="invalid_grant", error_description="PKCE"), 400
            nonce = self.overrides.pop("_nonce", asked.get("nonce"))
            return jsonify(access_token="at", token_type="Bearer", expires_in=300, id_token=self.id_token(nonce))

        return app


@contextmanager
def running_provider():
    provider = Provider()
    server = make_server("127.0.0.1", 0, provider.app(), threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join()
