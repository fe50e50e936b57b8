"""Interface language: ?lang= (remembered), the user's preference, Accept-Language, then nl."""
from functools import lru_cache

from flask import current_app, g, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_login import current_user

from portal.core import choices, navigation, search_keys, translated
from portal.core.types import to_brussels
from portal.extensions import babel


def select_locale():
    if not has_request_context():  # command line, mail rendered outside a request
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        if not g.get("stateless"):  # a cookieless page (/embed/events) remembers nothing
            session["lang"] = asked
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def url_for_language(language):
    """The current URL with ?lang= set, keeping the other query arguments."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [language]
    from urllib.parse import urlencode

    return f"{request.path}?{urlencode(args, doseq=True)}"


def time_span(start, end):
    """"woensdag 28 juni 2023, 09:00–13:00" in the reader's language (Brussels time); both
    dates in full when the span crosses midnight."""
    return _time_span(start, end, str(get_locale()))


# Babel takes ~0.1 ms a call and a list page makes dozens: the results are kept per
# (value, language) — pure functions of both, the time zone being fixed (Europe/Brussels).
@lru_cache(maxsize=4096)
def _time_span(start, end, locale):  # `locale` is the key: Babel reads the same one from the request
    start, end = to_brussels(start), to_brussels(end)
    if end is None or start.date() != end.date():
        return " – ".join(f"{format_date(m, 'full')}, {format_time(m, 'HH:mm')}" for m in (start, end) if m)
    return f"{format_date(start, 'full')}, {format_time(start, 'HH:mm')}–{format_time(end, 'HH:mm')}"


def moment(value, fmt="medium"):
    """A point in time in Brussels time; "medium" on the 24-hour clock without seconds
    ("9 dec. 2025, 10:00"): nobody books anything to the second."""
    if not value:
        return ""
    return _moment(value, fmt, str(get_locale()))


@lru_cache(maxsize=4096)
def _moment(value, fmt, locale):
    value = to_brussels(value)
    if fmt == "medium":
        return f"{format_date(value, 'medium')}, {format_time(value, 'HH:mm')}"
    return format_datetime(value, fmt)


def day(value, fmt="long"):
    """A date in the reader's language (the `date` filter), formatted once per language."""
    return _day(value, fmt, str(get_locale())) if value else ""


@lru_cache(maxsize=4096)
def _day(value, fmt, locale):
    return format_date(value, fmt)


def init_app(app):
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.add_extension("jinja2.ext.i18n")  # {% trans %} blocks in templates
    app.jinja_env.globals.update(
        get_locale=get_locale,
        url_for_language=url_for_language,
        choices=choices,
        interface_languages=choices.INTERFACE_LANGUAGES,
        main_menu=navigation.main_menu,
        site_footer=navigation.site_footer,
        has_endpoint=navigation.has_endpoint,
        tr=translated.shown,  # a record's text in the reader's language, with .lang_attr
        missing_languages=translated.missing_languages,
        every_version=translated.every_version,
        highlight=search_keys.highlight,
        matched_words=search_keys.matched_words,
    )
    app.jinja_env.filters["date"] = day
    app.jinja_env.filters["time_span"] = time_span
    app.jinja_env.filters["datetime"] = moment
