"""placement depth: reasons, interviews, scoped consent with its history, published_at, saved searches

Revision ID: 0007_placement_depth
Revises: 0005_outbox
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_placement_depth"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("referral_moves") as batch:
        batch.add_column(sa.Column("reason", sa.String(length=32), nullable=True))
    with op.batch_alter_table("referrals") as batch:
        batch.add_column(sa.Column("close_reason", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("interview_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("interview_place", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("interview_sequence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("interview_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("interview_host_user_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_referrals_interview_host_user_id_users"), "users",
                                 ["interview_host_user_id"], ["id"], ondelete="SET NULL")
        batch.create_index(batch.f("ix_referrals_interview_at"), ["interview_at"], unique=False)
    with op.batch_alter_table("placements") as batch:
        batch.add_column(sa.Column("end_reason", sa.String(length=32), nullable=True))
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("consent_expires_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("consent_organisation_ids", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("consent_reminder_sent_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("hours_per_week", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_candidates_consent_expires_on"), ["consent_expires_on"], unique=False)
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("organisation_ids", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"],
                                name=op.f("fk_consent_records_candidate_id_candidates"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_consent_records_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    with op.batch_alter_table("consent_records") as batch:
        batch.create_index(batch.f("ix_consent_records_candidate_id"), ["candidate_id"], unique=False)
    with op.batch_alter_table("offers") as batch:
        batch.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index(batch.f("ix_offers_published_at"), ["published_at"], unique=False)
    # Offers already out in the world count as published when they were created.
    op.execute("UPDATE offers SET published_at = created_at WHERE status <> 'draft'")
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alerted_until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_saved_searches_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
    )
    with op.batch_alter_table("saved_searches") as batch:
        batch.create_index(batch.f("ix_saved_searches_user_id"), ["user_id"], unique=False)
    op.create_table(
        "offer_alerts_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("saved_search_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["saved_search_id"], ["saved_searches.id"],
                                name=op.f("fk_offer_alerts_sent_saved_search_id_saved_searches"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["offer_id"], ["offers.id"], name=op.f("fk_offer_alerts_sent_offer_id_offers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_alerts_sent")),
        sa.UniqueConstraint("saved_search_id", "offer_id", name=op.f("uq_offer_alerts_sent_saved_search_id")),
    )


def downgrade():
    op.drop_table("offer_alerts_sent")
    with op.batch_alter_table("saved_searches") as batch:
        batch.drop_index(batch.f("ix_saved_searches_user_id"))
    op.drop_table("saved_searches")
    with op.batch_alter_table("offers") as batch:
        batch.drop_index(batch.f("ix_offers_published_at"))
        batch.drop_column("published_at")
    with op.batch_alter_table("consent_records") as batch:
        batch.drop_index(batch.f("ix_consent_records_candidate_id"))
    op.drop_table("consent_records")
    with op.batch_alter_table("candidates") as batch:
        batch.drop_index(batch.f("ix_candidates_consent_expires_on"))
        batch.drop_column("hours_per_week")
        batch.drop_column("consent_reminder_sent_at")
        batch.drop_column("consent_organisation_ids")
        batch.drop_column("consent_expires_on")
    with op.batch_alter_table("placements") as batch:
        batch.drop_column("end_reason")
    with op.batch_alter_table("referrals") as batch:
        batch.drop_index(batch.f("ix_referrals_interview_at"))
        batch.drop_constraint(op.f("fk_referrals_interview_host_user_id_users"), type_="foreignkey")
        batch.drop_column("interview_host_user_id")
        batch.drop_column("interview_changed_at")
        batch.drop_column("interview_sequence")
        batch.drop_column("interview_place")
        batch.drop_column("interview_at")
        batch.drop_column("close_reason")
    with op.batch_alter_table("referral_moves") as batch:
        batch.drop_column("reason")
