"""Known devices (staff_devices): a browser that has signed in to an account before has its own count of
failed tries.

Before this, failed sign-ins were counted only on the account, so anyone who knew a worker's e-mail address
could lock them out of every device by typing wrong passwords, for a lock-out at a time, as often as they
liked. Now a browser that has signed in with the password and second factor keeps a device cookie; tries
from it are counted on its own row, and tries from anywhere else on the account as before.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_devices",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("staff_accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_staff_devices_account_id", "staff_devices", ["account_id"])
    op.create_index("ix_staff_devices_last_used_at", "staff_devices", ["last_used_at"])


def downgrade():
    op.drop_index("ix_staff_devices_last_used_at", table_name="staff_devices")
    op.drop_index("ix_staff_devices_account_id", table_name="staff_devices")
    op.drop_table("staff_devices")
