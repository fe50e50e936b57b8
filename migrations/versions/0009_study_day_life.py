"""study day life (#17): registration questions, guests, check-in, certificates, agenda materials

Revision ID: 0009_study_day_life
Revises: 0007_placement_depth
"""
import secrets

import sqlalchemy as sa
from alembic import op


revision = "0009_study_day_life"
down_revision = "0007_placement_depth"
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
    op.create_table(
        "guest_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("organisation_name", sa.String(length=200), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_guest_requests_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guest_requests")),
    )
    op.create_index(op.f("ix_guest_requests_event_id"), "guest_requests", ["event_id"])
    op.create_table(
        "agenda_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("link_url", sa.String(length=2000), nullable=True),
        sa.Column("stored_name", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_items.id"],
                                name=op.f("fk_agenda_materials_agenda_item_id_agenda_items"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_agenda_materials_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_materials")),
    )
    op.create_index(op.f("ix_agenda_materials_agenda_item_id"), "agenda_materials", ["agenda_item_id"])
    op.create_index(op.f("ix_agenda_materials_event_id"), "agenda_materials", ["event_id"])
    op.create_table(
        "event_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("item_ratings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_feedback_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"],
                                name=op.f("fk_event_feedback_registration_id_registrations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_feedback")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_event_feedback_registration_id")),
    )
    op.create_index(op.f("ix_event_feedback_event_id"), "event_feedback", ["event_id"])
    # The partial unique index is dropped and made again around the batch: SQLite's table copy
    # would not keep its WHERE clause.
    op.drop_index("uq_registrations_event_user_active", table_name="registrations")
    with op.batch_alter_table("registrations") as batch:
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("guest_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("guest_email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("guest_language", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("organisation_name", sa.String(length=200), nullable=True))
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("checkin_nonce", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("certificate_code", sa.String(length=32), nullable=True))
        batch.create_unique_constraint(batch.f("uq_registrations_certificate_code"), ["certificate_code"])
    _active_index("uq_registrations_event_user_active", "user_id")
    _active_index("uq_registrations_event_guest_active", "guest_email")
    # Every registration already made gets its own secret for its check-in code.
    connection = op.get_bind()
    registrations = sa.table("registrations", sa.column("id", sa.Integer), sa.column("checkin_nonce", sa.String))
    for (registration_id,) in connection.execute(sa.select(registrations.c.id)).all():
        connection.execute(registrations.update().where(registrations.c.id == registration_id)
                           .values(checkin_nonce=secrets.token_hex(16)))


def _active_index(name, column):
    where = sa.text("status != 'cancelled'")
    op.create_index(name, "registrations", ["event_id", column], unique=True, sqlite_where=where,
                    postgresql_where=where)


def downgrade():
    op.drop_index("uq_registrations_event_guest_active", table_name="registrations")
    op.drop_index("uq_registrations_event_user_active", table_name="registrations")
    op.execute("DELETE FROM registrations WHERE user_id IS NULL")  # guests cannot live in the old table
    with op.batch_alter_table("registrations") as batch:
        batch.drop_constraint(batch.f("uq_registrations_certificate_code"), type_="unique")
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        for column in ("certificate_code", "checkin_nonce", "organisation_name", "guest_language", "guest_email", "guest_name", "checked_in_at",
                       "answers"):
            batch.drop_column(column)
    _active_index("uq_registrations_event_user_active", "user_id")
    op.drop_index(op.f("ix_event_feedback_event_id"), table_name="event_feedback")
    op.drop_table("event_feedback")
    op.drop_index(op.f("ix_agenda_materials_event_id"), table_name="agenda_materials")
    op.drop_index(op.f("ix_agenda_materials_agenda_item_id"), table_name="agenda_materials")
    op.drop_table("agenda_materials")
    op.drop_index(op.f("ix_guest_requests_event_id"), table_name="guest_requests")
    op.drop_table("guest_requests")
    op.drop_index(op.f("ix_registration_questions_event_id"), table_name="registration_questions")
    op.drop_table("registration_questions")
