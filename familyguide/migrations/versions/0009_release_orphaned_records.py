"""Records of a deleted account or team are no longer tied to its id.

Before this, deleting a staff account or a team left its id on its conference records. On SQLite the next
account or team made could be given the same id, and with it those records and the families' words on them.
Deleting now releases them (invitations.release_records); this releases what earlier deletions left.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        sa.text(
            "UPDATE conference_records SET owner_id = NULL WHERE owner_id IS NOT NULL"
            " AND owner_id NOT IN (SELECT id FROM staff_accounts)"
        )
    )
    op.execute(
        sa.text(
            "UPDATE conference_records SET team_id = NULL WHERE team_id IS NOT NULL"
            " AND team_id NOT IN (SELECT id FROM staff_teams)"
        )
    )


def downgrade():
    pass  # which deleted account or team a record was tied to is not kept, and must not come back
