"""What every page's <head> tells search engines and link previews: its alternates in the three
interface languages (hreflang, with ?lang=), Open Graph tags, and absolute URLs on
PORTAL_BASE_URL (crawlers and previews need them absolute; the host the request came by may be
an internal one behind the proxy)."""
from urllib.parse import urlencode

from flask import current_app, request
from flask_babel import get_locale

# Open Graph wants a territory; the portal speaks Belgian Dutch and French.
OG_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def absolute(path):
    return current_app.config["PORTAL_BASE_URL"] + path


def _url_with(language):
    """The current page's absolute URL with ?lang=language (None: without it), other query
    arguments kept."""
    args = [(name, value) for name, value in request.args.items(multi=True) if name != "lang"]
    if language is not None:
        args.append(("lang", language))
    query = urlencode(args)
    return absolute(request.path + (f"?{query}" if query else ""))


def alternates():
    """[(hreflang, absolute URL)]: one per interface language, and x-default (the URL without
    ?lang=, where the visitor's browser language decides)."""
    links = [(code, _url_with(code)) for code in current_app.config["LANGUAGES"]]
    return [*links, ("x-default", _url_with(None))]


def page_url():
    """This page's absolute URL in the language it is shown in (og:url)."""
    return _url_with(str(get_locale()))


def og_locale():
    return OG_LOCALES.get(str(get_locale()), "nl_BE")


def og_locale_alternates():
    current = str(get_locale())
    return [OG_LOCALES[code] for code in current_app.config["LANGUAGES"] if code != current]


def init_app(app):
    app.jinja_env.globals.update(seo_alternates=alternates, seo_page_url=page_url, seo_og_locale=og_locale,
                                 seo_og_locale_alternates=og_locale_alternates, absolute_url=absolute)
