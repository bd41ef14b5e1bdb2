"""Sessions point at drafts through a binding kept in the database (revoked by the quick exit and delete),
no longer by the draft's id in the cookie.

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
    op.create_table(
        "draft_bindings",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("draft_id", sa.String(43), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_draft_bindings_draft_id", "draft_bindings", ["draft_id"])


def downgrade():
    op.drop_table("draft_bindings")
