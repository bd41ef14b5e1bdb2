"""Drawings in rows of their own, in a draft and in the copy of a child's Three Houses kept on their
invitation, so a change to the words does not rewrite them (issue 17).

Revision ID: 0007
Revises: 0006

Nothing is moved here: the server cannot open a draft (its key is wrapped with the family's own secret), so a
Three Houses stored with its drawings inside its words moves them out (on the record too) the next time it is
saved. Going back down drops the tables, and with them every drawing saved apart since: only for a deployment
rolled back at once.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "draft_parts",
        sa.Column("draft_id", sa.String(43), primary_key=True),
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "sent_view_parts",
        sa.Column(
            "invitation_id",
            sa.String(32),
            sa.ForeignKey("invitations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
    )


def downgrade():
    op.drop_table("sent_view_parts")
    op.drop_table("draft_parts")
