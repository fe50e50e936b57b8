"""Forms of the events domain, shared by the pages and the API (through portal.api.inputs)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.core.choices import AGENDA_KINDS, INTERFACE_LANGUAGES, Choices
from portal.core.fields import AwareDateTimeField, choice_field
from portal.core.translation_forms import with_translations
from portal.events.models import AgendaItem, Event

EVENT_STATUS_CHOICES = Choices([
    ("draft", _l("Draft")),
    ("published", _l("Published")),
    ("cancelled", _l("Cancelled")),
])
REGISTRATION_STATUS_CHOICES = Choices([
    ("confirmed", _l("Confirmed")),
    ("waitlisted", _l("On the waiting list")),
    ("cancelled", _l("Cancelled")),
])
TITLE_MAX = 200
TEXT_MAX = 10_000


class EventForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=TEXT_MAX)])
    venue = StringField(_l("Venue"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    address = StringField(_l("Address"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    starts_at = AwareDateTimeField(_l("Starts at"), validators=[InputRequired()])
    ends_at = AwareDateTimeField(_l("Ends at"), validators=[InputRequired()])
    capacity = IntegerField(_l("Capacity (seats)"), validators=[InputRequired(), NumberRange(min=1, max=100_000)])
    registration_deadline = AwareDateTimeField(_l("Registration deadline"), validators=[InputRequired()])
    language = choice_field(_l("Language"), INTERFACE_LANGUAGES, validators=[InputRequired()])
    status = choice_field(_l("Status"), EVENT_STATUS_CHOICES, validators=[InputRequired()], default="draft")

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))

    def validate_registration_deadline(self, field):
        if field.data and self.starts_at.data and field.data > self.starts_at.data:
            raise ValidationError(_l("The registration deadline cannot be after the start."))


class EventPageFields(EventForm):
    """The page form adds the co-organisers (the API takes them as `co_organiser_ids`)."""

    co_organiser_ids = SelectMultipleField(_l("Co-organisers"), coerce=int, validators=[Optional()])


# ... and a column per other language (core/translation_forms.py)
EventPageForm = with_translations(EventPageFields, Event.TRANSLATED,
                                  {"title": _l("Title"), "description": _l("Description"), "venue": _l("Venue")})


class AgendaItemForm(FlaskForm):
    starts_at = AwareDateTimeField(_l("Starts at"), validators=[InputRequired()])
    ends_at = AwareDateTimeField(_l("Ends at"), validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    kind = choice_field(_l("Kind"), AGENDA_KINDS, validators=[InputRequired()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=TEXT_MAX)])

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))


class AgendaItemPageFields(AgendaItemForm):
    speakers = TextAreaField(
        _l("Speakers"), validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("One person per line: name | role | organisation"),
    )
    moderators = TextAreaField(
        _l("Moderators"), validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("One person per line: name | role | organisation"),
    )


AgendaItemPageForm = with_translations(AgendaItemPageFields, AgendaItem.TRANSLATED, {
    "title": _l("Title"), "description": _l("Description"), "speaker_roles": _l("Roles of the speakers")})


class MessageForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=TEXT_MAX)])
