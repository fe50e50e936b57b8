"""content translations: `translations` on events, agenda items, offers and organisations;
`language` on offers and organisations; search keys and the nl/fr search indexes

Every existing text stays where it is and becomes the record's language version (offers and
organisations get `nl`, the language they were written in until now). On PostgreSQL the
`unaccent` extension and three text-search configurations are created (core/search_keys.py).

Revision ID: 0006_content_translations
Revises: 0010_users_data_version
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_content_translations"
down_revision = "0010_users_data_version"
branch_labels = None
depends_on = None

TRANSLATED_TABLES = ("events", "agenda_items", "offers", "organisations")
LANGUAGE_TABLES = ("offers", "organisations")
SEARCH_TABLES = ("offers", "organisations")

# The same expressions as portal/offers/models.py and portal/organisations/models.py.
OFFER_DOCUMENT = (
    "setweight(to_tsvector('tandem_dutch', search_title), 'A') || "
    "setweight(to_tsvector('tandem_french', search_title), 'A') || "
    "setweight(to_tsvector('tandem_dutch', search_body), 'B') || "
    "setweight(to_tsvector('tandem_french', search_body), 'B')"
)
ORGANISATION_DOCUMENT = (
    "setweight(to_tsvector('tandem_simple', search_title), 'A') || "
    "setweight(to_tsvector('tandem_dutch', search_body), 'B') || "
    "setweight(to_tsvector('tandem_french', search_body), 'B')"
)
OLD_OFFER_INDEX = ("CREATE INDEX ix_offers_search ON offers USING gin "
                   "(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '')))")


def _search_configurations():
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, copy, stemmer in (("tandem_dutch", "dutch", "dutch_stem"), ("tandem_french", "french", "french_stem"),
                                ("tandem_simple", "simple", "simple")):
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy})")
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
                   f"WITH unaccent, {stemmer}")


def _fill_search_keys(bind):
    """Compute the keys of what exists (the app maintains them from now on)."""
    from portal.core.search_keys import key

    for row in bind.execute(sa.text("SELECT id, title, description FROM offers")).all():
        bind.execute(sa.text("UPDATE offers SET search_title = :t, search_body = :b WHERE id = :id"),
                     {"t": key([row.title or ""]), "b": key([row.description or ""]), "id": row.id})
    for row in bind.execute(sa.text("SELECT id, name, description FROM organisations")).all():
        bind.execute(sa.text("UPDATE organisations SET search_title = :t, search_body = :b WHERE id = :id"),
                     {"t": key([row.name or ""]), "b": key([row.description or ""]), "id": row.id})


def upgrade():
    bind = op.get_bind()
    for table in TRANSLATED_TABLES:
        with op.batch_alter_table(table) as batch:
            if table in LANGUAGE_TABLES:
                batch.add_column(sa.Column("language", sa.String(length=2), nullable=False, server_default="nl"))
            batch.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
            if table in SEARCH_TABLES:
                batch.add_column(sa.Column("search_title", sa.Text(), nullable=False, server_default=""))
                batch.add_column(sa.Column("search_body", sa.Text(), nullable=False, server_default=""))
    _fill_search_keys(bind)
    if bind.dialect.name == "postgresql":
        _search_configurations()
        op.execute("DROP INDEX IF EXISTS ix_offers_search")
        op.execute(f"CREATE INDEX ix_offers_search ON offers USING gin (({OFFER_DOCUMENT}))")
        op.execute(f"CREATE INDEX ix_organisations_search ON organisations USING gin (({ORGANISATION_DOCUMENT}))")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_organisations_search")
        op.execute("DROP INDEX IF EXISTS ix_offers_search")
        op.execute(OLD_OFFER_INDEX)
        for name in ("tandem_dutch", "tandem_french", "tandem_simple"):
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        # the unaccent extension stays: other software on the database may use it
    for table in TRANSLATED_TABLES:
        with op.batch_alter_table(table) as batch:
            if table in SEARCH_TABLES:
                batch.drop_column("search_body")
                batch.drop_column("search_title")
            batch.drop_column("translations")
            if table in LANGUAGE_TABLES:
                batch.drop_column("language")
