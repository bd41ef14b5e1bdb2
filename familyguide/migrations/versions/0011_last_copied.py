"""When a record was last marked copied into the case record, kept apart from the mark itself.

The mark (``copied_at``) brings the deletion date forward. A family that sends something new after it clears
it (the record needs copying again), and ``last_copied_at`` keeps the time, so the record's page can show
what came after the last copy.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("conference_records") as batch:
        batch.add_column(sa.Column("last_copied_at", sa.DateTime(), nullable=True))
    op.execute(sa.text("UPDATE conference_records SET last_copied_at = copied_at"))


def downgrade():
    with op.batch_alter_table("conference_records") as batch:
        batch.drop_column("last_copied_at")
