"""Organisation forms, shared by pages and the API."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from portal.core.choices import COMMUNES, ORGANISATION_TYPES
from portal.core.fields import choice_field
from portal.organisations import enterprise_number


def valid_enterprise_number(form, field):
    if not enterprise_number.is_valid(field.data):
        raise ValidationError(_l("This is not a valid enterprise number (KBO/BCE), e.g. 0403.019.261."))
    field.data = enterprise_number.normalise(field.data)


class NewOrganisationForm(FlaskForm):
    """The fields a new organisation is registered with (at sign-up)."""

    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    type = choice_field(_l("Type of organisation"), ORGANISATION_TYPES, validators=[DataRequired()])
    enterprise_number = StringField(
        _l("Enterprise number (KBO/BCE)"), validators=[DataRequired(), valid_enterprise_number],
        description=_l("Ten digits, as in 0403.019.261."),
    )
    commune = choice_field(_l("Municipality"), COMMUNES, validators=[DataRequired()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200), URL(require_tld=True)])
