"""Organisation forms, shared by pages and the API."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Form, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Email, Length, Optional, Regexp, ValidationError

from portal.core.choices import COMMUNES, INTERFACE_LANGUAGES, MEMBERSHIP_ROLES, ORGANISATION_TYPES, SECTORS
from portal.core.fields import choice_field, multi_choice_field
from portal.core.translation_forms import with_translations
from portal.organisations import enterprise_number
from portal.organisations.models import Organisation

# Only web addresses become links: never javascript: or other schemes.
web_address = Regexp(r"(?i)^https?://", message=_l("Start the address with https:// or http://."))


def valid_enterprise_number(form, field):
    if not enterprise_number.is_valid(field.data):
        raise ValidationError(_l("This is not a valid enterprise number (KBO/BCE), e.g. 0403.019.261."))
    field.data = enterprise_number.normalise(field.data)


class NewOrganisationForm(Form):
    """The fields a new organisation is registered with (at sign-up).

    A plain WTForms form, not a FlaskForm: it is nested (FormField) in the sign-up form,
    whose own CSRF token protects the whole page.
    """

    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    type = choice_field(_l("Type of organisation"), ORGANISATION_TYPES, validators=[DataRequired()])
    enterprise_number = StringField(
        _l("Enterprise number (KBO/BCE)"), validators=[DataRequired(), valid_enterprise_number],
        description=_l("Ten digits, as in 0403.019.261."),
    )
    commune = choice_field(_l("Municipality"), COMMUNES, validators=[DataRequired()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200), URL(require_tld=True),
                                                   web_address],
                          description=_l("A full address, such as https://www.example.be"))


PHONE_PATTERN = r"^\+?[0-9 ().\-/]{6,40}$"


class OrganisationProfileForm(FlaskForm):
    """What an organisation's admins may change on its profile (never name, type, status or
    enterprise number: those were checked at approval)."""

    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10_000)],
                                description=_l("What your organisation does, for partners in the network."))
    language = choice_field(_l("Language of the description"), INTERFACE_LANGUAGES, validators=[Optional()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200), URL(require_tld=True), web_address],
                          description=_l("A full address, such as https://www.example.be"))
    email = StringField(_l("Contact e-mail"), validators=[
        Optional(), Length(max=254), Email(message=_l("Enter a valid e-mail address."))])
    phone = StringField(_l("Phone"), validators=[
        Optional(), Length(max=40), Regexp(PHONE_PATTERN, message=_l("Enter a phone number such as +32 2 000 00 00."))])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    sie_mandated = BooleanField(_l("Mandated by the Brussels-Capital Region as a social integration enterprise"))
    sie_mandate_until = DateField(_l("Mandate valid until"), validators=[Optional()])
    sectors = multi_choice_field(_l("Sectors of activity"), SECTORS, validators=[Optional()])

    # Fields that only a social integration enterprise may fill in.
    SIE_FIELDS = ("sie_mandated", "sie_mandate_until", "sectors")


# The page adds a column per other language (core/translation_forms.py).
OrganisationProfilePageForm = with_translations(OrganisationProfileForm, Organisation.TRANSLATED,
                                                {"description": _l("Description")})


class RejectOrganisationForm(FlaskForm):
    reason = TextAreaField(_l("Reason for the rejection"), validators=[DataRequired(), Length(max=10_000)],
                           description=_l("Mailed to the organisation's administrators."))


class MemberRoleForm(FlaskForm):
    role = choice_field(_l("Role"), MEMBERSHIP_ROLES, validators=[DataRequired()])
