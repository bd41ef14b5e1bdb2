"""Conference records, their invitations (parents and children) and the views parents send (issue 11).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "conference_records",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("conference_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("details", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("copied_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_conference_records_owner_id", "conference_records", ["owner_id"])
    op.create_index("ix_conference_records_team_id", "conference_records", ["team_id"])
    op.create_index("ix_conference_records_conference_date", "conference_records", ["conference_date"])
    op.create_index("ix_conference_records_copied_at", "conference_records", ["copied_at"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "conference_id",
            sa.String(32),
            sa.ForeignKey("conference_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("details", sa.LargeBinary(), nullable=False),
        sa.Column("link_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("taken_back_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_invitations_conference_id", "invitations", ["conference_id"])
    op.create_table(
        "sent_views",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("invitation_id", sa.String(32), sa.ForeignKey("invitations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_sent_views_invitation_id", "sent_views", ["invitation_id"])


def downgrade():
    for table in ("sent_views", "invitations", "conference_records"):
        op.drop_table(table)
