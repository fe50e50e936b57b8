"""The accessibility statement's barrier reports: mailed to ACCESSIBILITY_CONTACT."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from portal.core import audit
from portal.core.mail import queue_mail
from portal.core.use_case import use_case


class BarrierReportForm(FlaskForm):
    page = StringField(_l("Which page?"), validators=[Optional(), Length(max=200)],
                       description=_l("The address or the name of the page, if you know it."))
    description = TextAreaField(_l("What stopped you?"), validators=[DataRequired(), Length(max=10_000)])
    email = EmailField(_l("Your e-mail address (if you want an answer)"),
                       validators=[Optional(), Length(max=254), Email(message=_l("Enter a valid e-mail address."))])


@use_case
def report_barrier(actor, page, description, email):
    """Pass a barrier report on to the accessibility contact (in Dutch, the portal's default
    language), and keep a trace of it in the audit log."""
    audit.record(actor, "accessibility.barrier_reported", None, page=page[:200])
    queue_mail(current_app.config["ACCESSIBILITY_CONTACT"], "nl", "accessibility_barrier",
               _l("Accessibility barrier reported"), page=page, description=description,
               reply_to=email, reporter=getattr(actor, "email", None))
