"""Text written in several of the network's languages (API.md §6.2): one convention for every
record that has it — events, agenda items, offers, organisations, study-day questions.

- The record's plain columns (`title`, `description`, …) are written in the record's
  `language`; a JSON column `translations` holds the other languages:
  `{"fr": {"title": "…", "description": "…"}, "en": {…}}`. A language never appears both
  as `language` and in `translations`.
- A record declares which of its fields translate: `TRANSLATED = {"title": Text(200), …}`.
- Readers get each text in their language, else in the record's (`text_in`, `shown`).
- Writers send a `translations` payload; `clean_translations` validates it (422 naming
  `translations.fr.title`), `merge_translations` applies a PATCH per language and per field
  (`"fr": null` removes French, `"title": null` or `""` removes one field).
"""
from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.errors import Invalid

LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class Text:
    """A translatable text field of at most `max_length` characters."""

    max_length: int

    def clean(self, value, place, errors):
        if not isinstance(value, str) or "\x00" in value:
            errors[place] = [_("Must be text.")]
            return None
        value = value.replace("\r\n", "\n").strip()
        if len(value) > self.max_length:
            errors[place] = [_("At most %(max)d characters.", max=self.max_length)]
        return value


@dataclass(frozen=True)
class TextList:
    """A list of short texts aligned by position with a list on the record (e.g. the roles
    of an agenda item's speakers, in the order of the speakers). "" keeps the original."""

    max_length: int
    max_items: int

    def clean(self, value, place, errors):
        if not isinstance(value, list) or len(value) > self.max_items:
            errors[place] = [_("Must be a list of at most %(count)d texts.", count=self.max_items)]
            return None
        cleaned = [Text(self.max_length).clean(item, f"{place}.{index}", errors) for index, item in enumerate(value)]
        return [item or "" for item in cleaned] if any(cleaned) else ""


class Translated:
    """Mixin for a model with a `language` column and translatable fields (TRANSLATED)."""

    TRANSLATED: dict = {}
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")


def text_in(record, field, locale):
    """(text, language) of `field` for a reader of `locale`: the translation when there is
    one, else the record's own text in the record's language."""
    own = getattr(record, "language", None) or "nl"
    if locale != own:
        version = ((record.translations or {}).get(locale) or {}).get(field)
        if version:
            return version, locale
    return getattr(record, field), own


class Shown(str):
    """A text as shown to a reader, knowing its language; `lang_attr` is ` lang="fr"` when
    that differs from the page's (WCAG 3.1.2), empty otherwise."""

    def __new__(cls, text, lang, page_lang):
        shown = super().__new__(cls, text or "")
        shown.lang, shown.page_lang = lang, page_lang
        return shown

    @property
    def lang_attr(self):
        return Markup(' lang="%s"') % self.lang if self.lang != self.page_lang else Markup("")


def shown(record, field, locale=None):
    """The text of `field` in the reader's language (the request's, or `locale`)."""
    locale = locale or str(get_locale())
    text, lang = text_in(record, field, locale)
    return Shown(text, lang, locale)


def roles_in(people, translated_roles):
    """`people` (a list of {name, role, organisation}) with the roles replaced where a
    translated role is given (TextList by position)."""
    roles = translated_roles if isinstance(translated_roles, list) else []
    return [{**person, "role": roles[index]} if index < len(roles) and roles[index] else person
            for index, person in enumerate(people or [])]


def missing_languages(record, field, languages=("nl", "fr")):
    """The languages among `languages` in which `field` has no text at all (the organisers'
    "missing in French" hint: Brussels addresses the public in both)."""
    present = {getattr(record, "language", "nl")} if getattr(record, field, "") else set()
    present |= {lang for lang, texts in (record.translations or {}).items() if (texts or {}).get(field)}
    return [lang for lang in languages if lang not in present]


def clean_translations(payload, fields, own_language, partial=False):
    """A validated translations payload: {language: {field: text}}. Unknown languages or
    fields, the record's own language, non-text and over-long values are Invalid (422).
    With `partial` (a PATCH), None is kept as "remove this language / field"."""
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise Invalid(fields={"translations": [_("Must be an object keyed by language.")]})
    errors, cleaned = {}, {}
    for lang, texts in payload.items():
        place = f"translations.{lang}"
        if lang not in LANGUAGES:
            errors[place] = [_("Use one of nl, fr, en.")]
            continue
        if lang == own_language and not (partial and texts is None):
            errors[place] = [_("This is the record's own language: write it in the main fields.")]
            continue
        if texts is None and partial:
            cleaned[lang] = None
            continue
        if not isinstance(texts, dict):
            errors[place] = [_("Must be an object of texts.")]
            continue
        cleaned[lang] = {}
        for name, value in texts.items():
            if name not in fields:
                errors[f"{place}.{name}"] = [_("This field cannot be set.")]
                continue
            if value is None:
                cleaned[lang][name] = None if partial else ""
                continue
            cleaned[lang][name] = fields[name].clean(value, f"{place}.{name}", errors)
    if errors:
        raise Invalid(fields=errors)
    return cleaned


def merge_translations(current, changes):
    """`current` with `changes` applied per language and per field; empty texts and empty
    languages are dropped, so GET shows only what exists."""
    merged = {lang: dict(texts) for lang, texts in (current or {}).items() if texts}
    for lang, texts in (changes or {}).items():
        if texts is None:
            merged.pop(lang, None)
            continue
        target = merged.setdefault(lang, {})
        for name, value in texts.items():
            if value in (None, ""):
                target.pop(name, None)
            else:
                target[name] = value
    return {lang: texts for lang, texts in merged.items() if texts}


def check_own_language(translations, language):
    """422 when the translations hold the record's own language (e.g. after `language`
    changed to one that has a translation)."""
    if language in (translations or {}):
        raise Invalid(fields={f"translations.{language}": [
            _("This is the record's own language: write it in the main fields.")]})


def every_version(record, field):
    """The texts of `field` in every language (own first): what search indexes."""
    texts = [getattr(record, field) or ""]
    texts += [(versions or {}).get(field) or "" for versions in (record.translations or {}).values()]
    return [text for text in texts if isinstance(text, str) and text]


def translations_input(payload, model, language, partial=False):
    """Pop and validate `translations` from an API body (None when it is not there)."""
    if "translations" not in payload:
        return None
    return clean_translations(payload.pop("translations"), model.TRANSLATED, language, partial=partial)


def apply_translations(record, changes, language=None):
    """Merge validated `changes` into the record (a new dict, so the JSON column is saved),
    refusing (422) a translation in the record's own language — `language` when the same
    write changes it. Checked before anything is set: call it before the other fields."""
    merged = merge_translations(record.translations, changes) if changes is not None else (record.translations or {})
    check_own_language(merged, language or record.language)
    if changes is not None:
        record.translations = merged


class InReaderLanguage:
    """A record's text that takes the language of the moment it is turned into a string: for
    lazy mail subjects (`_l("Cancelled: %(title)s", title=InReaderLanguage(event, "title"))`),
    which are rendered in each recipient's language by core/mail.py."""

    def __init__(self, record, field):
        self.record, self.field = record, field

    def __str__(self):
        return str(shown(self.record, self.field))
