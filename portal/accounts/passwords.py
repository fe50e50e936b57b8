"""Password hashing (argon2id) and the password rules of API.md."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 10
# The "passwords" list that zxcvbn ships: the 30,000 most common leaked passwords.
COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"])
# A valid hash of a random password, verified against when no account matches, so that
# a log-in for an unknown address takes as long as one for a known address.
_DUMMY = {}


def hasher():
    config = current_app.config
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"], memory_cost=config["ARGON2_MEMORY_COST"])


def hash_password(password):
    return hasher().hash(password)


def verify_password(password_hash, password):
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """True when the hash was made with other parameters than the configured ones (a log-in
    then stores a new hash: the setting reaches every account as people log in)."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


def burn_time(password):
    """Spend the time of a real verification, for unknown accounts."""
    key = (current_app.config["ARGON2_TIME_COST"], current_app.config["ARGON2_MEMORY_COST"])
    if key not in _DUMMY:
        _DUMMY[key] = hash_password("not-a-real-password-0")
    verify_password(_DUMMY[key], password)


def password_problems(password, email=""):
    """The rules a new password breaks (empty when it is acceptable)."""
    problems = []
    if len(password or "") < MIN_LENGTH:
        problems.append(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    elif email and password.strip().lower() == email.strip().lower():
        problems.append(_l("Your password may not be your e-mail address."))
    elif password.lower() in COMMON_PASSWORDS:
        problems.append(_l("This password is too common; choose one that is harder to guess."))
    return problems
