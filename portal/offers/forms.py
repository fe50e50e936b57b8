"""Offer forms: one validation for the pages and the API (portal.api.inputs.validated)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.core.choices import (
    COMMUNES,
    CONTRACT_TYPES,
    FUNCTIONS,
    INTERFACE_LANGUAGES,
    SECTORS,
    SPOKEN_LANGUAGES,
    Choices,
)
from portal.core.fields import choice_field, multi_choice_field
from portal.core.translation_forms import with_translations
from portal.offers.models import Offer

OFFER_STATUSES = Choices([
    ("draft", _l("Draft")),
    ("published", _l("Published")),
    ("filled", _l("Filled")),
    ("closed", _l("Closed")),
])
# A new offer starts as a draft or is published at once.
CREATION_STATUSES = ("draft", "published")
# status → the statuses an offer may move to
OFFER_MOVES = {
    "draft": ("published", "closed"),
    "published": ("filled", "closed"),
    "filled": ("published", "closed"),
    "closed": (),
}
WRITABLE_FIELDS = ("title", "description", "language", "sector", "function", "commune", "positions", "languages",
                   "hours_per_week", "start_date", "contract_type", "status", "application_deadline")


class OfferForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=10_000)],
        description=_l("Plain text; leave a blank line between paragraphs."),
    )
    language = choice_field(_l("Language of the text"), INTERFACE_LANGUAGES, validators=[Optional()], default="nl",
                            description=_l("The language of the title and description."))
    sector = choice_field(_l("Sector"), SECTORS, validators=[InputRequired()])
    function = choice_field(_l("Function"), FUNCTIONS, validators=[InputRequired()])
    commune = choice_field(_l("Commune of the workplace"), COMMUNES, validators=[InputRequired()])
    positions = IntegerField(_l("Positions"), validators=[InputRequired(), NumberRange(min=1, max=999)])
    languages = multi_choice_field(_l("Languages asked for"), SPOKEN_LANGUAGES, validators=[Optional()])
    hours_per_week = IntegerField(_l("Hours per week"), validators=[InputRequired(), NumberRange(min=1, max=60)])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    contract_type = choice_field(_l("Contract type"), CONTRACT_TYPES, validators=[InputRequired()])
    status = SelectField(_l("Status"), choices=lambda: [
        (code, label) for code, label in OFFER_STATUSES.form_choices() if code in CREATION_STATUSES
    ], default="draft", validators=[InputRequired()])
    application_deadline = DateField(_l("Apply before"), validators=[Optional()])

    def validate_application_deadline(self, field):
        if field.data and self.start_date.data and field.data > self.start_date.data:
            raise ValidationError(_l("The deadline must not fall after the start date."))


class OfferEditForm(OfferForm):
    """Editing: any status may be asked for; services check the move against OFFER_MOVES."""

    status = SelectField(_l("Status"), choices=lambda: OFFER_STATUSES.form_choices(),
                         validators=[InputRequired()])


# The pages' forms add a column per other language (core/translation_forms.py).
_TEXT_LABELS = {"title": _l("Title"), "description": _l("Description")}
OfferPageForm = with_translations(OfferForm, Offer.TRANSLATED, _TEXT_LABELS)
OfferEditPageForm = with_translations(OfferEditForm, Offer.TRANSLATED, _TEXT_LABELS)


class OfferSearchForm(FlaskForm):
    """The filters of /offers and GET /api/v1/offers (unknown codes are refused)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    commune = SelectField(_l("Commune"), choices=lambda: [("", _l("All"))] + COMMUNES.form_choices(),
                          validators=[Optional()], default="")
    sector = SelectField(_l("Sector"), choices=lambda: [("", _l("All"))] + SECTORS.form_choices(),
                         validators=[Optional()], default="")
    function = SelectField(_l("Function"), choices=lambda: [("", _l("All"))] + FUNCTIONS.form_choices(),
                           validators=[Optional()], default="")
    language = SelectField(_l("Language"), choices=lambda: [("", _l("All"))] + SPOKEN_LANGUAGES.form_choices(),
                           validators=[Optional()], default="")
    contract_type = SelectField(_l("Contract type"),
                                choices=lambda: [("", _l("All"))] + CONTRACT_TYPES.form_choices(),
                                validators=[Optional()], default="")
    status = SelectField(_l("Status"), choices=lambda: [("", _l("All"))] + OFFER_STATUSES.form_choices(),
                         validators=[Optional()], default="")
