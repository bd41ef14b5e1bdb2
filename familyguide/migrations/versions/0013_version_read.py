"""The newest version of a parent's views that staff have opened, so the inbox can mark one not read yet.

Before this, a worker told by e-mail that views arrived had to look through every record for them. Views sent
before this count as not read (nobody can tell now whether they were): opening them once clears the mark.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("version_read", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("invitations") as batch:
        batch.drop_column("version_read")
