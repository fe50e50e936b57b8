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


limiter = Limiter(key_func=get_remote_address, default_limits=[])


@limiter.request_filter
def reading():
    """Every limit of the portal is on POST (and accounts/throttle.py counts by hand), and API.md
    says reading is not rate-limited: reads are exempt before Flask-Limiter resolves any limit
    (its public request_filter), ~15 % of a cached page's cost. A limit on a GET route would
    need this changed."""
    return request.method in ("GET", "HEAD", "OPTIONS")

mail = Mail()
