"""Rate limits as one counter row per bucket, updated atomically (the per-attempt rows could be counted
past the limit by requests at the same moment).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_limits",
        sa.Column("bucket", sa.String(80), primary_key=True),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_rate_limits_window_start", "rate_limits", ["window_start"])
    op.drop_table("resume_attempts")


def downgrade():
    op.create_table(
        "resume_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client_hash", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_resume_attempts_client_hash", "resume_attempts", ["client_hash"])
    op.create_index("ix_resume_attempts_attempted_at", "resume_attempts", ["attempted_at"])
    op.drop_table("rate_limits")
