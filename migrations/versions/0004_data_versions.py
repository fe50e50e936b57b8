"""data_versions: one counter per data domain, raised by every write (portal/core/data_versions.py)

Revision ID: 0004_data_versions
Revises: 0003_events
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_data_versions"
down_revision = "0003_events"
branch_labels = None
depends_on = None

DOMAINS = ("events", "offers", "organisations")


def upgrade():
    table = op.create_table(
        "data_versions",
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("domain", name=op.f("pk_data_versions")),
    )
    # Rows exist from the start, so caching works before the first write.
    op.bulk_insert(table, [{"domain": domain, "version": 1} for domain in DOMAINS])


def downgrade():
    op.drop_table("data_versions")
