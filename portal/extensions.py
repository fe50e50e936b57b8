"""The extension instances, created unbound and initialised by create_app()."""
from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from limits.errors import StorageError
from sqlalchemy import MetaData

# Named constraints, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


class PortalLimiter(Limiter):
    """Flask-Limiter, with hand-kept counts (accounts/throttle.py) that fall back to memory when
    Redis is down, together with Flask-Limiter's own limits.

    Upgrade risk, kept on purpose: Flask-Limiter has no public API for its in-memory fallback
    state, so `count` reads and sets its `_storage_dead` / `_in_memory_fallback_enabled`
    attributes — the switch its own limits make — rather than keep a second, diverging state.
    Flask-Limiter is pinned (requirements.txt) and tests/accounts/test_throttle_redis_down.py
    fails if an upgrade renames them."""

    def init_app(self, app):
        super().init_app(app)
        self._storage_dead = False  # a fresh storage is not known to be down

    def count(self, operation, item, *identifiers):
        """`test`, `hit` or `get_window_stats` for counts kept by hand (accounts/throttle.py).

        When the storage (Redis) cannot be reached this makes the switch Flask-Limiter makes for
        its own limits (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED): one warning, then counts in this
        process's memory; Flask-Limiter's check before each write request returns to Redis
        once it answers again."""
        try:
            return getattr(self.limiter, operation)(item, *identifiers)
        except StorageError:
            if not self._in_memory_fallback_enabled or self._storage_dead:
                raise
            self.logger.warning("Rate limit storage unreachable - falling back to in-memory storage")
            self._storage_dead = True
            return getattr(self.limiter, operation)(item, *identifiers)


limiter = PortalLimiter(key_func=get_remote_address, default_limits=[])


@limiter.request_filter
def reading():
    """Every limit of the portal is on POST (and accounts/throttle.py counts by hand), and API.md
    says reading is not rate-limited: reads are exempt before Flask-Limiter resolves any limit
    (its public request_filter), ~15 % of a cached page's cost. A limit on a GET route would
    need this changed."""
    return request.method in ("GET", "HEAD", "OPTIONS")

mail = Mail()
