"""Which device may change a child's Three Houses kept on their invitation: the last one that opened it.

Before this, two devices open on the same child at once each kept their own copy on the record, and the last
change on either replaced everything the other had kept there: a child's words made on one device were lost
without a word. Now opening it on a device makes that device the holder, and a change from any other device
is refused with a message (and the words typed are shown back). A Three Houses kept before this has no holder:
the device it is open on carries on until another device opens it.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sent_views") as batch:
        batch.add_column(sa.Column("holder", sa.String(32), nullable=True))


def downgrade():
    with op.batch_alter_table("sent_views") as batch:
        batch.drop_column("holder")
