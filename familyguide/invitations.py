"""Conference records, invitations and the views parents send: the one module both sides use.

The staff area (familyguide/staff) creates records and invitations and reads what was sent; the family's
preparation chat (familyguide/prepare) opens an invitation by its link or code and sends views to it. Neither
side imports the other: both import this module, which imports neither.

Keys. Each conference record has its own random data key. Everything on it that holds family words (the
worker's case reference, a parent's name or initials, a child's initials and age, every version of the views
sent) is sealed with that key. The key itself is stored encrypted with the server's keys
(FAMILYGUIDE_ENCRYPTION_KEY), because the worker must be able to read what a family sent without any secret
of the family's. (A draft in the chat stays locked with the family's own session token or resume code, as
before: nothing the family has not sent is readable by the server alone.) Deleting a record deletes its
wrapped key with it, so any leftover copy of its rows (an old row version, a backup) can no longer be opened.

Links and codes are stored only as keyed hashes: the worker sees a code once, when it is made (and in the
letter made at that moment). A new code replaces the old link and code; cancelling or deleting stops both.

Visibility: ``record_for(account, id)`` is the one way a staff view reaches a record. A worker reaches only
their own records, a manager their team's; anything else is None, which every view answers with 404.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, delete, func, or_, select, update

from . import clock, crypto, db, resume_codes
from .crypto import server_cipher
from .models import AuditEntry, ConferenceRecord, Invitation, SentViews, SentViewsPart, StaffAccount, Team

PARENT, CHILD = "parent", "child"
FIRST, REVIEW = "first", "review"
KINDS = (FIRST, REVIEW)
MAX_REFERENCE = 100
MAX_NAME = 100
CHILD_AGES = range(0, 19)

# Roles as the staff area names them (familyguide/staff/roles.py); spelled here so this module never imports it.
WORKER, MANAGER = "worker", "manager"


def _cipher():
    return server_cipher(current_app.config)


def _hash(purpose, value):
    return _cipher().fingerprint(f"invitation-{purpose}:{value}")


def _new_id():
    return secrets.token_urlsafe(18)  # 24 characters: an id that reveals nothing and cannot be guessed


def _record_key(record, cipher=None):
    key = (cipher or _cipher()).decrypt(record.wrapped_key)
    return None if key is None else key.encode("ascii")


def _family_audit(session, action, record_id):
    """An audit entry for something a family did (no account, no address: a family is never tracked)."""
    session.add(AuditEntry(at=clock.now(), action=action, target="family", record_id=record_id))


# Retention


def deletion_date(conference_date, copied_at=None):
    """The day a record is deleted: CONFERENCE_RECORD_RETENTION_DAYS after the conference; or, while it is
    marked copied into the case record, COPIED_RECORD_RETENTION_DAYS after that day if that comes first, but
    never before the day after the conference (the family can send until the end of the conference day)."""
    cfg = current_app.config
    by_date = conference_date + timedelta(days=cfg["CONFERENCE_RECORD_RETENTION_DAYS"])
    if copied_at is None:
        return by_date
    by_copy = clock.local(copied_at).date() + timedelta(days=cfg["COPIED_RECORD_RETENTION_DAYS"])
    return min(by_date, max(by_copy, conference_date + timedelta(days=1)))


def _expired_condition(today):
    """The condition for a record on or past its deletion date (the SQL twin of ``deletion_date``)."""
    cfg = current_app.config
    return or_(
        ConferenceRecord.conference_date <= today - timedelta(days=cfg["CONFERENCE_RECORD_RETENTION_DAYS"]),
        and_(
            ConferenceRecord.copied_at.is_not(None),  # so that NOT(...) is never NULL for a record not copied
            ConferenceRecord.copied_at
            < clock.start_of(today - timedelta(days=cfg["COPIED_RECORD_RETENTION_DAYS"] - 1)),
            ConferenceRecord.conference_date < today,
        ),
    )


def _needs_copying_again(session, record_id):
    """A family sent something new: the record's copy in the case record is out of date, so the mark goes (and
    with it the earlier deletion date). ``last_copied_at`` stays, to show what came after it."""
    session.execute(update(ConferenceRecord).where(ConferenceRecord.id == record_id).values(copied_at=None))


def _delete_records(session, ids):
    """Delete records with everything on them (explicitly: SQLite does not enforce ON DELETE CASCADE)."""
    if not ids:
        return 0
    invitation_ids = select(Invitation.id).where(Invitation.conference_id.in_(ids))
    session.execute(delete(SentViewsPart).where(SentViewsPart.invitation_id.in_(invitation_ids)))
    session.execute(delete(SentViews).where(SentViews.invitation_id.in_(invitation_ids)))
    session.execute(delete(Invitation).where(Invitation.conference_id.in_(ids)))
    return session.execute(delete(ConferenceRecord).where(ConferenceRecord.id.in_(ids))).rowcount


def purge_expired():
    """Delete every record past its deletion date (the purge command). Returns how many went."""
    with db.session() as s:
        ids = list(s.scalars(select(ConferenceRecord.id).where(_expired_condition(clock.today()))))
        gone = _delete_records(s, ids)
        for record_id in ids:
            s.add(AuditEntry(at=clock.now(), action="record_purged", target="retention", record_id=record_id))
    db.forget_deleted()
    return gone


def _live(today=None):
    """The condition for a record not yet past its deletion date."""
    return ~_expired_condition(today or clock.today())


# The staff side: creating and changing records


class RecordProblem(ValueError):
    """What is wrong with a form about a record: a code the staff view turns into a sentence."""


def clean_reference(text):
    text = " ".join((text or "").split())
    if not text:
        raise RecordProblem("reference_missing")
    if len(text) > MAX_REFERENCE:
        raise RecordProblem("reference_too_long")
    return text


def create_record(owner, case_reference, conference_date, kind, audit):
    """A new record owned by ``owner`` (a StaffAccount), in their team. ``audit(action, record_id, session,
    target=None)`` writes the staff audit entry. Returns the record's id."""
    if kind not in KINDS:
        raise RecordProblem("kind")
    if not isinstance(conference_date, date):
        raise RecordProblem("date")
    key = crypto.new_data_key()
    record = ConferenceRecord(
        id=_new_id(),
        owner_id=owner.id,
        team_id=owner.team_id,
        conference_date=conference_date,
        kind=kind,
        wrapped_key=_cipher().encrypt(key.decode("ascii")),
        details=crypto.seal(key, {"reference": clean_reference(case_reference)}),
        created_at=clock.now(),
    )
    with db.session() as s:
        s.add(record)
        audit("record_created", record.id, s)
    return record.id


def change_record(record, case_reference, conference_date, kind, audit):
    """Change a record's case reference, conference date and kind (a conference moved to another day, a typing
    mistake). Its deletion date and the last day a family can send follow the new date."""
    if kind not in KINDS:
        raise RecordProblem("kind")
    if not isinstance(conference_date, date):
        raise RecordProblem("date")
    details = crypto.seal(record.key, {"reference": clean_reference(case_reference)})
    with db.session() as s:
        s.execute(
            update(ConferenceRecord)
            .where(ConferenceRecord.id == record.id)
            .values(conference_date=conference_date, kind=kind, details=details)
        )
        audit("record_changed", record.id, s)


def release_records(session, owner_id=None, team_id=None):
    """Records no longer tied to an account or a team that is being deleted (inside its deletion's unit of
    work). On SQLite a deleted row's id can be given to the next account or team made, which would otherwise
    inherit these records and the families' words on them. An owner's records stay with their team's manager,
    who can give them to another worker; a team's stay with their worker."""
    if owner_id is not None:
        session.execute(update(ConferenceRecord).where(ConferenceRecord.owner_id == owner_id).values(owner_id=None))
    if team_id is not None:
        session.execute(update(ConferenceRecord).where(ConferenceRecord.team_id == team_id).values(team_id=None))


def records_held(owner_id=None, team_id=None):
    """(live records an account holds, or a team has; of those, how many have no team): what deleting the account
    or the team would leave, for the admin's question first."""
    held = ConferenceRecord.owner_id == owner_id if owner_id is not None else ConferenceRecord.team_id == team_id
    with db.session() as s:
        total, without_team = s.execute(
            select(func.count(), func.count(case((ConferenceRecord.team_id.is_(None), 1)))).where(held, _live())
        ).one()
    return total, without_team


def add_invitation(record, kind, language, name="", age=None, audit=None):
    """An invitation on ``record`` (as returned by record_for) for a parent (optional name or initials) or a
    child (initials and age). Returns its id; its link and code come from ``new_code``."""
    name = " ".join((name or "").split())
    if len(name) > MAX_NAME:
        raise RecordProblem("name_too_long")
    if kind == CHILD and not name:
        raise RecordProblem("initials_missing")
    if kind == CHILD and age not in CHILD_AGES:
        raise RecordProblem("age")
    if kind not in (PARENT, CHILD):
        raise RecordProblem("kind")
    invitation = Invitation(
        id=_new_id(),
        conference_id=record.id,
        kind=kind,
        language=language,
        details=crypto.seal(record.key, {"name": name, "age": age}),
        created_at=clock.now(),
    )
    with db.session() as s:
        s.add(invitation)
        audit("invitation_added", record.id, s)
    return invitation.id


@dataclass
class NewCode:
    """A fresh way in, shown once: the link's token and the code (formatted ABCD-EFGH-JKL)."""

    token: str
    code: str


def new_code(record, invitation_id, audit):
    """Give a parent's invitation a new link and code; the old ones stop working. None if not on the record."""
    token, code = secrets.token_urlsafe(24), resume_codes.new_code()
    with db.session() as s:
        changed = s.execute(
            update(Invitation)
            .where(
                Invitation.id == invitation_id,
                Invitation.conference_id == record.id,
                Invitation.kind == PARENT,
                Invitation.cancelled_at.is_(None),
            )
            .values(link_hash=_hash("link", token), code_hash=_hash("code", code))
        ).rowcount
        if not changed:
            return None
        audit("code_issued", record.id, s)
    return NewCode(token, resume_codes.formatted(code))


def cancel(record, invitation_id, audit):
    """Cancel an invitation: its link and code stop, what it sent is deleted. False if not on the record."""
    with db.session() as s:
        changed = s.execute(
            update(Invitation)
            .where(Invitation.id == invitation_id, Invitation.conference_id == record.id)
            .values(cancelled_at=clock.now(), link_hash=None, code_hash=None)
        ).rowcount
        if changed:
            s.execute(delete(SentViewsPart).where(SentViewsPart.invitation_id == invitation_id))
            s.execute(delete(SentViews).where(SentViews.invitation_id == invitation_id))
            audit("invitation_cancelled", record.id, s)
    return bool(changed)


def mark_copied(record, audit):
    now = clock.now()
    with db.session() as s:
        s.execute(
            update(ConferenceRecord).where(ConferenceRecord.id == record.id).values(copied_at=now, last_copied_at=now)
        )
        audit("record_copied", record.id, s)


def delete_record(record, audit):
    with db.session() as s:
        _delete_records(s, [record.id])
        audit("record_deleted", record.id, s)
    db.forget_deleted()


def team_workers(team_id):
    """(id, e-mail) of the workers in a team who can be given a record, by e-mail."""
    if team_id is None:
        return []
    with db.session() as s:
        return s.execute(
            select(StaffAccount.id, StaffAccount.email)
            .where(StaffAccount.team_id == team_id, StaffAccount.role == WORKER, StaffAccount.disabled.is_(False))
            .order_by(StaffAccount.email)
        ).all()


def reassign(record, worker_id, audit):
    """A manager gives the record to another worker in the record's team. False if they are not one. The audit
    entry names the accounts it went from and to (ids, as every entry names accounts)."""
    if worker_id not in {row.id for row in team_workers(record.team_id)}:
        return False
    with db.session() as s:
        before = s.scalar(select(ConferenceRecord.owner_id).where(ConferenceRecord.id == record.id))
        s.execute(update(ConferenceRecord).where(ConferenceRecord.id == record.id).values(owner_id=worker_id))
        giver = "nobody" if before is None else f"account {before}"
        audit("record_reassigned", record.id, s, target=f"from {giver} to account {worker_id}")
    return True


def reencrypt_keys():
    """Encrypt every record's data key with the first server key (`flask keys rotate`). (done, unreadable)"""
    cipher, done, unreadable = _cipher(), 0, 0
    with db.session() as s:
        for record in s.scalars(select(ConferenceRecord)):
            rotated = cipher.rotate(record.wrapped_key)
            if rotated is None:
                unreadable += 1
                continue
            record.wrapped_key, done = rotated, done + 1
    return done, unreadable


# The staff side: what a worker or manager may see


def _visible(account):
    """The condition for the records ``account`` may see: a worker or manager their own, a manager also their
    team's (none for any other role)."""
    own = ConferenceRecord.owner_id == account.id
    if account.role == WORKER or (account.role == MANAGER and account.team_id is None):
        return own
    if account.role == MANAGER:
        return or_(own, ConferenceRecord.team_id == account.team_id)
    return ConferenceRecord.id.is_(None)  # nothing: admins never see family content


# The account holding a record can read it: it is not disabled, and is a worker's or a manager's (an admin or a
# translator never sees a family's words, so a record left with one waits for its team's managers).
OWNER_CAN_READ = and_(StaffAccount.disabled.is_(False), StaffAccount.role.in_((WORKER, MANAGER)))


@dataclass
class InvitationView:
    id: str
    kind: str
    language: str
    name: str
    age: int | None
    created_at: object
    cancelled_at: object
    opened_at: object
    started_at: object
    taken_back_at: object
    finished_at: object
    has_code: bool
    sent_version: int | None = None
    sent_at: object = None
    new_since_copied: bool = False  # what it holds came after the record was last marked copied
    version_read: int | None = None  # the newest version staff have opened

    @property
    def not_read(self):
        """A parent's views sent, and their newest version not yet opened by staff."""
        return self.status == "sent" and self.sent_version != self.version_read

    @property
    def status(self):
        """cancelled, sent, taken_back, started, opened or not_opened; for a child's Three Houses: not_started,
        in_progress or done."""
        if self.cancelled_at:
            return "cancelled"
        if self.kind == CHILD:
            return "done" if self.finished_at else ("in_progress" if self.started_at else "not_started")
        if self.sent_version:
            return "sent"
        if self.taken_back_at:
            return "taken_back"
        if self.started_at:
            return "started"
        if self.opened_at:
            return "opened"
        return "not_opened" if self.kind == PARENT else "not_started"


@dataclass
class RecordView:
    """A record as one staff member may see it: opened with its key, its invitations with their status."""

    id: str
    owner_id: int | None
    team_id: int | None
    conference_date: date
    kind: str
    reference: str
    created_at: object
    copied_at: object
    last_copied_at: object
    key: bytes = field(repr=False)
    invitations: list = field(default_factory=list)
    owner_email: str | None = None  # in the inbox: whose record it is, for a manager
    owner_can_read: bool = True  # False when no account that can sign in and read it holds it

    @property
    def deletion_date(self):
        return deletion_date(self.conference_date, self.copied_at)

    @property
    def newest_arrival(self):
        """What the family has sent on the record (each invitation's version and when it came), as a short text
        that changes whenever something new arrives: what a worker saw when they marked the record copied."""
        sent = sorted((i.id, i.sent_version or 0, i.sent_at.isoformat()) for i in self.invitations if i.sent_at)
        return hashlib.sha256(repr(sent).encode()).hexdigest()[:16] if sent else ""

    @property
    def deletion_date_if_copied_today(self):
        """The day it would be deleted if the worker marked it copied now."""
        return deletion_date(self.conference_date, clock.now())

    @property
    def deletion_date_if_not_copied(self):
        return deletion_date(self.conference_date)

    @property
    def parents(self):
        return [i for i in self.invitations if i.kind == PARENT]

    @property
    def children(self):
        return [i for i in self.invitations if i.kind == CHILD]

    def invitation(self, invitation_id):
        return next((i for i in self.invitations if i.id == invitation_id), None)


def _record_view(record, cipher=None):
    key = _record_key(record, cipher)
    details = crypto.unseal(key, record.details) if key else None
    return RecordView(
        id=record.id,
        owner_id=record.owner_id,
        team_id=record.team_id,
        conference_date=record.conference_date,
        kind=record.kind,
        reference=(details or {}).get("reference", ""),
        created_at=record.created_at,
        copied_at=record.copied_at,
        last_copied_at=record.last_copied_at,
        key=key,
        owner_email=getattr(record, "owner_email", None),
        owner_can_read=bool(getattr(record, "owner_can_read", True)),
    )


def _invitation_view(invitation, record, latest, with_names=True):
    key = record.key
    details = (crypto.unseal(key, invitation.details) if key and with_names else None) or {}
    version, sent_at = latest.get(invitation.id, (None, None))
    copied = record.last_copied_at
    return InvitationView(
        id=invitation.id,
        kind=invitation.kind,
        language=invitation.language,
        name=details.get("name", ""),
        age=details.get("age"),
        created_at=invitation.created_at,
        cancelled_at=invitation.cancelled_at,
        opened_at=invitation.opened_at,
        started_at=invitation.started_at,
        taken_back_at=invitation.taken_back_at,
        finished_at=invitation.finished_at,
        has_code=invitation.code_hash is not None,
        sent_version=version,
        sent_at=sent_at,
        new_since_copied=bool(copied and sent_at and sent_at > copied),
        version_read=invitation.version_read,
    )


INVITATION_COLUMNS = (
    Invitation.id,
    Invitation.conference_id,
    Invitation.kind,
    Invitation.language,
    Invitation.details,
    Invitation.created_at,
    Invitation.cancelled_at,
    Invitation.opened_at,
    Invitation.started_at,
    Invitation.taken_back_at,
    Invitation.code_hash,
    Invitation.finished_at,
    Invitation.version_read,
)


def _with_invitations(session, views, with_names=True):
    """Fill in every record's invitations and their latest sent version: two queries, whatever the count.
    ``with_names=False`` leaves the names sealed (the inbox lists statuses; a record's page shows names)."""
    by_id = {v.id: v for v in views}
    if not by_id:
        return views
    invitations = session.execute(
        select(*INVITATION_COLUMNS)
        .where(Invitation.conference_id.in_(by_id))
        .order_by(Invitation.created_at, Invitation.id)
    ).all()
    newest = (
        select(SentViews.invitation_id, func.max(SentViews.version).label("version"))
        .join(Invitation, Invitation.id == SentViews.invitation_id)
        .where(Invitation.conference_id.in_(by_id))
        .group_by(SentViews.invitation_id)
        .subquery()
    )
    latest = {
        row.invitation_id: (row.version, row.sent_at)
        for row in session.execute(
            select(SentViews.invitation_id, SentViews.version, SentViews.sent_at).join(
                newest,
                (newest.c.invitation_id == SentViews.invitation_id) & (newest.c.version == SentViews.version),
            )
        )
    }
    for invitation in invitations:
        view = by_id[invitation.conference_id]
        view.invitations.append(_invitation_view(invitation, view, latest, with_names))
    return views


RECORD_COLUMNS = (
    ConferenceRecord.id,
    ConferenceRecord.owner_id,
    ConferenceRecord.team_id,
    ConferenceRecord.conference_date,
    ConferenceRecord.kind,
    ConferenceRecord.wrapped_key,
    ConferenceRecord.details,
    ConferenceRecord.created_at,
    ConferenceRecord.copied_at,
    ConferenceRecord.last_copied_at,
)


INBOX_PAGE = 50


@dataclass
class InboxPage:
    records: list
    number: int
    pages: int
    total: int
    not_read: int = 0  # parents' views whose newest version staff have not opened, on every page

    @property
    def to_come(self):
        """This page's records whose conference is today or later."""
        today = clock.today()
        return [r for r in self.records if r.conference_date >= today]

    @property
    def taken_place(self):
        """This page's records whose conference is over."""
        today = clock.today()
        return [r for r in self.records if r.conference_date < today]


def records_for(account, page=1, per_page=INBOX_PAGE):
    """One page of the records ``account`` may see, each with its invitations' statuses: four queries in all,
    whatever the number of records (the inbox). Conferences still to come first, the soonest first; then those
    that have taken place (kept until copied or deleted), the most recent first."""
    cipher = _cipher()
    past = ConferenceRecord.conference_date < clock.today()
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(ConferenceRecord).where(_visible(account), _live()))
        pages = max(1, -(-total // per_page))
        number = min(max(1, page), pages)
        records = s.execute(
            select(*RECORD_COLUMNS, StaffAccount.email.label("owner_email"), _owner_can_read())
            .outerjoin(StaffAccount, StaffAccount.id == ConferenceRecord.owner_id)
            .where(_visible(account), _live())
            .order_by(
                past,  # false first: the conferences to come
                case((past, None), else_=ConferenceRecord.conference_date),  # those, soonest first
                ConferenceRecord.conference_date.desc(),  # then the past ones, most recent first
                ConferenceRecord.created_at,
                ConferenceRecord.id,
            )
            .limit(per_page)
            .offset((number - 1) * per_page)
        ).all()
        views = _with_invitations(s, [_record_view(r, cipher) for r in records], with_names=False)
        not_read = s.scalar(
            select(func.count(func.distinct(Invitation.id)))
            .join(ConferenceRecord, ConferenceRecord.id == Invitation.conference_id)
            .join(SentViews, SentViews.invitation_id == Invitation.id)
            .where(
                _visible(account),
                _live(),
                Invitation.kind == PARENT,
                Invitation.cancelled_at.is_(None),
                SentViews.version > func.coalesce(Invitation.version_read, 0),
            )
        )
    return InboxPage(views, number, pages, total, not_read)


def record_for(account, record_id):
    """The one helper every staff view uses: the record if ``account`` may see it, else None (answer 404)."""
    if not record_id or len(record_id) > 32:
        return None
    with db.session() as s:
        record = s.execute(
            select(*RECORD_COLUMNS, _owner_can_read())
            .outerjoin(StaffAccount, StaffAccount.id == ConferenceRecord.owner_id)
            .where(ConferenceRecord.id == record_id, _visible(account), _live())
        ).first()
        if record is None:
            return None
        return _with_invitations(s, [_record_view(record)])[0]


def _owner_can_read():
    """Whether the record's account (joined as StaffAccount) can read it, as a column."""
    return case((and_(StaffAccount.id.is_not(None), OWNER_CAN_READ), True), else_=False).label("owner_can_read")


@dataclass
class SentVersion:
    version: int
    sent_at: object
    answers: dict
    language: str


def latest_sent(record, invitation_id):
    """The newest version a parent sent on this record, opened, or None."""
    with db.session() as s:
        row = s.scalar(
            select(SentViews)
            .join(Invitation, Invitation.id == SentViews.invitation_id)
            .where(SentViews.invitation_id == invitation_id, Invitation.conference_id == record.id)
            .order_by(SentViews.version.desc())
            .limit(1)
        )
    if row is None:
        return None
    data = crypto.unseal(record.key, row.payload) or {}
    return SentVersion(row.version, row.sent_at, data.get("answers", {}), data.get("lang", "en"))


def mark_read(invitation_id, version):
    """Staff opened ``version`` of the views (read or downloaded): the inbox stops marking it not read."""
    with db.session() as s:
        s.execute(
            update(Invitation)
            .where(
                Invitation.id == invitation_id,
                or_(Invitation.version_read.is_(None), Invitation.version_read < version),
            )
            .values(version_read=version)
        )


# The family side: opening an invitation and sending views


@dataclass
class FamilyInvitation:
    """What the family's pages need to know about their invitation (no other family's anything)."""

    id: str
    record_id: str
    conference_date: date
    kind: str
    team_id: int | None
    sent_version: int | None
    sent_at: object
    taken_back: bool
    deletion_date: date

    @property
    def can_send(self):
        """Views can be sent, changed and sent again until the end of the conference day."""
        return clock.today() <= self.conference_date


def _open_by(column, value):
    with db.session() as s:
        found = s.execute(
            select(Invitation.id, Invitation.opened_at)
            .join(ConferenceRecord, ConferenceRecord.id == Invitation.conference_id)
            .where(column == value, Invitation.cancelled_at.is_(None), Invitation.kind == PARENT, _live())
        ).first()
        if found is None:
            return None
        if found.opened_at is None:
            s.execute(update(Invitation).where(Invitation.id == found.id).values(opened_at=clock.now()))
    return found.id


def open_by_link(token):
    """The invitation this link opens (marked opened), or None: a wrong, replaced, cancelled or deleted link."""
    if not token or len(token) > 64:
        return None
    return _open_by(Invitation.link_hash, _hash("link", token))


def open_by_code(code):
    """The same for a code (normalised, its check character already checked)."""
    return _open_by(Invitation.code_hash, _hash("code", code))


def for_family(invitation_id):
    """The invitation a family's session holds, if it still works; else None."""
    if not invitation_id:
        return None
    with db.session() as s:
        row = s.execute(
            select(Invitation, ConferenceRecord)
            .join(ConferenceRecord, ConferenceRecord.id == Invitation.conference_id)
            .where(Invitation.id == invitation_id, Invitation.cancelled_at.is_(None), _live())
        ).first()
        if row is None:
            return None
        invitation, record = row
        latest = s.execute(
            select(SentViews.version, SentViews.sent_at)
            .where(SentViews.invitation_id == invitation_id)
            .order_by(SentViews.version.desc())
            .limit(1)
        ).first()
    return FamilyInvitation(
        id=invitation.id,
        record_id=record.id,
        conference_date=record.conference_date,
        kind=record.kind,
        team_id=record.team_id,
        sent_version=latest.version if latest else None,
        sent_at=latest.sent_at if latest else None,
        taken_back=invitation.taken_back_at is not None,
        # What the family is told before sending: a send clears the copied mark, so the date after it is this one.
        deletion_date=deletion_date(record.conference_date),
    )


def mark_started(invitation_id):
    """The parent saved a first answer (only the first time is written)."""
    with db.session() as s:
        s.execute(
            update(Invitation)
            .where(Invitation.id == invitation_id, Invitation.started_at.is_(None))
            .values(started_at=clock.now())
        )


def send_views(invitation_id, answers, lang):
    """Send the parent's answers, as they are now, as a new version. Returns the version, or None when the
    invitation no longer works or the conference day has passed."""
    with db.session() as s:
        row = s.execute(
            select(Invitation.id, ConferenceRecord)
            .join(ConferenceRecord, ConferenceRecord.id == Invitation.conference_id)
            .where(Invitation.id == invitation_id, Invitation.cancelled_at.is_(None), _live())
        ).first()
        if row is None or clock.today() > row.ConferenceRecord.conference_date:
            return None
        record = row.ConferenceRecord
        key = _record_key(record)
        # Counted on the invitation, not from the versions stored: those taken back are gone, and their numbers
        # must not come again. The update locks the row, so two sends at once get two numbers.
        s.execute(
            update(Invitation)
            .where(Invitation.id == invitation_id)
            .values(versions_sent=Invitation.versions_sent + 1, taken_back_at=None)
        )
        version = s.scalar(select(Invitation.versions_sent).where(Invitation.id == invitation_id))
        s.add(
            SentViews(
                invitation_id=invitation_id,
                version=version,
                sent_at=clock.now(),
                payload=crypto.seal(key, {"answers": answers, "lang": lang}),
            )
        )
        _needs_copying_again(s, record.id)
        _family_audit(s, "views_sent", record.id)
    return version


def take_back(invitation_id):
    """Delete every version this parent sent: nothing of it stays in the inbox."""
    with db.session() as s:
        record_id = s.scalar(select(Invitation.conference_id).where(Invitation.id == invitation_id))
        if record_id is None:
            return False
        s.execute(delete(SentViewsPart).where(SentViewsPart.invitation_id == invitation_id))
        gone = s.execute(delete(SentViews).where(SentViews.invitation_id == invitation_id)).rowcount
        if gone:
            s.execute(update(Invitation).where(Invitation.id == invitation_id).values(taken_back_at=clock.now()))
            _family_audit(s, "views_taken_back", record_id)
    db.forget_deleted()
    return bool(gone)


def notification_addresses(record_id):
    """Whom to tell that views arrived on a record: its worker; or, when no account that can read it holds it
    (deleted, disabled, or now an admin's or a translator's), the managers of its team who can. Their e-mail
    addresses."""
    active = StaffAccount.disabled.is_(False)
    with db.session() as s:
        record = s.get(ConferenceRecord, record_id)
        if record is None:
            return []
        owner = s.scalar(select(StaffAccount.email).where(StaffAccount.id == record.owner_id, OWNER_CAN_READ))
        if owner is not None:
            return [owner]
        if record.team_id is None:
            return []
        managers = select(StaffAccount.email).where(
            StaffAccount.team_id == record.team_id, StaffAccount.role == MANAGER, active
        )
        return list(s.scalars(managers.order_by(StaffAccount.email)))


def team_name(team_id):
    """The name of a record's team (what a parent is told their views go to), or None."""
    if team_id is None:
        return None
    with db.session() as s:
        return s.scalar(select(Team.name).where(Team.id == team_id))


# A child's Three Houses, tied to the child's invitation by the worker who started it from the record


def child_invitation(record, invitation_id):
    """The child's invitation on this record (an InvitationView), or None."""
    found = record.invitation(invitation_id)
    return found if found is not None and found.kind == CHILD and not found.cancelled_at else None


class HeldElsewhere(Exception):
    """The child's Three Houses was opened on another device since this one opened it: only that one may change
    what the record keeps now."""


def new_holder():
    """A random name for the device a Three Houses is opened on (see houses_saved)."""
    return secrets.token_urlsafe(12)


def houses_saved(invitation_id, activity, parts, done, first=False, holder=None):
    """Keep the child's Three Houses as it stands on their invitation (sealed with the record's key): what the
    worker downloads from the inbox. ``parts`` (its drawings, by name) are kept in rows of their own, and only
    those that changed are written, so a new word does not rewrite every drawing. ``done``: every thing has
    the child's yes or no. ``first``: a new Three Houses, kept only when the invitation holds none yet (False
    when it does), so starting one never replaces what a child made. ``holder``: the device this comes from;
    HeldElsewhere, with nothing kept, when the record is held by another (one device changes it at a time, or
    each would put its own copy over what the other kept: see hold_houses)."""
    with db.session() as s:
        row = s.execute(
            select(Invitation.id, ConferenceRecord)
            .join(ConferenceRecord, ConferenceRecord.id == Invitation.conference_id)
            .where(Invitation.id == invitation_id, Invitation.kind == CHILD, Invitation.cancelled_at.is_(None), _live())
        ).first()
        if row is None:
            return False
        if first and s.scalar(select(SentViews.id).where(SentViews.invitation_id == invitation_id)) is not None:
            return False
        key = _record_key(row.ConferenceRecord)
        sealed = crypto.seal(key, {"activity": activity})
        changed = s.execute(
            update(SentViews)
            .where(SentViews.invitation_id == invitation_id, _held_by(holder))
            .values(payload=sealed, sent_at=clock.now())
        ).rowcount
        if not changed and s.scalar(select(SentViews.id).where(SentViews.invitation_id == invitation_id)) is not None:
            raise HeldElsewhere
        if not changed:
            s.add(SentViews(invitation_id=invitation_id, version=1, sent_at=clock.now(), payload=sealed, holder=holder))
        _keep_parts(s, invitation_id, key, parts)
        _needs_copying_again(s, row.ConferenceRecord.id)
        s.execute(
            update(Invitation)
            .where(Invitation.id == invitation_id)
            .values(
                started_at=func.coalesce(Invitation.started_at, clock.now()), finished_at=clock.now() if done else None
            )
        )
    return True


def _keep_parts(s, invitation_id, key, parts):
    """Write the parts whose keyed fingerprint differs from the one stored, and delete those no longer there."""
    stored = dict(
        s.execute(
            select(SentViewsPart.name, SentViewsPart.fingerprint).where(SentViewsPart.invitation_id == invitation_id)
        ).all()
    )
    for name, value in parts.items():
        fingerprint = _hash("part", json.dumps(value, ensure_ascii=False, sort_keys=True))
        if stored.get(name) == fingerprint:
            continue
        payload = crypto.seal(key, value)
        where = and_(SentViewsPart.invitation_id == invitation_id, SentViewsPart.name == name)
        if name in stored:
            s.execute(update(SentViewsPart).where(where).values(fingerprint=fingerprint, payload=payload))
        else:
            s.add(SentViewsPart(invitation_id=invitation_id, name=name, fingerprint=fingerprint, payload=payload))
    gone = [name for name in stored if name not in parts]
    if gone:
        s.execute(
            delete(SentViewsPart).where(SentViewsPart.invitation_id == invitation_id, SentViewsPart.name.in_(gone))
        )


def _held_by(holder):
    """The condition for a child's Three Houses on the record that ``holder``'s device may change: kept before
    devices were told apart (no holder), or held by it (a device with no name of its own: only the first)."""
    return or_(SentViews.holder.is_(None), SentViews.holder == holder)


def hold_houses(invitation_id, holder):
    """Make ``holder`` the one device that may change the child's Three Houses kept on their invitation: the
    device it was opened on last. Any other device's next change is refused (HeldElsewhere)."""
    with db.session() as s:
        s.execute(update(SentViews).where(SentViews.invitation_id == invitation_id).values(holder=holder))


def houses_held_elsewhere(invitation_id, holder):
    """Whether the child's Three Houses kept on their invitation was opened on another device than ``holder``
    since: the check houses_saved makes, for a device to be told before the child makes anything on it."""
    with db.connection() as conn:
        kept = conn.execute(select(SentViews.id).where(SentViews.invitation_id == invitation_id, ~_held_by(holder)))
        return kept.first() is not None


def houses_of(record, invitation_id):
    """The child's Three Houses kept on this record and its parts by name, or None."""
    with db.session() as s:
        rows = s.execute(
            select(SentViews.payload, SentViewsPart.name, SentViewsPart.payload.label("part"))
            .join(Invitation, Invitation.id == SentViews.invitation_id)
            .outerjoin(SentViewsPart, SentViewsPart.invitation_id == SentViews.invitation_id)
            .where(
                SentViews.invitation_id == invitation_id,
                Invitation.conference_id == record.id,
                Invitation.kind == CHILD,
            )
        ).all()
    data = crypto.unseal(record.key, rows[0].payload) if rows else None
    if not data:
        return None
    parts = {row.name: crypto.unseal(record.key, row.part) for row in rows if row.name is not None}
    return data.get("activity"), parts
