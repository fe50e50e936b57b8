"""Account forms, shared by the pages and the JSON API (through portal.api.inputs.validated)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FormField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional, ValidationError

from portal.accounts.passwords import password_problems
from portal.core.choices import INTERFACE_LANGUAGES
from portal.core.fields import choice_field
from portal.core.ids import MAX_ID
from portal.organisations.forms import NewOrganisationForm

MAX_PASSWORD_LENGTH = 1000  # argon2 takes any length; this only bounds the work per request

SIGNUP_KINDS = (
    ("organisation", _l("Register a new organisation")),
    ("join", _l("Join an organisation that is already registered")),
    ("participant", _l("Just attend study days and follow calendars")),
)


class AccountForm(FlaskForm):
    """Base of the account forms: refuses the NUL character in any text (PostgreSQL cannot
    store it, and no person types it), nested forms included."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return _refuse_nul(self) and valid


def _refuse_nul(form):
    clean = True
    for field in form:
        if isinstance(field, FormField):
            clean = _refuse_nul(field.form) and clean
        elif any(isinstance(raw, str) and "\x00" in raw for raw in (field.raw_data or ())):
            field.errors = list(field.errors) + [str(_l("Contains a character that is not allowed."))]
            clean = False
    return clean


def email_field(label=None, check_format=True, **kwargs):
    validators = [DataRequired(), Length(max=254)]
    if check_format:
        validators.append(Email(message=_l("Enter a valid e-mail address, such as name@example.be.")))
    return EmailField(label or _l("E-mail address"), validators=validators, **kwargs)


def password_field(label, **kwargs):
    return PasswordField(label, validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)], **kwargs)


def new_password_rules(email_field_name=None):
    """The password rules of API.md as a WTForms validator (the e-mail from a sibling field)."""

    def check(form, field):
        email = form[email_field_name].data if email_field_name else getattr(form, "account_email", "")
        problems = password_problems(field.data or "", email or "")
        if problems:
            raise ValidationError(str(problems[0]))

    return check


class OrganisationSubForm(NewOrganisationForm):
    """NewOrganisationForm nested in the sign-up form (the outer form carries the CSRF token)."""

    class Meta:
        csrf = False


class OrganisationField(FormField):
    """The nested organisation: validated only when the sign-up registers a new organisation."""

    def validate(self, form, extra_validators=()):
        if form.chosen_kind() != "organisation":
            return True
        return super().validate(form, extra_validators)


class SignupForm(AccountForm):
    """Sign-up as the API takes it: `organisation` (new), `organisation_id` (join) or neither."""

    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH), new_password_rules("email")],
        description=_l("At least 10 characters; not your e-mail address and not a common password."),
    )
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    language = choice_field(_l("Language"), INTERFACE_LANGUAGES, validators=[DataRequired()],
                            description=_l("The language of the portal and of the e-mails we send you."))
    organisation = OrganisationField(OrganisationSubForm, label=_l("Your organisation"))
    organisation_id = IntegerField(
        _l("Organisation to join"),
        validators=[Optional(), NumberRange(min=1, max=MAX_ID, message=_l("Choose an organisation from the list."))],
    )

    def __init__(self, *args, kind="participant", **kwargs):
        self._kind = kind
        super().__init__(*args, **kwargs)

    def chosen_kind(self):
        return self._kind

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.chosen_kind() == "join" and self.organisation_id.data is None and not self.organisation_id.errors:
            self.organisation_id.errors = [str(_l("Choose the organisation you want to join."))]
            valid = False
        return valid


def _optional_int(value):
    if value in (None, ""):
        return None
    return int(value)


class SignupPageForm(SignupForm):
    """The sign-up page: the same fields, and a clear choice of what the account is for."""

    kind = RadioField(_l("What do you want to do?"), default="organisation", validators=[DataRequired()],
                      choices=[SelectChoice(code, label) for code, label in SIGNUP_KINDS])
    organisation_id = SelectField(_l("Organisation to join"), coerce=_optional_int, validate_choice=False,
                                  validators=[Optional()])

    def chosen_kind(self):
        return self.kind.data


class CredentialsForm(AccountForm):
    """E-mail and password: the API's token request."""

    email = email_field(check_format=False)
    password = password_field(_l("Password"))


class LoginForm(CredentialsForm):
    remember = BooleanField(_l("Keep me logged in on this device"))


class EmailRequestForm(AccountForm):
    """Ask for a mail: a new verification link, or a password reset link (an address of
    any form simply matches no account)."""

    email = email_field(check_format=False)


class ResetPasswordForm(AccountForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH), new_password_rules()],
        description=_l("At least 10 characters; not your e-mail address and not a common password."),
    )
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))])

    def __init__(self, *args, account_email="", **kwargs):
        self.account_email = account_email
        super().__init__(*args, **kwargs)


class PasswordChangeForm(ResetPasswordForm):
    current_password = password_field(_l("Current password"))


class ProfileForm(AccountForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    language = choice_field(_l("Language"), INTERFACE_LANGUAGES, validators=[DataRequired()],
                            description=_l("The language of the portal and of the e-mails we send you."))


class ConfirmForm(AccountForm):
    """A button that only needs the CSRF token: log out, regenerate the feed link."""
