"""The staff area's language, chosen by each account (staff/language.py): English or Welsh. None chosen, the
browser's languages decide, as they do before signing in.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_accounts") as batch:
        batch.add_column(sa.Column("interface_language", sa.String(8), nullable=True))


def downgrade():
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_column("interface_language")
