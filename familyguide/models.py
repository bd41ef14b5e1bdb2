"""The database tables: the one place that knows the schema (migrations mirror it)."""

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Draft(Base):
    """A family's or a child's work in progress. Everything they wrote is in ``payload`` (a drawing in a
    DraftPart of its own), sealed with the draft's own data key, which is stored only wrapped (in each
    binding, and for each resume code in a DraftCode)."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[object] = mapped_column(DateTime, index=True)
    # Goes up by one on every save: a save made from an older version is refused and redone (storage.py).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DraftPart(Base):
    """A large piece of a draft in a row of its own (a child's drawing in the Three Houses), sealed with the
    draft's own data key exactly as its words are. Kept apart so that a change to the words rewrites only
    the small ``payload`` of the draft, not megabytes of drawings; deleted with the draft (storage.py)."""

    __tablename__ = "draft_parts"

    draft_id: Mapped[str] = mapped_column(String(43), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class DraftBinding(Base):
    """What ties a browser session to a draft, kept here rather than in the cookie: the session holds only a
    random token, stored here as a keyed hash. The quick exit and delete remove it, so a copy of an old cookie
    opens nothing; every resume makes a new one."""

    __tablename__ = "draft_bindings"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    draft_id: Mapped[str] = mapped_column(String(43), index=True)
    # The draft's data key, wrapped with the session's token (crypto.py): deleted with the binding.
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[object] = mapped_column(DateTime)


class DraftCode(Base):
    """One resume code of a draft: a way back in from any phone or computer. A parent may press "Save and come
    back later" many times, and each press shows a new code; every one keeps working (the newest few: see
    storage.CODES_PER_DRAFT) for as long as the draft lives, since the one she wrote down may be any of them.
    The code is stored only as its scrypt lookup hash (crypto.py); deleted with the draft."""

    __tablename__ = "draft_codes"

    # Goes up with each code made: which of a draft's codes are the newest.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(String(43), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True, unique=True)
    # The draft's data key, wrapped with a secret made from the code (crypto.py): how a family with it gets back in.
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[object] = mapped_column(DateTime)


class RateLimit(Base):
    """How many times one bucket (a keyed hash of a client, or a site-wide counter) acted in its window.
    Counted with one atomic upsert, so requests at the same moment cannot slip past the limit together."""

    __tablename__ = "rate_limits"

    bucket: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[object] = mapped_column(DateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)


# The staff area (familyguide/staff): accounts, teams, their sessions and the audit trail. No family words.


class Team(Base):
    """A group of workers and their manager: a manager sees the team's records (issue 11)."""

    __tablename__ = "staff_teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[object] = mapped_column(DateTime)


class StaffAccount(Base):
    """A social worker, manager or admin. Added by an admin (or `flask staff add`), never self-registered.

    A local account signs in with a password (argon2id) and a TOTP second factor; an account used through
    single sign-on has neither and signs in at the council's identity provider. The role is always ours."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower case
    role: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("staff_teams.id", ondelete="SET NULL"), index=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[object] = mapped_column(DateTime)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # The TOTP secret, encrypted with the server's keys; set up only when the first code was right.
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_pending: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The 30-second step of the last code accepted: the same code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # The one-time set-up link (a keyed hash of its token) and when it stops working.
    setup_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    setup_expires_at: Mapped[object | None] = mapped_column(DateTime)
    # Failed sign-ins in a row, the last one, and the end of a lock-out: in the database, so every process
    # counts the same attempts.
    failed_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[object | None] = mapped_column(DateTime)
    locked_until: Mapped[object | None] = mapped_column(DateTime)
    last_sign_in_at: Mapped[object | None] = mapped_column(DateTime)
    # A translator's languages, as codes separated by spaces ("pl cy"); empty for every other role.
    languages: Mapped[str | None] = mapped_column(String(100))
    # The language of the staff area this account chose ("en" or "cy": staff/language.py); none chosen, the
    # browser's.
    interface_language: Mapped[str | None] = mapped_column(String(8))


class RecoveryCode(Base):
    """One of an account's 10 one-time recovery codes, stored as a keyed hash; used once, then gone."""

    __tablename__ = "staff_recovery_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)


class StaffDevice(Base):
    """A browser that has signed in to an account with its password and second factor: its cookie holds a
    random token, only its keyed hash is here. Failed tries from a known device are counted here, on their
    own, so someone guessing from anywhere else cannot lock the worker out of the device they use
    (staff/devices.py)."""

    __tablename__ = "staff_devices"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[object] = mapped_column(DateTime)
    last_used_at: Mapped[object] = mapped_column(DateTime, index=True)
    # As on the account, for this device's tries alone.
    failed_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[object | None] = mapped_column(DateTime)
    locked_until: Mapped[object | None] = mapped_column(DateTime)


class StaffSession(Base):
    """A staff member's signed-in browser. The cookie holds a random token; only its keyed hash is here, so
    "sign out everywhere" and the idle and absolute limits are decided by the server."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    # "password": the password was right, the second factor is still to come; "setup": the account is being
    # set up (a password and second factor to choose); "full": signed in.
    stage: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[object] = mapped_column(DateTime, index=True)
    last_seen_at: Mapped[object] = mapped_column(DateTime, index=True)


class OidcFlow(Base):
    """A single sign-on in progress: state, nonce and PKCE verifier, found by a keyed hash of a token in a
    short-lived cookie and deleted when the identity provider sends the browser back (used once)."""

    __tablename__ = "staff_oidc_flows"

    flow_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(100))
    nonce: Mapped[str] = mapped_column(String(100))
    code_verifier: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[object] = mapped_column(DateTime, index=True)


class AuditEntry(Base):
    """One thing done in the staff area. Append-only: written, read, exported and, after the retention
    period, purged; never changed. Holds no family words: an action name, ids, and the client address only
    as a keyed hash."""

    __tablename__ = "staff_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[object] = mapped_column(DateTime, index=True)
    # Who did it: an account id and the e-mail at the time (the account may be deleted later), or none.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    # What it was done to: another account, a team, or (issue 11) a record, by id.
    target: Mapped[str | None] = mapped_column(String(80))
    record_id: Mapped[str | None] = mapped_column(String(64), index=True)
    client_hash: Mapped[str | None] = mapped_column(String(64))


# Conference records and their invitations (familyguide/invitations.py): what a worker sets up and what a
# family sends. Every family word (the case reference, names or initials, the views sent) is sealed with the
# record's own data key, which is stored only wrapped by the server's keys (invitations.py says why).


class ConferenceRecord(Base):
    """A worker's record of one conference: its date, first or review, team and owner; the worker's own case
    reference is sealed in ``details``. Deleted, with everything on it, on its retention date."""

    __tablename__ = "conference_records"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, index=True)
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)
    conference_date: Mapped[object] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "first" or "review"
    # The record's data key, encrypted with the server's keys (FAMILYGUIDE_ENCRYPTION_KEY).
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    details: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[object] = mapped_column(DateTime)
    # When the worker marked it copied into the case record; cleared when a family sends something new after
    # that (it needs copying again). ``last_copied_at`` keeps the last time, to show what came after it.
    copied_at: Mapped[object | None] = mapped_column(DateTime, index=True)
    last_copied_at: Mapped[object | None] = mapped_column(DateTime)


class Invitation(Base):
    """One parent's or carer's (or one child's) invitation. Its link and code are stored only as keyed hashes;
    a new code replaces both. ``details`` (sealed) holds the name or initials, and a child's age."""

    __tablename__ = "invitations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conference_id: Mapped[str] = mapped_column(ForeignKey("conference_records.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "parent" or "child"
    language: Mapped[str] = mapped_column(String(8))
    details: Mapped[bytes] = mapped_column(LargeBinary)
    link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[object] = mapped_column(DateTime)
    cancelled_at: Mapped[object | None] = mapped_column(DateTime)
    opened_at: Mapped[object | None] = mapped_column(DateTime)
    started_at: Mapped[object | None] = mapped_column(DateTime)
    taken_back_at: Mapped[object | None] = mapped_column(DateTime)
    # A child's Three Houses: when every thing in it had the child's yes or no (cleared if more are added).
    finished_at: Mapped[object | None] = mapped_column(DateTime)
    # How many versions a parent has sent, counting those taken back: a new send is the next number, never one
    # a worker has already read.
    versions_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The newest version a member of staff has opened (read or downloaded): the inbox marks a newer one "not read".
    version_read: Mapped[int | None] = mapped_column(Integer)


class SentViews(Base):
    """One version of a parent's views as they sent them: their answers and language, sealed with the record's
    key. Each send is a new version; taking them back deletes every version. For a child's invitation, the one
    row holds their Three Houses as it stands (the child's yes or no still decides what the PDF shows)."""

    __tablename__ = "sent_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    invitation_id: Mapped[str] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[object] = mapped_column(DateTime)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    # A child's Three Houses: the device that may change it (a random name its copy carries), the last one that
    # opened it; None for one kept before devices were told apart. Never anything of the family's.
    holder: Mapped[str | None] = mapped_column(String(32), nullable=True)


class SentViewsPart(Base):
    """A large piece of a child's Three Houses kept on their invitation (a drawing), in a row of its own and
    sealed with the record's key, so a change to the words does not rewrite it. ``fingerprint``, a hash of it
    keyed with the server's secret, tells a save whether it changed without opening it."""

    __tablename__ = "sent_view_parts"

    invitation_id: Mapped[str] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class TranslationCheck(Base):
    """A qualified translator's "I have checked this page" (familyguide/translation_checks.py): who, when, which
    language and page, and the versions of the English source and of the translation they checked. The English
    text is kept too, so a later reviewer sees what has changed in the English since. Never family content."""

    __tablename__ = "translation_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lang: Mapped[str] = mapped_column(String(8), index=True)
    # A content page ("guide/who-will-be-there") or a batch of interface strings ("strings/3").
    page: Mapped[str] = mapped_column(String(120))
    # The staff account that checked it (kept if the account is deleted later; the audit trail has the e-mail).
    account_id: Mapped[int] = mapped_column(Integer)
    checked_at: Mapped[object] = mapped_column(DateTime)
    english_hash: Mapped[str] = mapped_column(String(64))
    translation_hash: Mapped[str] = mapped_column(String(64))
    english_text: Mapped[str] = mapped_column(Text)
