"""data_versions: counters for people (users, memberships, API tokens) and for candidates and
referrals, so that what is kept per person — a personal feed's validator, signed-in pages —
is dropped by their every change

Revision ID: 0010_users_data_version
Revises: 0008_webhooks
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_users_data_version"
down_revision = "0008_webhooks"
branch_labels = None
depends_on = None

DOMAINS = ("users", "referrals")


def upgrade():
    # The first write would create a row too (an upsert); made here, caching keyed on them
    # works from the start.
    for domain in DOMAINS:
        op.execute(sa.text("INSERT INTO data_versions (domain, version) SELECT :d, 1 WHERE NOT EXISTS "
                           "(SELECT 1 FROM data_versions WHERE domain = :d)").bindparams(d=domain))


def downgrade():
    op.execute(sa.text("DELETE FROM data_versions WHERE domain IN ('users', 'referrals')"))
