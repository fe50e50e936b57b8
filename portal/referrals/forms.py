"""Candidate, referral, move, placement and note forms, shared by the pages and the API."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.core.choices import CLOSE_REASONS, COMMUNES, OUTCOMES, SPOKEN_LANGUAGES
from portal.core.fields import AwareDateTimeField, choice_field, multi_choice_field
from portal.core.ids import MAX_ID
from portal.referrals.workflow import STATUSES


def _not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(_l("This date may not lie in the future."))


class CandidateEditForm(FlaskForm):
    reference = StringField(_l("File reference"), validators=[Optional(), Length(max=64)],
                            description=_l("Your OCMW's own reference; never shown to hosts."))
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=200)])
    last_initial = StringField(_l("Initial of the last name"), validators=[DataRequired(), Length(max=3)])
    birth_year = IntegerField(_l("Year of birth"), validators=[Optional(), NumberRange(min=1900, max=2100)])
    languages = multi_choice_field(_l("Languages spoken"), SPOKEN_LANGUAGES, validators=[Optional()])
    skills = TextAreaField(_l("Skills and experience"), validators=[Optional(), Length(max=10_000)])
    commune = choice_field(_l("Commune of residence"), COMMUNES, validators=[InputRequired()])
    available_from = DateField(_l("Available from"), validators=[Optional()])
    hours_per_week = IntegerField(_l("Hours per week the person can work"),
                                  validators=[Optional(), NumberRange(min=1, max=60)])
    notes = TextAreaField(_l("Internal notes"), validators=[Optional(), Length(max=10_000)],
                          description=_l("Seen only by your OCMW."))

    def validate_birth_year(self, field):
        if field.data and field.data > date.today().year:
            raise ValidationError(_l("This year lies in the future."))


class ConsentScopeFields:
    """Until when, and for which receiving organisations (API.md §6.4): empty means no end and
    any partner. The ids are checked against the approved organisations by the service."""

    consent_expires_on = DateField(_l("Consent valid until"), validators=[Optional()],
                                   description=_l("Leave empty when the consent has no end date."))
    consent_organisation_ids = SelectMultipleField(
        _l("Only for these organisations"), coerce=int, validate_choice=False, validators=[Optional()],
        description=_l("Leave empty when the person agreed to be referred to any partner."))


class CandidateForm(ConsentScopeFields, CandidateEditForm):
    consent = BooleanField(_l("The person has given their consent to share this profile with hosts"))
    consent_date = DateField(_l("Date of consent"), validators=[InputRequired(), _not_in_future])

    def validate_consent(self, field):
        if field.data is not True:
            raise ValidationError(_l("Nothing is saved without the person's consent."))


class ConsentForm(ConsentScopeFields, FlaskForm):
    """Renewing consent: given again on a date, with its (new) end and scope."""

    consent_date = DateField(_l("Date of consent"), validators=[InputRequired(), _not_in_future])


class ReferralForm(FlaskForm):
    # bounded: a page form's number past the id columns' range would overflow the query (500)
    candidate_id = IntegerField(_l("Candidate"), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])
    offer_id = IntegerField(_l("Offer"), validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])
    message = TextAreaField(_l("Message to the host"), validators=[Optional(), Length(max=10_000)])


class TransitionForm(FlaskForm):
    to = SelectField(_l("New status"), choices=lambda: STATUSES.form_choices(), validators=[InputRequired()])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=10_000)])
    date = DateField(_l("Date"), validators=[Optional()])
    outcome = SelectField(_l("Outcome"), choices=lambda: [("", "—")] + OUTCOMES.form_choices(),
                          validators=[Optional()], default="")
    # declined, withdrawn, ended with outcome broken_off: one of CLOSE_REASONS (the service
    # says when it is required; a code outside the list is refused here)
    reason = SelectField(_l("Reason"), choices=lambda: [("", "—")] + CLOSE_REASONS.form_choices(),
                         validators=[Optional()], default="")
    # interview: when and where (optional; without them the interview is still to be scheduled)
    at = AwareDateTimeField(_l("Interview date and time"), validators=[Optional()])
    place = StringField(_l("Interview place"), validators=[Optional(), Length(max=200)])


class InterviewForm(FlaskForm):
    """Changing a scheduled interview (PATCH /api/v1/referrals/{id}/interview and the page)."""

    at = AwareDateTimeField(_l("Interview date and time"), validators=[Optional()])
    place = StringField(_l("Interview place"), validators=[Optional(), Length(max=200)])


class PlacementForm(FlaskForm):
    agreement_signed_on = DateField(_l("Placement agreement signed on"), validators=[Optional()])
    planned_end = DateField(_l("Planned end"), validators=[Optional()])
    hours_per_week = IntegerField(_l("Hours per week"), validators=[Optional(), NumberRange(min=1, max=60)])
    job_coach = StringField(_l("Job coach (OCMW)"), validators=[Optional(), Length(max=200)])
    supervisor = StringField(_l("Supervisor (host)"), validators=[Optional(), Length(max=200)])


class NoteForm(FlaskForm):
    on = DateField(_l("Date"), validators=[InputRequired()])
    text = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=10_000)],
                         description=_l("Both organisations read this note: no confidential details."))
