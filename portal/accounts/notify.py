"""The accounts domain's mails, one named function each, in the account's language."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts import links
from portal.accounts.links import absolute_url
from portal.core.mail import queue_mail


def mail_verification(user):
    """The link that confirms the e-mail address (sign-up, or a new link asked for)."""
    queue_mail(
        user.email, user.language, "account_verify", _l("Confirm your e-mail address for Tandem"),
        user=user, link=absolute_url("accounts.verify", token=links.verification_token(user)),
        max_age_hours=current_app.config["VERIFY_LINK_MAX_AGE"] // 3600,
    )


def mail_password_changed(user):
    """Tell the owner (ASVS 2.2.3): if it was not them, the mail says how to take the account back."""
    queue_mail(user.email, user.language, "account_password_changed", _l("Your Tandem password was changed"),
               user=user, link=absolute_url("accounts.reset_request"))


def mail_reset_link(user):
    queue_mail(
        user.email, user.language, "account_reset", _l("Choose a new password for Tandem"),
        user=user, link=absolute_url("accounts.reset_password", token=links.reset_token(user)),
        max_age_hours=max(1, current_app.config["RESET_LINK_MAX_AGE"] // 3600),
    )
