"""The webhook form: one validation for the API (portal.api.inputs.validated) and the page."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.webhooks.payloads import EVENT_TYPES


class WebhookForm(FlaskForm):
    url = StringField(_l("URL"), validators=[DataRequired(), Length(max=2000)],
                      description=_l("https://… on your own server; it receives a signed JSON POST per change."))
    events = SelectMultipleField(_l("Events"), choices=[SelectChoice(code, code) for code in EVENT_TYPES],
                                 validators=[DataRequired()])
