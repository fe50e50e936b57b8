"""Form fields shared by several domains."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import DateTimeLocalInput

from portal.core.types import BRUSSELS


def parse_aware_datetime(text):
    """ISO 8601 in any offset; a time without offset is Brussels local time (as a
    browser's datetime-local input sends it). Raises ValueError."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BRUSSELS)
    return moment


class AwareDateTimeField(Field):
    """A timezone-aware datetime; shown to people in Brussels local time."""

    widget = DateTimeLocalInput()

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.astimezone(BRUSSELS).strftime("%Y-%m-%dT%H:%M") if self.data else ""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_aware_datetime(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a date and time such as 2023-06-28T09:00.")) from None


def select_choices(choices):
    """WTForms choices for one of the lists in core/choices.py, labelled in the reader's language
    (computed per form, so the labels follow the locale of the request)."""
    return lambda: [SelectChoice(code, label) for code, label in choices.form_choices()]


def choice_field(label, choices, **kwargs):
    """A single choice from one of the lists in core/choices.py."""
    return SelectField(label, choices=select_choices(choices), **kwargs)


def multi_choice_field(label, choices, **kwargs):
    return SelectMultipleField(label, choices=select_choices(choices), **kwargs)
