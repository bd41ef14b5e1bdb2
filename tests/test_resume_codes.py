"""Resume codes that cannot be guessed around the limit: a check character, limits per client that a forged
header or an IPv6 prefix cannot escape, counted atomically, and a site-wide ceiling."""

import logging
import math
import re
import threading
from datetime import datetime, timedelta

from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import DateTime, bindparam, create_engine, select, text
from sqlalchemy.pool import NullPool

from familyguide import clock, crypto, db, resume_codes, storage
from familyguide.models import DraftCode
from familyguide.prepare.drafts import KIND

from .conftest import CheckedClient
from .support.pagecheck import text_of
from .support.prepare import Parent, csrf_token

ALPHABET = resume_codes.ALPHABET
# A code whose check character is right but which no draft has: what a guesser sends.
WRONG = resume_codes.formatted("WXYZWXYZWX" + resume_codes.check_character("WXYZWXYZWX"))


@given(st.integers(min_value=0, max_value=resume_codes.LENGTH - 1), st.sampled_from(ALPHABET))
def test_every_code_is_valid_and_any_one_mistyped_character_or_swap_is_caught(position, replacement):
    code = resume_codes.new_code()
    if position + 1 < len(code) and code[position] != code[position + 1]:
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        assert resume_codes.verdict(swapped) == ("mistyped", None)
    assert len(code) == 11 and set(code) <= set(ALPHABET)
    assert resume_codes.verdict(code) == ("ok", code)
    assert resume_codes.verdict(resume_codes.formatted(code).lower()) == ("ok", code)
    if code[position] != replacement:
        mistyped = code[:position] + replacement + code[position + 1 :]
        assert resume_codes.verdict(mistyped) == ("mistyped", None)


@given(st.text())
def test_any_text_typed_as_a_code_gets_a_verdict(typed):
    verdict, code = resume_codes.verdict(typed)
    assert verdict in ("ok", "mistyped") and (code is None or set(code) <= set(ALPHABET))


def test_codes_are_about_fifty_bits_and_shown_in_groups_of_four():
    code = resume_codes.new_code()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{3}", resume_codes.formatted(code))
    assert 49 < resume_codes.RANDOM_LENGTH * math.log2(len(ALPHABET)) < 50
    assert resume_codes.verdict("WXYZ-2345") == ("mistyped", None)  # the old 8-character form opens nothing


def proxied(app_on, url, **settings):
    """The app behind one trusted proxy, whose X-Forwarded-For the test sets per request."""
    app = app_on(url, PROXY_HOPS=1, **settings)
    db.upgrade(url)
    return app


def try_code(client, code, address):
    page = client.get("/en/prepare/come-back", headers={"X-Forwarded-For": address})
    token = csrf_token(page.get_data(as_text=True))
    return client.post(
        "/en/prepare/come-back", data={"csrf_token": token, "code": code}, headers={"X-Forwarded-For": address}
    )


def test_a_mistyped_code_is_told_apart_from_a_wrong_one_and_kept(client):
    parent = Parent(client)
    code = resume_codes.new_code()
    mistyped = code[:-1] + next(c for c in ALPHABET if c != code[-1])
    response = parent.post("/come-back", {"code": mistyped})
    assert response.status_code == 400
    assert "One letter or number in that code is not right." in text_of(response.data)
    assert f'value="{mistyped}"' in response.get_data(as_text=True)
    wrong = parent.post("/come-back", {"code": code})
    assert "We could not find answers with that code." in text_of(wrong.data)


def test_addresses_in_one_ipv6_64_share_a_limit_and_another_prefix_does_not(any_db_url, app_on):
    client = proxied(app_on, any_db_url, RESUME_ATTEMPTS_PER_HOUR=3).test_client()
    for host in range(1, 4):
        assert try_code(client, WRONG, f"2001:db8:1:2::{host}").status_code == 400
    assert try_code(client, WRONG, "2001:db8:1:2:ffff::99").status_code == 429  # same /64
    assert try_code(client, WRONG, "2001:db8:1:3::1").status_code == 400  # another /64


def test_a_right_code_does_not_use_up_the_tries(any_db_url, app_on):
    """A parent who comes back with their code every evening, from the same connection, is never stopped."""
    app = proxied(app_on, any_db_url, RESUME_ATTEMPTS_PER_HOUR=3)
    owner = app.test_client()
    token = csrf_token(owner.get("/en/prepare/come-back").get_data(as_text=True))
    owner.post("/en/prepare/start", data={"csrf_token": token}, headers={"X-Forwarded-For": "198.51.100.9"})
    saved = owner.post("/en/prepare/save", data={"csrf_token": token}, headers={"X-Forwarded-For": "198.51.100.9"})
    code = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{3})</strong>", saved.get_data(as_text=True)).group(1)
    for _ in range(6):
        assert try_code(app.test_client(), code, "198.51.100.9").status_code == 303
    client = app.test_client()
    assert [try_code(client, WRONG, "198.51.100.9").status_code for _ in range(4)] == [400, 400, 400, 429]


def test_a_client_address_that_is_not_an_address_is_refused(any_db_url, app_on, caplog):
    client = proxied(app_on, any_db_url).test_client()
    with caplog.at_level(logging.WARNING):
        for forged in ("not-an-address", "999.1.1.1", "<script>", "2001:db8::1::2"):
            assert try_code(client, WRONG, forged).status_code == 429, forged
    assert "not an address: refused" in caplog.text and "<script>" not in caplog.text
    assert client.get("/en/prepare/", headers={"X-Forwarded-For": "not-an-address"}).status_code == 200  # reading


def test_tries_at_the_same_moment_cannot_slip_past_the_limit(any_db_url, app_on):
    app = proxied(app_on, any_db_url, RESUME_ATTEMPTS_PER_HOUR=10)
    first = app.test_client()
    token = csrf_token(first.get("/en/prepare/come-back").get_data(as_text=True))
    devices = []
    for _ in range(60):
        device = app.test_client()
        with first.session_transaction() as original, device.session_transaction() as copy:
            copy.update(original)
        devices.append(device)
    barrier = threading.Barrier(len(devices))
    statuses = [None] * len(devices)

    def guess(i):
        barrier.wait()
        statuses[i] = (
            devices[i]
            .post(
                "/en/prepare/come-back",
                data={"csrf_token": token, "code": WRONG},
                headers={"X-Forwarded-For": "198.51.100.7"},
            )
            .status_code
        )

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(devices))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(400) == 10 and statuses.count(429) == 50


def test_many_wrong_codes_across_the_site_slow_everyone_and_alert_once(any_db_url, app_on, caplog):
    client = proxied(app_on, any_db_url, RESUME_ATTEMPTS_PER_HOUR=10, RESUME_FAILURES_CEILING_PER_HOUR=5).test_client()
    with caplog.at_level(logging.WARNING):
        for n in range(6):  # six guessers, one wrong code each: over the site's ceiling of five
            assert try_code(client, WRONG, f"203.0.113.{n}").status_code == 400
    assert caplog.text.count("ALERT: 5 wrong resume codes") == 1
    assert [try_code(client, WRONG, "192.0.2.50").status_code for _ in range(3)] == [400, 400, 429]


def test_mistyped_codes_do_not_count_towards_the_sites_ceiling(app_on, tmp_path, caplog):
    client = proxied(app_on, f"sqlite:///{tmp_path / 'm.sqlite3'}", RESUME_FAILURES_CEILING_PER_HOUR=2).test_client()
    with caplog.at_level(logging.WARNING):
        for n in range(5):
            assert try_code(client, "WXYZ-WXYZ-WXY", f"203.0.113.{n}").status_code == 400  # its check fails
        assert "ALERT" not in caplog.text
        for n in range(2):
            try_code(client, WRONG, f"198.51.100.{n}")
    assert "ALERT: 2 wrong resume codes" in caplog.text


def _code_rows(draft_id):
    with db.session() as s:
        return s.scalars(select(DraftCode).where(DraftCode.draft_id == draft_id)).all()


def test_a_stolen_database_and_the_servers_keys_cannot_try_codes_quickly(any_db_url, app_on):
    """A new code's lookup hash and wrapping come from scrypt: the fast keyed hash of the code finds nothing,
    and the code itself does not unwrap the key."""
    app = app_on(any_db_url)
    db.upgrade(any_db_url)
    with app.test_request_context():
        token = storage.create(KIND, {"answers": {"kept_safe": {"value": "Mine"}}})
        code = resume_codes.normalise(storage.issue_resume_code(token))
        draft_id, _ = storage.version_of(token)
        [row] = _code_rows(draft_id)
        cipher = crypto.server_cipher(app.config)
        assert row.code_hash == cipher.code_secrets(code)[0] != cipher.fingerprint(code)
        assert cipher.unwrap(row.wrapped_key, code) is None
        assert cipher.unwrap(row.wrapped_key, cipher.code_secrets(code)[1]) is not None
    with app.test_request_context():
        assert storage.load(storage.resume(code, KIND), KIND) == {"answers": {"kept_safe": {"value": "Mine"}}}


def test_a_code_given_before_scrypt_still_opens_its_draft_until_it_expires(any_db_url, app_on):
    app = app_on(any_db_url)
    db.upgrade(any_db_url)
    code = resume_codes.new_code()
    with app.test_request_context():
        token = storage.create(KIND, {"answers": {"kept_safe": {"value": "Older"}}})
        draft_id, _ = storage.version_of(token)
        key = storage._opened()[token].key
        cipher = crypto.server_cipher(app.config)
        with db.session() as s:  # stored as codes were before: a fast keyed hash, wrapped with the code itself
            s.add(
                DraftCode(
                    draft_id=draft_id,
                    code_hash=cipher.fingerprint(code),
                    wrapped_key=cipher.wrap(key, code),
                    created_at=clock.now(),
                )
            )
    with app.test_request_context():
        assert storage.load(storage.resume(code, KIND), KIND) == {"answers": {"kept_safe": {"value": "Older"}}}


def came_back_with(app, code):
    """A parent on another phone or computer (a client of its own) types ``code``: that device and the text of
    the check page the code opened, or None when the page says no answers have that code."""
    device = Parent(CheckedClient(app.test_client()))
    response = device.post("/come-back", {"code": code})
    if response.status_code != 303:
        assert "We could not find answers with that code." in text_of(response.data)
        return None
    return device, device.page_text("/check-your-answers")


def test_every_code_a_parent_was_shown_opens_her_answers_until_she_deletes_them(any_app):
    """She presses "Save and come back later" on a chat page, and again on the check page (or refreshes the
    code page): the code she wrote down first still works, as does the second, after the quick exit too."""
    parent = Parent(CheckedClient(any_app.test_client()))
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("going_well", text="Ola walks to school with her brother")
    first = parent.save_for_later()
    parent.get("/check-your-answers")
    second = parent.save_for_later()
    assert first != second
    assert parent.client.raw.post("/exit").status_code == 303

    opened = [came_back_with(any_app, code) for code in (first, second)]
    assert all(page is not None and "Ola walks to school with her brother" in page[1] for page in opened)

    device, _ = opened[0]
    device.post("/delete")
    assert came_back_with(any_app, first) is None
    assert came_back_with(any_app, second) is None


def test_only_codes_beyond_the_newest_few_stop_working(any_db_url, app_on):
    app = app_on(any_db_url, RESUME_ATTEMPTS_PER_HOUR=100)
    db.upgrade(any_db_url)
    parent = Parent(CheckedClient(app.test_client()))
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("going_well", text="Kept under every code")
    codes = [parent.save_for_later() for _ in range(storage.CODES_PER_DRAFT + 1)]
    assert came_back_with(app, codes[0]) is None
    for code in codes[1:]:
        assert "Kept under every code" in came_back_with(app, code)[1]


def _drafts_as_before_the_migration(app, url, now):
    """At revision 0009, drafts stored as a version before it stored them (one code each, in two columns of
    drafts): one with a code hashed with scrypt, one from before scrypt, one never saved with a code. Returns
    their codes."""
    cipher = crypto.server_cipher(app.config)
    code, before_scrypt = resume_codes.new_code(), resume_codes.new_code()
    rows = []
    for draft_id, lookup, wrapping, words in (
        ("saved", *cipher.code_secrets(code), "Saved with a code"),
        ("older", cipher.fingerprint(before_scrypt), before_scrypt, "Saved before scrypt"),
        ("unsaved", None, None, "Never saved"),
    ):
        key = crypto.new_data_key()
        sealed = crypto.seal(key, {"answers": {"kept_safe": {"value": words}}})
        wrapped = None if wrapping is None else cipher.wrap(key, wrapping)
        rows.append({"id": draft_id, "kind": KIND, "hash": lookup, "wrapped": wrapped, "payload": sealed, "at": now})
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO drafts (id, kind, resume_code_hash, code_wrapped_key, payload, updated_at, version)"
                " VALUES (:id, :kind, :hash, :wrapped, :payload, :at, 0)"
            ).bindparams(bindparam("at", type_=DateTime())),  # as the app stores it (sqlite3's own adapter is
            rows,  # deprecated from Python 3.12, and a warning fails the tests)
        )
    engine.dispose()
    return code, before_scrypt


def _words_under(app, code):
    with app.test_request_context():
        found = storage.load(storage.resume(code, KIND), KIND)
    return None if found is None else found["answers"]["kept_safe"]["value"]


def test_the_migration_carries_every_drafts_code_over_and_their_lives(any_db_url, app_on, monkeypatch):
    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    app = app_on(any_db_url)
    db.upgrade(any_db_url)
    command.downgrade(db.alembic_config(any_db_url), "0009")
    code, before_scrypt = _drafts_as_before_the_migration(app, any_db_url, now)
    db.upgrade(any_db_url)
    assert _words_under(app, code) == "Saved with a code"
    assert _words_under(app, before_scrypt) == "Saved before scrypt"

    now += timedelta(hours=25)  # past an unsaved draft's short life: the saved ones keep theirs
    with app.app_context():
        assert storage.purge_expired() == 1
    assert _words_under(app, code) == "Saved with a code"

    with app.test_request_context():  # a second code for a draft carried over: the first one still works
        token = storage.resume(code, KIND)
        storage.load(token, KIND)
        newer = resume_codes.normalise(storage.issue_resume_code(token))
    assert _words_under(app, code) == _words_under(app, newer) == "Saved with a code"
    command.downgrade(db.alembic_config(any_db_url), "0009")  # back down: the old columns keep the newest
    db.upgrade(any_db_url)
    assert _words_under(app, newer) == "Saved with a code"
