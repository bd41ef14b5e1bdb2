"""A draft's drawings in rows of their own, so a change to the words does not rewrite them (issue 17).

Revision ID: 0007
Revises: 0006

Nothing is moved here: the server cannot open a draft (its key is wrapped with the family's own secret), so a
Three Houses stored with its drawings inside its words moves them out the next time it is saved. Going back
down drops the table, and with it every drawing saved apart since: only for a deployment rolled back at once.
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


def downgrade():
    op.drop_table("draft_parts")
