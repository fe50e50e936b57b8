"""Platform administrators exist only through `flask create-admin`: no page or API makes one."""
from flask_babel import gettext as _

from portal.accounts.feed_tokens import ensure_feed_secret
from portal.accounts.models import User
from portal.accounts.passwords import hash_password, password_problems
from portal.core import audit
from portal.core.errors import Invalid
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db


def normalise_email(email):
    return (email or "").strip().lower()


@use_case
def create_or_reset_admin(email, password, name="Platform administrator"):
    """Create a verified platform admin, or reset an existing account's password and make
    it admin. Returns (user, created)."""
    email = normalise_email(email)
    if "@" not in email:
        raise Invalid(fields={"email": [_("Enter a valid e-mail address.")]})
    problems = password_problems(password, email)
    if problems:
        raise Invalid(fields={"password": [str(p) for p in problems]})
    user = db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()
    created = user is None
    if created:
        user = User(email=email, name=name, language="nl")
        db.session.add(user)
    user.password_hash = hash_password(password)
    user.is_admin = True
    ensure_feed_secret(user)
    user.email_verified_at = user.email_verified_at or utcnow()
    user.session_version = (user.session_version or 0) + 1
    audit.record(None, "admin.created" if created else "admin.reset", user)
    return user, created
