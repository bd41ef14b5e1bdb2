"""The database tables: the one place that knows the schema (migrations mirror it)."""

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Draft(Base):
    """A family's or a child's work in progress. Everything they wrote is in ``payload``, sealed with the
    draft's own data key, which is stored only wrapped (here for the resume code, in each binding)."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    # The draft's data key, wrapped with its resume code (crypto.py): how a family with the code gets back in.
    code_wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[object] = mapped_column(DateTime, index=True)
    # Goes up by one on every save: a save made from an older version is refused and redone (storage.py).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


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


class RateLimit(Base):
    """How many times one bucket (a keyed hash of a client, or a site-wide counter) acted in its window.
    Counted with one atomic upsert, so requests at the same moment cannot slip past the limit together."""

    __tablename__ = "rate_limits"

    bucket: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[object] = mapped_column(DateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)
