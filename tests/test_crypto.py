"""Sealing a family's words and wrapping their keys (crypto.py): AES-256-GCM now, and what Fernet sealed before
still opens, so drafts, codes and records stored before the change are not lost."""

import base64
import hashlib
import hmac
import json

import pytest
from cryptography.fernet import Fernet, MultiFernet
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from familyguide import crypto, db, storage
from familyguide.crypto import Cipher
from familyguide.models import Draft, DraftBinding

# What a draft holds: JSON, any text (the whole of Unicode a browser can send, and more).
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
BUSY_MACHINE = settings(deadline=None)
SERVER_KEY, OTHER_SERVER_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()
SECRET_KEY = "the-servers-secret-key"


def fernet_wrap(keys, secret_key, data_key, secret):
    """A data key wrapped as familyguide wrapped it before AES-GCM: Fernet with a key made from the family's
    secret, then Fernet with the server's keys."""
    inner = base64.urlsafe_b64encode(hmac.new(secret_key.encode(), f"wrap:{secret}".encode(), hashlib.sha256).digest())
    return MultiFernet([Fernet(k) for k in keys.split(",")]).encrypt(Fernet(inner).encrypt(data_key))


def fernet_seal(data_key, data):
    return Fernet(data_key).encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8"))


@BUSY_MACHINE
@given(key=st.binary(max_size=200), message=st.binary(max_size=3000))
def test_the_hmac_is_the_standard_one_for_any_key_and_message(key, message):
    """Keys shorter and longer than SHA-256's block, messages past the size at which hashlib lets go of the GIL:
    the same bytes as the standard library's one-shot HMAC, so every stored lookup hash and lock still opens."""
    assert crypto.hmac_sha256(key, message) == hmac.digest(key, message, "sha256")


@BUSY_MACHINE
@given(value=JSON_VALUES)
def test_what_is_sealed_opens_with_its_key_alone(value):
    key, other = crypto.new_data_key(), crypto.new_data_key()
    sealed = crypto.seal(key, value)
    assert sealed.startswith(crypto.SEALED)
    assert crypto.unseal(key, sealed) == value
    assert crypto.unseal(other, sealed) is None
    assert crypto.seal(key, value) != sealed  # a new nonce each time: the same words never look the same


@BUSY_MACHINE
@given(value=st.text(min_size=1), at=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_a_sealed_value_changed_anywhere_does_not_open(value, at, bit):
    """Any bit of the nonce, the ciphertext or the tag changed, or the value cut short: nothing opens. (Changed
    as bytes: base64 may spell the same bytes two ways, which changes nothing that is sealed.)"""
    key = crypto.new_data_key()
    sealed = crypto.seal(key, value)
    raw = bytearray(base64.urlsafe_b64decode(sealed[len(crypto.SEALED) :]))
    at %= len(raw)
    raw[at] ^= 1 << bit
    assert crypto.unseal(key, crypto.SEALED + base64.urlsafe_b64encode(bytes(raw))) is None
    assert crypto.unseal(key, crypto.SEALED + base64.urlsafe_b64encode(bytes(raw[:at]))) is None
    assert crypto.unseal(key, b"fg2." + sealed[len(crypto.SEALED) :]) is None


def test_words_sealed_by_fernet_before_still_open():
    key = crypto.new_data_key()
    assert crypto.unseal(key, fernet_seal(key, {"answer": "قبل"})) == {"answer": "قبل"}
    assert crypto.unseal(crypto.new_data_key(), fernet_seal(key, {"answer": "x"})) is None


@pytest.mark.parametrize("keys", [SERVER_KEY, f"{SERVER_KEY},{OTHER_SERVER_KEY}"])
def test_a_wrapped_key_opens_with_the_familys_secret_and_the_servers_keys_only(keys):
    cipher, data_key = Cipher(keys, SECRET_KEY), crypto.new_data_key()
    wrapped = cipher.wrap(data_key, "cookie-token")
    assert wrapped.startswith(crypto.SEALED)
    assert cipher.unwrap(wrapped, "cookie-token") == data_key
    assert cipher.unwrap(wrapped, "another-token") is None
    assert Cipher(OTHER_SERVER_KEY, SECRET_KEY).unwrap(wrapped, "cookie-token") is None
    assert Cipher(keys, "another-secret-key").unwrap(wrapped, "cookie-token") is None
    assert cipher.unwrap(wrapped[:-4], "cookie-token") is None
    assert cipher.unwrap(b"not a wrapped key at all", "cookie-token") is None


def test_a_key_wrapped_by_fernet_before_still_opens_and_rotation_locks_it_the_new_way():
    data_key = crypto.new_data_key()
    older = fernet_wrap(OTHER_SERVER_KEY, SECRET_KEY, data_key, "cookie-token")
    both = Cipher(f"{SERVER_KEY},{OTHER_SERVER_KEY}", SECRET_KEY)  # a new first key, the old one still listed
    assert both.unwrap(older, "cookie-token") == data_key
    assert both.unwrap(older, "another-token") is None
    rotated = both.rotate(older)
    assert rotated is not None and rotated.startswith(crypto.SEALED)
    newest_only = Cipher(SERVER_KEY, SECRET_KEY)  # the old key removed after rotating
    assert newest_only.unwrap(rotated, "cookie-token") == data_key
    assert newest_only.unwrap(rotated, "another-token") is None
    assert newest_only.unwrap(older, "cookie-token") is None


def test_rotation_moves_a_new_wrapped_key_to_the_first_server_key():
    data_key = crypto.new_data_key()
    wrapped = Cipher(OTHER_SERVER_KEY, SECRET_KEY).wrap(data_key, "code-secret")
    rotated = Cipher(f"{SERVER_KEY},{OTHER_SERVER_KEY}", SECRET_KEY).rotate(wrapped)
    assert Cipher(SERVER_KEY, SECRET_KEY).unwrap(rotated, "code-secret") == data_key
    assert Cipher(SERVER_KEY, SECRET_KEY).rotate(wrapped) is None  # no listed key opens it


def test_rotation_keeps_an_encrypted_value_readable_as_one():
    """encrypt() (an invitation's key, a second factor's secret) stays Fernet: rotated, decrypt still reads it."""
    older = Cipher(OTHER_SERVER_KEY, SECRET_KEY).encrypt("JBSWY3DPEHPK3PXP")
    rotated = Cipher(f"{SERVER_KEY},{OTHER_SERVER_KEY}", SECRET_KEY).rotate(older)
    assert Cipher(SERVER_KEY, SECRET_KEY).decrypt(rotated) == "JBSWY3DPEHPK3PXP"


def test_a_draft_stored_before_the_change_opens_and_its_next_save_seals_it_the_new_way(any_db_url, app_on):
    """A parent who saved before an upgrade finds her answers, on SQLite and PostgreSQL; her next answer is
    stored with AES-GCM, and the page still opens after it."""
    app = app_on(any_db_url)
    db.upgrade(any_db_url)
    answers = {"answers": {"kept_safe": {"value": "My mum stayed. ☎ 07700 900123"}}}
    with app.test_request_context():
        token = storage.create("prepare", {"answers": {}})
        draft_id, _ = storage.version_of(token)
        key = storage._opened()[token].key
    older_key = fernet_wrap(app.config["ENCRYPTION_KEY"], app.config["SECRET_KEY"], key, token)
    with app.app_context(), db.session() as s:  # as the draft was stored before AES-GCM
        s.execute(update(Draft).where(Draft.id == draft_id).values(payload=fernet_seal(key, answers)))
        s.execute(update(DraftBinding).where(DraftBinding.draft_id == draft_id).values(wrapped_key=older_key))
    with app.test_request_context():
        assert storage.load(token, "prepare") == answers
        assert storage.save(token, {**answers, "more": "and now"})
    with app.app_context(), db.session() as s:
        stored = s.scalar(select(Draft.payload).where(Draft.id == draft_id))
    assert stored.startswith(crypto.SEALED)
    with app.test_request_context():
        assert storage.load(token, "prepare") == {**answers, "more": "and now"}
