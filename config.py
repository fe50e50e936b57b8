"""Configuration read from the environment (API.md §1).

A `.env` file may set variables in development; the real environment wins over it.
"""
import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"
load_dotenv(ROOT / ".env", override=False)

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true/false/1/0, not {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)


def database_url():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'tandem.sqlite'}"
    # psycopg 3 is the driver; accept the bare scheme people write.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url):
    """SQLAlchemy engine options for the database at `url`.

    PostgreSQL gets a sized pool (docs/notes/production.md): each gunicorn worker holds its own,
    so the server needs workers x (pool_size + max_overflow) connections at most, per app server.
    A sync worker serves one request at a time, so a small pool is enough.
    """
    options = {"pool_pre_ping": True}  # a connection dropped by a restart or a firewall is replaced
    if url.startswith("postgresql"):
        options.update(
            pool_size=env_int("DATABASE_POOL_SIZE", 2),
            max_overflow=env_int("DATABASE_MAX_OVERFLOW", 3),
            pool_recycle=env_int("DATABASE_POOL_RECYCLE", 1800),  # seconds; below any idle cut-off
            pool_timeout=env_int("DATABASE_POOL_TIMEOUT", 10),  # seconds to wait for a free connection
        )
    return options


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
    SQLALCHEMY_DATABASE_URI = database_url()
    SQLALCHEMY_ENGINE_OPTIONS = engine_options(SQLALCHEMY_DATABASE_URI)
    MAX_CONTENT_LENGTH = 1024 * 1024
    MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 20)  # agenda materials (events/materials.py)
    MATERIALS_DIR = os.environ.get("MATERIALS_DIR") or str(INSTANCE / "materials")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    # "Keep me logged in" for 30 days, not Flask-Login's 365: ASVS 3.3.2 (level 2)
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Tandem <noreply@tandem.brussels>")
    MAIL_OUTBOX_DIR = str(INSTANCE / "outbox")
    # The outbox (API.md §6.1): every SMTP conversation ends within MAIL_TIMEOUT seconds; a mail
    # is retried, never more than MAIL_RETRY_MAX_DELAY seconds apart, for MAIL_RETRY_HOURS.
    MAIL_TIMEOUT = env_int("MAIL_TIMEOUT", 10)
    MAIL_RETRY_MAX_DELAY = env_int("MAIL_RETRY_MAX_DELAY", 60)
    MAIL_RETRY_HOURS = env_int("MAIL_RETRY_HOURS", 72)
    # Who receives reports of accessibility barriers (the /accessibility form).
    ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "accessibility@tandem.brussels")
    MAIL_SUPPRESS_SEND = False  # Flask-Mail would swallow mail under TESTING; tests use a real SMTP server

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # Redis unreachable: count in this process's memory (one warning), back to Redis once it
    # answers; short socket timeouts so that a silent Redis costs a request at most a second.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"wrap_exceptions": True, "socket_connect_timeout": 1, "socket_timeout": 1}
    LOGIN_FAILURE_LIMIT = os.environ.get("LOGIN_FAILURE_LIMIT", "10 per 15 minutes")
    SIGNUP_LIMIT = os.environ.get("SIGNUP_LIMIT", "20 per hour")
    PROXY_COUNT = env_int("PROXY_COUNT", 0)

    PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # Sites that may frame /embed/events (space-separated origins, e.g. "https://www.febisp.be");
    # empty: none may (docs/notes/open-web.md). No other page may ever be framed.
    EMBED_ORIGINS = os.environ.get("EMBED_ORIGINS", "")
    # Webhook URLs on loopback or private addresses are refused unless this is true (SSRF).
    WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", False)
    WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)  # seconds a delivery may take
    # Retried by the outbox (at most MAIL_RETRY_MAX_DELAY apart) for this long, then marked failed.
    WEBHOOK_RETRY_HOURS = env_int("WEBHOOK_RETRY_HOURS", 72)
    # Exact in-process caches keyed by data-version counters (portal/core/cache.py).
    CACHE_ENABLED = env_bool("CACHE_ENABLED", True)
    CACHE_ENTRIES = env_int("CACHE_ENTRIES", 512)  # per cache; least recently used out first
    CACHE_MAX_BODY = 256 * 1024  # larger responses are not kept
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"
    LANGUAGES = ("nl", "fr", "en")

    CANDIDATE_RETENTION_DAYS = env_int("CANDIDATE_RETENTION_DAYS", 365)
    VERIFY_LINK_MAX_AGE = 3 * 24 * 3600
    GUEST_LINK_MAX_AGE = 3 * 24 * 3600  # a guest's confirmation link (events/guests.py)
    GUEST_RETENTION_DAYS = env_int("GUEST_RETENTION_DAYS", 365)  # a guest's name and e-mail, after the day ended
    RESET_LINK_MAX_AGE = 2 * 3600
    API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 30)
    # argon2id parameters: OWASP's first recommended setting (m = 19 MiB, t = 2), equivalent in
    # strength to its m = 46 MiB, t = 1 and to RFC 9106's 64 MiB, t = 3, and the one of them that
    # keeps a worker's memory low — a log-in's hash holds m for its duration, and 64 MiB put a
    # worker's peak at 172 MB (bench/README.md). Older hashes are replaced at the next log-in
    # (accounts/services.authenticate). Tests lower them.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19 * 1024


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # tests swap the URL: no pool sizes for another dialect
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SERVER = None
    MAIL_OUTBOX_DIR = None
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 64  # KiB: the smallest argon2 allows with its default parallelism
    PORTAL_BASE_URL = "http://localhost"


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    MAIL_OUTBOX_DIR = None

    @classmethod
    def check(cls):
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set when PORTAL_ENV=production")


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}


def config_for(name=None):
    name = (name or os.environ.get("PORTAL_ENV") or "development").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config = CONFIGS[name]
    if name == "production":
        config.check()
        config.SECRET_KEY = os.environ["SECRET_KEY"]
    return config
