"""Small builders of records for tests, committing as a service would."""
from functools import lru_cache

from portal.accounts.feed_tokens import ensure_feed_secret
from portal.accounts.models import User
from portal.accounts.passwords import hash_password
from portal.accounts.tokens import new_token
from portal.core.types import utcnow
from portal.extensions import db
from portal.organisations.models import Membership, Organisation

PASSWORD = "tandem-test-password-42"
# Valid KBO/BCE numbers (last two digits = 97 - first eight mod 97).
_numbers = iter(f"{n:08d}{97 - n % 97:02d}" for n in range(3_019_200, 19_999_999, 7))


@lru_cache(maxsize=8)
def _hash(password):
    return hash_password(password)


def enterprise_number():
    return next(_numbers)


def user(email, password=PASSWORD, verified=True, is_admin=False, name=None, language="en"):
    person = User(
        email=email.lower(), name=name or email.split("@")[0].title(), language=language,
        password_hash=_hash(password), is_admin=is_admin,
        email_verified_at=utcnow() if verified else None,
    )
    ensure_feed_secret(person)
    db.session.add(person)
    db.session.commit()
    return person


def organisation(name, type_, status="approved", commune="bruxelles-brussel", **fields):
    org = Organisation(name=name, type=type_, status=status, commune=commune,
                       enterprise_number=fields.pop("enterprise_number", None) or enterprise_number(),
                       **fields)
    db.session.add(org)
    db.session.commit()
    return org


def member(org, email, role="member", status="approved", **user_fields):
    person = user(email, **user_fields)
    db.session.add(Membership(user=person, organisation=org, role=role, status=status))
    db.session.commit()
    return person


def api_token(person):
    raw, _token = new_token(person)
    db.session.commit()
    return raw
