"""A parent's versions are counted on their invitation, so a number is never given twice.

Before this, a new version was the highest one stored plus one. Taking views back deletes every version, so
the next send was "version 1" again, with other words: a worker who had read version 1 could think nothing
was new. The count starts from the highest version stored now (what was taken back before this is not known).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("versions_sent", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        sa.text(
            "UPDATE invitations SET versions_sent = COALESCE("
            "(SELECT MAX(version) FROM sent_views WHERE sent_views.invitation_id = invitations.id), 0)"
            " WHERE kind = 'parent'"
        )
    )


def downgrade():
    with op.batch_alter_table("invitations") as batch:
        batch.drop_column("versions_sent")
