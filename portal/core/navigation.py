"""The main navigation: which sections a visitor sees, in one list.

Each domain adds its own sections (from its views module) with the rule that decides who
sees them, so core names no domain; `order` keeps the menu in a fixed order whatever the
order in which the domains are imported.
"""
from flask import current_app, request
from flask_babel import get_locale

from portal.core import cache
from portal.core.web import rendered_piece

SECTIONS = []  # (order, endpoint, label, who sees it)


def add_section(order, endpoint, label, allowed=lambda user: True):
    """Show `label` (a lazy string) linking to `endpoint` to the users `allowed(user)` admits."""
    if all(existing[1] != endpoint for existing in SECTIONS):
        SECTIONS.append((order, endpoint, label, allowed))
        SECTIONS.sort(key=lambda section: section[0])


def sections_for(user):
    """The sections `user` may open, skipping any whose page does not exist in this build."""
    views = current_app.view_functions
    return [(endpoint, label) for _, endpoint, label, allowed in SECTIONS if endpoint in views and allowed(user)]


def main_menu(user):
    """The main menu as HTML: the same for everyone who may open the same sections, so it is
    rendered once per (those sections, language, current page) in each process."""
    sections = sections_for(user)
    key = (tuple(endpoint for endpoint, _label in sections), str(get_locale()), request.endpoint)
    return cache.fragment("layout", ("menu", *key), lambda: _render("layout/main_menu.html", sections=sections,
                                                                    current=request.endpoint))


def site_footer():
    """The footer as HTML, rendered once per language in each process."""
    return cache.fragment("layout", ("footer", str(get_locale())), lambda: _render("layout/site_footer.html"))


def _render(template, **context):
    return rendered_piece(template, **context)


def has_endpoint(endpoint):
    return endpoint in current_app.view_functions
