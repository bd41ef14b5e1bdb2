"""Drafts get a version (two saves at once can no longer overwrite each other); expiry is computed from
the last change and the current retention setting, so the stored expiry date goes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch.drop_index("ix_drafts_expires_at")
        batch.drop_column("expires_at")
        batch.create_index("ix_drafts_updated_at", ["updated_at"])


def downgrade():
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_updated_at")
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.drop_column("version")
    op.execute("UPDATE drafts SET expires_at = updated_at")
    with op.batch_alter_table("drafts") as batch:
        batch.alter_column("expires_at", nullable=False)
        batch.create_index("ix_drafts_expires_at", ["expires_at"])
