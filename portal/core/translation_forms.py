"""The other language versions of a record on its page form (core/translated.py): one
sub-form per language (`tr_nl`, `tr_fr`, `tr_en`, fields named `tr_fr-title`), shown side by
side beside the main fields by templates/macros/forms.html `translation_columns`.

The main fields stay the record's language version (required as before); the columns of the
other languages are optional. A page form posts its whole state, so an emptied field removes
that version.
"""
from flask_babel import lazy_gettext as _l
from wtforms import Form, FormField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from portal.core.translated import LANGUAGES, TextList

PREFIX = "tr_"


def _subform(translated, labels, language):
    from portal.core.choices import INTERFACE_LANGUAGES

    attributes = {}
    for name, spec in translated.items():
        # "Title (Français)": three fields called "Title" on one page would confuse a screen reader
        label = _l("%(field)s (%(language)s)", field=labels.get(name, name),
                   language=INTERFACE_LANGUAGES.label(language))
        if isinstance(spec, TextList):
            longest = spec.max_length * spec.max_items
            attributes[name] = TextAreaField(label, validators=[Optional(), Length(max=longest)],
                                             description=_l("One per line, in the order of the main list."))
        elif spec.max_length > 200:
            attributes[name] = TextAreaField(label, validators=[Optional(), Length(max=spec.max_length)])
        else:
            attributes[name] = StringField(label, validators=[Optional(), Length(max=spec.max_length)])
    return type("TranslationForm", (Form,), attributes)


def with_translations(form_class, translated, labels):
    """`form_class` with one optional sub-form per language for the `translated` fields."""
    attributes = {f"{PREFIX}{language}": FormField(_subform(translated, labels, language), separator="-")
                  for language in LANGUAGES}
    return type(form_class.__name__, (form_class,), attributes)


def fill(form, record):
    """Show the record's translations in the columns (on GET)."""
    for language in LANGUAGES:
        texts = (record.translations or {}).get(language) or {}
        for name, field in getattr(form, f"{PREFIX}{language}").form._fields.items():
            value = texts.get(name)
            field.data = "\n".join(value) if isinstance(value, list) else (value or "")


def changes(form, own_language, translated):
    """The posted columns as translation changes for apply_translations: every language but
    the record's own, each field its text or None (emptied: removed). Text in the column of
    the record's own language is refused, so that nothing typed is silently dropped."""
    from flask_babel import gettext as _

    from portal.core.errors import Invalid

    result = {}
    for language in LANGUAGES:
        sub = getattr(form, f"{PREFIX}{language}").form
        texts = {}
        for name, field in sub._fields.items():
            value = (field.data or "").replace("\r\n", "\n").strip()
            if isinstance(translated[name], TextList):
                value = [line.strip() for line in value.split("\n")] if value else None
            texts[name] = value or None
        if language == own_language:
            if any(texts.values()):  # its column is not shown in that case: the message goes on `language`
                raise Invalid(fields={"language": [
                    _("This is the record's own language: write it in the main fields.")]})
            continue
        result[language] = texts
    return result


def apply_errors(form, error):
    """Put an Invalid from translations (`translations.fr.title`, `tr_fr`) on the columns;
    returns the messages it could not place."""
    left = {}
    for name, messages in (error.fields or {}).items():
        parts = name.replace("translations.", PREFIX, 1).replace(".", "-").split("-")
        field = getattr(form, parts[0], None) if parts[0].startswith(PREFIX) else None
        if field is not None:  # the named field, else the column's first (a FormField holds no errors itself)
            sub = field.form._fields
            field = sub.get(parts[1]) if len(parts) > 1 and parts[1] in sub else next(iter(sub.values()))
        if field is None:
            left[name] = messages
            continue
        field.errors = list(field.errors or []) + [str(m) for m in messages]
    return left
