"""A draft may have several resume codes, each its own way in (draft_codes).

Before this, a draft had one code, in two columns of drafts, and each "Save and come back later" replaced it:
the code a parent had written down stopped working, and her answers seemed gone. Now each code is a row of
its own (its scrypt lookup hash and the draft's key wrapped with a secret made from it), and the newest few
all work (storage.CODES_PER_DRAFT).

Every draft's code is carried over as it is, so a code given before this still opens its draft (one given
before codes were hashed with scrypt too, until its draft expires: storage.resume knows both). Going back
down keeps each draft's newest code, as the old columns can hold only one.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "draft_codes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("draft_id", sa.String(43), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_draft_codes_draft_id", "draft_codes", ["draft_id"])
    op.create_index("ix_draft_codes_code_hash", "draft_codes", ["code_hash"], unique=True)
    # A draft's code was given at or before its last change: that time stands for when it was made.
    op.execute(
        sa.text(
            "INSERT INTO draft_codes (draft_id, code_hash, wrapped_key, created_at)"
            " SELECT id, resume_code_hash, code_wrapped_key, updated_at FROM drafts"
            " WHERE resume_code_hash IS NOT NULL AND code_wrapped_key IS NOT NULL"
        )
    )
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_resume_code_hash")
        batch.drop_column("resume_code_hash")
        batch.drop_column("code_wrapped_key")


def downgrade():
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("resume_code_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("code_wrapped_key", sa.LargeBinary(), nullable=True))
        batch.create_index("ix_drafts_resume_code_hash", ["resume_code_hash"], unique=True)
    op.execute(
        sa.text(
            "UPDATE drafts SET resume_code_hash = (SELECT code_hash FROM draft_codes WHERE id ="
            " (SELECT MAX(id) FROM draft_codes WHERE draft_codes.draft_id = drafts.id)),"
            " code_wrapped_key = (SELECT wrapped_key FROM draft_codes WHERE id ="
            " (SELECT MAX(id) FROM draft_codes WHERE draft_codes.draft_id = drafts.id))"
        )
    )
    op.drop_table("draft_codes")
