"""Page forms of a study day's life: the organisers' question editor."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.core.choices import Choices
from portal.core.fields import choice_field

QUESTION_KIND_CHOICES = Choices([
    ("text", _l("Free text")),
    ("choice", _l("One choice from a list")),
    ("multiple", _l("Several choices from a list")),
    ("checkbox", _l("A box to tick (yes/no)")),
])


class QuestionPageForm(FlaskForm):
    """The question editor. The label in the study day's own language is `label`; the other two
    languages have a field each (the template shows the two that are not the event's own)."""

    label = StringField(_l("Question"), validators=[DataRequired(), Length(max=200)])
    label_nl = StringField(_l("Question in Dutch"), validators=[Optional(), Length(max=200)])
    label_fr = StringField(_l("Question in French"), validators=[Optional(), Length(max=200)])
    label_en = StringField(_l("Question in English"), validators=[Optional(), Length(max=200)])
    kind = choice_field(_l("Kind of answer"), QUESTION_KIND_CHOICES, default="text")
    options = TextAreaField(_l("Options, one per line"), validators=[Optional(), Length(max=10_000)],
                            description=_l("Only for one or several choices from a list."))
    required = BooleanField(_l("An answer is required"))

    def payload(self, own_language):
        """What questions.checked_question reads."""
        return {
            "label": self.label.data or "", "kind": self.kind.data, "required": bool(self.required.data),
            "options": [line.strip() for line in (self.options.data or "").splitlines() if line.strip()],
            "translations": {lang: {"label": getattr(self, f"label_{lang}").data.strip()}
                             for lang in ("nl", "fr", "en")
                             if lang != own_language and (getattr(self, f"label_{lang}").data or "").strip()},
        }

    def fill(self, question):
        self.label.data, self.kind.data, self.required.data = question.label, question.kind, question.required
        self.options.data = "\n".join(question.options or [])
        for lang, fields in (question.translations or {}).items():
            getattr(self, f"label_{lang}").data = fields.get("label", "")
