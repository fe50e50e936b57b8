"""The rules of accounts: sign-up, e-mail verification, log-in, sessions, password reset,
profile, calendar-feed link and API tokens. Pages and the API call these; each change
commits once, at its end, and mail leaves only after that commit."""
import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.accounts import links, notify, throttle
from portal.accounts.admin import normalise_email
from portal.accounts.feed_tokens import ensure_feed_secret, personal_feed_url
from portal.accounts.links import absolute_url  # noqa: F401  (the name callers know)
from portal.accounts.models import User
from portal.accounts.passwords import burn_time, hash_password, needs_rehash, password_problems, verify_password
from portal.accounts.tokens import new_token
from portal.core import audit
from portal.core.errors import Invalid, Unauthorized
from portal.core.types import utcnow
from portal.core.use_case import use_case
from portal.extensions import db
from portal.organisations import registration
from portal.organisations.models import Membership

LANGUAGES = ("nl", "fr", "en")


class LoginFailed(Unauthorized):
    """Unknown address or wrong password: one answer for both, so nobody learns which."""

    code = "invalid_credentials"

    def default_message(self):
        return _("The e-mail address or the password is not right.")


class EmailUnverified(Unauthorized):
    """Right password, but the address was never confirmed."""

    code = "email_unverified"

    def __init__(self, user):
        super().__init__()
        self.user = user

    def default_message(self):
        return _("Please confirm your e-mail address first: open the link we mailed you, or ask for a new one.")


# --- links ------------------------------------------------------------------------------

def _first_url(*endpoints, **values):
    """The first of these pages that exists in this build (another part may not be there)."""
    for endpoint in endpoints:
        if endpoint in current_app.view_functions:
            return absolute_url(endpoint, **values)
    return current_app.config["PORTAL_BASE_URL"] + "/"


def _find_user(email):
    return db.session.execute(db.select(User).where(User.email == normalise_email(email))).scalar_one_or_none()


# --- sign-up ----------------------------------------------------------------------------

@use_case
def signup(data):
    """Create an account (e-mail unverified) and, by `data["kind"]`, either a new pending
    organisation with the user as its admin ("organisation"), a pending membership request
    to an approved organisation ("join"), or nothing more ("participant").

    Everything is checked before anything is written, then one transaction creates it all:
    a refused sign-up leaves no user, organisation or request behind.
    """
    email = normalise_email(data["email"])
    kind = data.get("kind") or "participant"
    errors = {}
    problems = password_problems(data["password"], email)
    if problems:
        errors["password"] = [str(p) for p in problems]
    if data.get("language") not in LANGUAGES:
        errors["language"] = [_("Choose nl, fr or en.")]
    if _find_user(email) is not None:
        errors["email"] = [_("An account with this e-mail address already exists. Log in, or reset your password.")]
    organisation = None
    if kind == "organisation":
        number = data["organisation"]["enterprise_number"]
        existing = registration.organisation_with_number(number)
        if existing is not None:
            errors["organisation.enterprise_number"] = [_already_registered(existing)]
    elif kind == "join":
        organisation = registration.joinable_organisation(data.get("organisation_id"))
        if organisation is None:
            errors["organisation_id"] = [_("Choose an approved organisation from the list.")]
    if errors:
        raise Invalid(fields=errors)

    try:
        user = User(email=email, password_hash=hash_password(data["password"]), name=data["name"].strip(),
                    language=data["language"])
        ensure_feed_secret(user)
        db.session.add(user)
        db.session.flush()
        if kind == "organisation":
            organisation = registration.register_organisation(
                user, data["organisation"], _first_url("organisations.moderation", "organisations.directory"))
        elif kind == "join":
            registration.request_membership(user, organisation, _first_url(
                "organisations.members", "organisations.detail", organisation_id=organisation.id))
        audit.record(user, "account.signed_up", user, organisation_id=organisation.id if organisation else None,
                     kind=kind)
        notify.mail_verification(user)
        db.session.flush()
    except IntegrityError:
        # Another sign-up took the address or the enterprise number between check and commit:
        # roll back to read which one won.
        db.session.rollback()
        if _find_user(email) is not None:
            raise Invalid(fields={"email": [_("An account with this e-mail address already exists.")]}) from None
        raise Invalid(fields={"organisation.enterprise_number": [
            _("An organisation with this enterprise number is already registered.")]}) from None
    return user


def _already_registered(organisation):
    if organisation.is_approved:
        return _("%(name)s is already registered with this enterprise number: choose “join an organisation” "
                 "to ask its administrators to let you in.", name=organisation.name)
    return _("An organisation with this enterprise number is already registered and awaits approval; "
             "ask the colleague who registered it to let you in once it is approved.")


# --- e-mail verification ----------------------------------------------------------------

@use_case
def verify_email(token):
    """Mark the address of a verification link as confirmed. Raises links.LinkProblem when
    the link is tampered with, expired or already used."""
    user = links.user_to_verify(token)
    user.email_verified_at = utcnow()
    audit.record(user, "account.verified", user)
    return user


@use_case
def resend_verification(email):
    """Mail a new verification link when an unverified account has this address. The
    caller answers the same whatever happened (nothing reveals whether the account exists)."""
    user = _find_user(email)
    if user is not None and not user.is_verified:
        notify.mail_verification(user)


# --- log-in and sessions --------------------------------------------------------------

@use_case
def authenticate(email, password):
    """The verified user with these credentials; a hash made with older argon2 parameters is
    replaced by one made with the configured ones.

    Raises RateLimited after too many failures (per account and per client address);
    LoginFailed, one answer in the same time for an unknown address and a wrong password
    (both counted as failures); EmailUnverified for the right password on an unconfirmed
    address (not counted: the password was right).
    """
    email = normalise_email(email)
    throttle.check(email)
    user = _find_user(email)
    if user is None:
        burn_time(password)
        throttle.failed(email)
        raise LoginFailed()
    if not verify_password(user.password_hash, password):
        throttle.failed(email)
        raise LoginFailed()
    if not user.is_verified:
        raise EmailUnverified(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)  # same password: sessions stay valid
    return user


@use_case
def end_sessions(user):
    """Log out everywhere: every session and remember-me cookie made before is refused."""
    user.session_version = (user.session_version or 0) + 1
    audit.record(user, "account.logged_out", user)


def _set_password(user, password):
    user.password_hash = hash_password(password)
    user.session_version = (user.session_version or 0) + 1  # other sessions and old cookies die
    notify.mail_password_changed(user)


@use_case
def change_password(user, current_password, new_password):
    """Replace the password: the current one is required (guesses count as failed log-ins);
    every other session ends."""
    throttle.check(user.email)
    if not verify_password(user.password_hash, current_password):
        throttle.failed(user.email)
        raise Invalid(fields={"current_password": [_("This is not your current password.")]})
    problems = password_problems(new_password, user.email)
    if problems:
        raise Invalid(fields={"password": [str(p) for p in problems]})
    _set_password(user, new_password)
    audit.record(user, "account.password_changed", user)
    return user


# --- password reset -------------------------------------------------------------------

@use_case
def request_password_reset(email):
    """Mail a reset link when an account has this address; the caller answers the same either way."""
    user = _find_user(email)
    if user is None:
        return
    notify.mail_reset_link(user)
    audit.record(None, "account.reset_requested", user)


def user_for_reset(token):
    """The account a reset link is for (links.LinkProblem when it cannot be used)."""
    return links.user_to_reset(token)


@use_case
def reset_password(token, new_password):
    """Set a new password from a reset link. The link dies with the old password, every
    session ends, and the address counts as confirmed (the link arrived in its mailbox)."""
    user = links.user_to_reset(token)
    problems = password_problems(new_password, user.email)
    if problems:
        raise Invalid(fields={"password": [str(p) for p in problems]})
    _set_password(user, new_password)
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record(user, "account.password_reset", user)
    return user


# --- profile --------------------------------------------------------------------------

def profile_of(user):
    """The user with membership and organisation loaded in one query (for the profile page)."""
    return db.session.execute(
        db.select(User).options(joinedload(User.membership).joinedload(Membership.organisation))
        .where(User.id == user.id)
    ).unique().scalar_one()


@use_case
def update_profile(user, name, language):
    """Name and language (of the interface and of every mail the user receives)."""
    if language not in LANGUAGES:
        raise Invalid(fields={"language": [_("Choose nl, fr or en.")]})
    user.name = name.strip()
    user.language = language
    return user


def feed_links(user):
    """The personal calendar feed as (https URL, webcal URL); makes the secret if missing."""
    if not user.feed_secret:
        give_feed_secret(user)
    return personal_feed_url(user), personal_feed_url(user, scheme="webcal")


@use_case
def give_feed_secret(user):
    """The first feed secret of an account made before secrets were given at sign-up."""
    ensure_feed_secret(user)


@use_case
def regenerate_feed_secret(user):
    """A new feed secret: the old feed URL stops working at once."""
    user.feed_secret = secrets.token_hex(32)
    audit.record(user, "account.feed_regenerated", user)
    return user


# --- API tokens -----------------------------------------------------------------------

@use_case
def issue_api_token(email, password):
    """A new bearer token for valid credentials of a verified account (see authenticate)."""
    user = authenticate(email, password)
    raw, token = new_token(user)
    return raw, token


@use_case
def revoke_api_token(token):
    """The token stops working at once."""
    token.revoked_at = utcnow()
