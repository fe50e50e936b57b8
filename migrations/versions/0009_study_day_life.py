"""study day life (#17): registration questions, answers and attendance on registrations

Revision ID: 0009_study_day_life
Revises: 0004_data_versions
"""
import sqlalchemy as sa
from alembic import op


revision = "0009_study_day_life"
down_revision = "0004_data_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "registration_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_registration_questions_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_questions")),
    )
    op.create_index(op.f("ix_registration_questions_event_id"), "registration_questions", ["event_id"])
    with op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("registrations") as batch:
        batch.drop_column("checked_in_at")
        batch.drop_column("answers")
    op.drop_index(op.f("ix_registration_questions_event_id"), table_name="registration_questions")
    op.drop_table("registration_questions")
