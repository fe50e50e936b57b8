"""HTML pages of the events domain, and the three calendar feeds (API.md §3, §4).

Organiser pages (forms, agenda editor, registrations) live in views_organise.py.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.feed_tokens import personal_feed_url, user_for_feed_token
from portal.core import permissions
from portal.core.errors import DomainError
from portal.core.types import utcnow
from portal.events import feeds, ical, links, queries, services
from portal.extensions import db

bp = Blueprint("events", __name__)


@bp.app_context_processor
def profile_helpers():
    """For templates/events/_profile_registrations.html, which the profile page includes."""
    return {"event_registrations_of": queries.registrations_of_user}


@bp.get("/events")
def index():
    page = request.args.get("page", 1, type=int)
    upcoming = queries.upcoming(current_user)
    past = db.paginate(queries.past(current_user), page=max(page, 1), per_page=20, error_out=False)
    from flask import current_app

    base = current_app.config["PORTAL_BASE_URL"]
    return render_template("events/index.html", upcoming=upcoming, past=past, now=utcnow(),
                           feed_webcal="webcal://" + base.split("://", 1)[1] + url_for(".public_feed"),
                           can_create=permissions.can_create_events(current_user))


@bp.get("/events/<int:event_id>")
def detail(event_id):
    event = permissions.get_event_for(current_user, event_id, queries.list_options(with_agenda=True))
    registration = services.active_registration(current_user, event)
    if registration is not None:
        registration.waitlist_position = services.waitlist_position(registration)
    feed_url = webcal_url = None
    if registration is not None and current_user.feed_secret:
        feed_url = personal_feed_url(current_user)
        webcal_url = personal_feed_url(current_user, scheme="webcal")
    return render_template(
        "events/detail.html", event=event, seats=services.seats(event), registration=registration,
        is_organiser=permissions.is_event_organiser(current_user, event),
        can_register=permissions.can_register_for_events(current_user),
        registration_open=event.registration_open(), now=utcnow(),
        google_url=links.google_calendar_url(event), outlook_url=links.outlook_calendar_url(event),
        feed_url=feed_url, webcal_url=webcal_url,
    )


def _flash_error(error):
    flash(str(error.message), "error")


@bp.post("/events/<int:event_id>/register")
def register(event_id):
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=url_for(".detail", event_id=event_id))
                        if "accounts.login" in _views() else url_for(".detail", event_id=event_id))
    event = permissions.get_event_for(current_user, event_id)
    try:
        registration = services.register(current_user, event)
    except DomainError as error:
        if error.status == 404:
            raise
        _flash_error(error)
        return redirect(url_for(".detail", event_id=event_id))
    if registration.status == "confirmed":
        flash(_("You are registered. A confirmation with a calendar invitation is on its way."), "success")
    else:
        flash(_("The study day is full: you are number %(position)d on the waiting list.",
                position=registration.waitlist_position), "warning")
    return redirect(url_for(".detail", event_id=event_id))


@bp.post("/events/<int:event_id>/unregister")
def unregister(event_id):
    if not current_user.is_authenticated:
        abort(401)
    event = permissions.get_event_for(current_user, event_id)
    try:
        services.cancel_registration(current_user, event)
    except DomainError as error:
        _flash_error(error)
        return redirect(url_for(".detail", event_id=event_id))
    flash(_("Your registration is cancelled."), "success")
    return redirect(url_for(".detail", event_id=event_id))


def _views():
    from flask import current_app

    return current_app.view_functions


# --- calendars -------------------------------------------------------------------------

def _feed_language():
    from flask import current_app

    asked = request.args.get("lang")
    return asked if asked in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


@bp.get("/events/<int:event_id>.ics")
def event_ics(event_id):
    row = queries.event_validator(event_id)
    if row is None:
        abort(404)
    status, updated_at = row
    if status not in permissions.PUBLIC_EVENT_STATUSES:
        permissions.get_event_for(current_user, event_id)  # drafts: organisers only, else 404
    detail_agenda = request.args.get("detail") == "agenda"

    def build():
        event = queries.with_agenda(event_id)
        return ical.feed([event], event.title, with_agenda=detail_agenda)

    return feeds.calendar_response(("event", event_id, detail_agenda, status, updated_at.isoformat()),
                                   updated_at, build, filename=f"event-{event_id}.ics")


@bp.get("/calendar/events.ics")
def public_feed():
    organiser_raw = request.args.get("organiser_id", "")
    organiser_id = int(organiser_raw) if organiser_raw.isdigit() else None
    language = _feed_language()
    count, latest = queries.public_feed_validator(organiser_id)

    def build():
        from flask_babel import force_locale

        with force_locale(language):
            name = _("Tandem — study days")
        return ical.feed(queries.public_feed_events(organiser_id), name)

    return feeds.calendar_response(("public", organiser_id, language, count, latest), latest, build,
                                   filename="tandem-events.ics")


@bp.get("/calendar/<token>.ics")
def personal_feed(token):
    user = user_for_feed_token(token)
    if user is None:
        abort(404)
    count, latest_event, latest_registration = queries.personal_feed_validator(user)
    moments = [m for m in (latest_event, latest_registration) if m is not None]
    latest = max(moments) if moments else None

    def build():
        from flask_babel import force_locale

        events, statuses = queries.personal_feed_events(user)
        with force_locale(user.language):
            name = _("Tandem — my study days")
        return ical.feed(events, name, registration_statuses=statuses)

    return feeds.calendar_response(("personal", user.id, user.language, count, latest_event, latest_registration),
                                   latest, build, private=True, filename="tandem-my-events.ics")


from portal.events import views_organise  # noqa: E402,F401  (adds the organiser pages to bp)
