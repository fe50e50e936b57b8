"""The application factory."""
import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import INSTANCE, ROOT, config_for
from portal.extensions import csrf, db, limiter, login_manager, mail, migrate

DOMAINS = ("accounts", "organisations", "offers", "referrals", "events", "reports", "webhooks")


def create_app(config=None, **overrides):
    app = Flask(
        __name__,
        instance_path=str(INSTANCE),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_for(config) if config is None or isinstance(config, str) else config)
    app.config.update(overrides)
    INSTANCE.mkdir(exist_ok=True)
    init_extensions(app)
    from portal.core import ids

    ids.init_app(app)  # before any route: ids past the database's range are a 404, not a 500
    register_blueprints(app)
    from portal import cli
    from portal.core import assets, cache, errors_web, i18n, security

    cache.init_app(app)  # exact caches keyed by data-version counters
    from portal.core.audit import AuditEntry
    from portal.core.kept_answers import KeptAnswers

    app.wsgi_app = KeptAnswers(app, app.wsgi_app, AuditEntry.__table__)  # kept answers, before Flask
    i18n.init_app(app)
    assets.init_app(app)  # cache-busting static URLs
    security.init_app(app)
    from portal.openweb import embed, seo

    seo.init_app(app)  # hreflang, Open Graph and absolute URLs in every page's <head>
    embed.init_app(app)  # EMBED_ORIGINS checked at start-up
    from portal.events import structured_data

    structured_data.init_app(app)  # schema.org Event JSON-LD on study-day pages
    errors_web.init_app(app)
    cli.init_app(app)
    if app.config["PROXY_COUNT"] > 0:  # outermost: every layer within sees the client as it is
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def init_extensions(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    from portal.accounts import sessions

    sessions.init_login(login_manager, app)
    from portal.core import mail as core_mail

    core_mail.init_app(app)


def register_blueprints(app):
    import importlib
    import importlib.util

    import portal.core.audit  # noqa: F401  (its table)
    import portal.core.outbox  # noqa: F401  (its table)
    from portal.api import bp as api_bp
    from portal.core.outbox_views import bp as outbox_bp
    from portal.core.views import bp as core_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(outbox_bp)
    for domain in DOMAINS:
        if importlib.util.find_spec(f"portal.{domain}.models"):
            importlib.import_module(f"portal.{domain}.models")  # every table known to Alembic
        views = importlib.import_module(f"portal.{domain}.views")
        app.register_blueprint(views.bp)
        importlib.import_module(f"portal.{domain}.api")  # adds its routes to the api blueprint
    from portal.api import docs, openapi  # after the domains: it assembles their OpenAPI fragments

    openapi.document()  # built once, at start-up
    csrf.exempt(api_bp)  # the API takes bearer tokens, never cookies
    app.register_blueprint(api_bp)
    app.register_blueprint(docs.bp)
    from portal.openweb.views import bp as openweb_bp

    app.register_blueprint(openweb_bp)
