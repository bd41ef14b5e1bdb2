"""Drafts (encrypted) and resume attempts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(43), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("resume_code_hash", sa.String(64), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_drafts_resume_code_hash", "drafts", ["resume_code_hash"], unique=True)
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])
    op.create_table(
        "resume_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_hash", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_resume_attempts_client_hash", "resume_attempts", ["client_hash"])
    op.create_index("ix_resume_attempts_attempted_at", "resume_attempts", ["attempted_at"])


def downgrade():
    op.drop_table("resume_attempts")
    op.drop_table("drafts")
