"""Sessions point at drafts through a binding kept in the database (revoked by the quick exit and delete),
no longer by the draft's id in the cookie; each draft gets its own data key, stored only wrapped (crypto.py).

Drafts saved before this version were encrypted with the server's key and have no wrapped keys, so they can
no longer be opened; they are deleted here rather than left until they expire. No council ran a version
before this one in production (every form failed behind a TLS proxy), so only test data is affected.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM drafts")
    op.create_table(
        "draft_bindings",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("draft_id", sa.String(43), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_draft_bindings_draft_id", "draft_bindings", ["draft_id"])
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("code_wrapped_key", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("code_wrapped_key")
    op.drop_table("draft_bindings")
