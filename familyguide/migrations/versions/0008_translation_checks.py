"""A translator's languages on their staff account, and the translators' checks, page by page (issue 13).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_accounts") as batch:
        batch.add_column(sa.Column("languages", sa.String(100), nullable=True))
    op.create_table(
        "translation_checks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("page", sa.String(120), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("english_hash", sa.String(64), nullable=False),
        sa.Column("translation_hash", sa.String(64), nullable=False),
        sa.Column("english_text", sa.Text(), nullable=False),
    )
    op.create_index("ix_translation_checks_lang", "translation_checks", ["lang"])


def downgrade():
    op.drop_table("translation_checks")
    with op.batch_alter_table("staff_accounts") as batch:
        batch.drop_column("languages")
