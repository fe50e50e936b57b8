"""HTML pages of the events domain, and the three calendar feeds (API.md §3, §4).

Organiser pages (forms, agenda editor, registrations) live in views_organise.py; both add
their routes to the blueprint of blueprint.py.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.accounts.feed_tokens import personal_feed_url, user_for_feed_token
from portal.core import cache, data_versions, ids, navigation
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.personal_cache import personal_response
from portal.core.translated import text_in
from portal.core.types import utcnow
from portal.core.web import flash_error, login_required
from portal.events import feeds, ical, links, list_items, permissions, queries, services
from portal.events import questions as event_questions
from portal.events.blueprint import bp

navigation.add_section(10, "events.index", _l("Study days"))
bp.add_app_template_global(list_items.event_list_item)


@bp.app_context_processor
def profile_helpers():
    """For templates/events/_profile_registrations.html, which the profile page includes."""
    return {"event_registrations_of": queries.registrations_of_user, "speakers_of": speakers_of}


def speakers_of(item):
    """An agenda item's speakers with their roles in the reader's language where translated,
    each with `role_lang`, the language its role is written in."""
    locale = str(get_locale())
    roles = ((item.translations or {}).get(locale) or {}).get("speaker_roles") if locale != item.language else None
    roles = roles if isinstance(roles, list) else []
    return [{**person, "role_lang": locale if index < len(roles) and roles[index] else item.language,
             **({"role": roles[index]} if index < len(roles) and roles[index] else {})}
            for index, person in enumerate(item.speakers or [])]


# What the event pages show: events (agenda, seats) and their organisers' names.
DOMAINS = ("events", "organisations")


@bp.get("/events")
@personal_response(*DOMAINS)
@cache.anonymous_response(*DOMAINS)
def index():
    upcoming = queries.upcoming(current_user)
    if cache.storing():  # the lists change when the next upcoming event ends
        cache.expires_at(queries.next_end(current_user))
    past = queries.past_page(current_user, ids.page_number(request.args.get("page")))
    from flask import current_app

    base = current_app.config["PORTAL_BASE_URL"]
    feed_path = url_for(".public_feed", lang=str(get_locale()))  # the feed in the reader's language
    return render_template("events/index.html", upcoming=upcoming, past=past, now=utcnow(),
                           feed_webcal="webcal://" + base.split("://", 1)[1] + feed_path,
                           can_create=permissions.can_create_events(current_user))


@bp.get("/events/<int:event_id>")
@personal_response(*DOMAINS)
@cache.anonymous_response(*DOMAINS)
def detail(event_id):
    return _detail_page(event_id)


def _detail_page(event_id, answer_errors=None, answer_values=None, status=200):
    now = utcnow()
    page = queries.event_page(current_user, event_id, now)
    event, registration = page["event"], page["registration"]
    # registration closes at the deadline; the page changes again when the day starts and ends
    cache.expires_at(min((m for m in (event.registration_deadline, event.starts_at, event.ends_at) if m > now),
                         default=None))
    feed_url = webcal_url = None
    if registration is not None and current_user.feed_secret:
        feed_url = personal_feed_url(current_user)
        webcal_url = personal_feed_url(current_user, scheme="webcal")
    return render_template(
        "events/detail.html", **page, now=now,
        google_url=links.google_calendar_url(event), outlook_url=links.outlook_calendar_url(event),
        feed_url=feed_url, webcal_url=webcal_url, answer_errors=answer_errors or {}, answer_values=answer_values or {},
    ), status


def answers_posted(event):
    """The registration form's answers to the event's questions (inputs `answer-<id>`), parsed
    once the service has looked the event up."""
    return views_questions.answers_from_form(event_questions.questions_of(event.id), request.form)


@bp.post("/events/<int:event_id>/register")
@login_required
def register(event_id):
    try:
        registration = services.register(current_user, event_id, answers_posted)
    except Invalid as error:
        if not error.fields:
            flash_error(error)
            return redirect(url_for(".detail", event_id=event_id))
        # the answers to the questions did not hold: the page again, each message by its question
        # (@use_case has rolled back; the values come from the form, not from the service)
        answers = views_questions.answers_from_form(event_questions.questions_of(event_id), request.form)
        return _detail_page(event_id, error.fields, answers, status=422)
    except (Conflict, Forbidden) as error:
        flash_error(error)
        return redirect(url_for(".detail", event_id=event_id))
    if registration.status == "confirmed":
        flash(_("You are registered. A confirmation with a calendar invitation is on its way."), "success")
    else:
        flash(_("The study day is full: you are number %(position)d on the waiting list.",
                position=registration.waitlist_position), "warning")
    return redirect(url_for(".detail", event_id=event_id))


@bp.post("/events/<int:event_id>/unregister")
@login_required
def unregister(event_id):
    try:
        services.cancel_registration(current_user, event_id)
    except (Invalid, services.NotRegistered) as error:
        flash_error(error)
        return redirect(url_for(".detail", event_id=event_id))
    flash(_("Your registration is cancelled."), "success")
    return redirect(url_for(".detail", event_id=event_id))


# --- calendars -------------------------------------------------------------------------

def _asked_language():
    """?lang= when it names a language of the portal, else None (never the session: calendar
    clients keep no cookies, and the bytes must depend on the URL alone)."""
    from flask import current_app

    asked = request.args.get("lang")
    return asked if asked in current_app.config["LANGUAGES"] else None


def _feed_language():
    from flask import current_app

    return _asked_language() or current_app.config["BABEL_DEFAULT_LOCALE"]


def _organisers_version():
    """Calendars name the organisers (ORGANIZER, DESCRIPTION): a renamed organisation must
    change the ETag although no event changed."""
    return data_versions.versions().get("organisations")


def _validator(event_id):
    row = queries.event_validator(event_id)
    return tuple(row) if row is not None else None


@bp.get("/events/<int:event_id>.ics")
@cache.anonymous_response(*DOMAINS)  # a calendar client's repeated download, or its 304, is kept
def event_ics(event_id):
    row = cache.memoize("feed_validators", ("events",), ("event", event_id), lambda: (_validator(event_id), None))
    if row is None:
        abort(404)
    status, updated_at = row
    if status not in permissions.PUBLIC_EVENT_STATUSES:
        permissions.get_event_for(current_user, event_id)  # drafts: organisers only, else 404
    detail_agenda = request.args.get("detail") == "agenda"
    language = _asked_language()  # None: the event's own language, as before ?lang= existed

    def build():
        event = queries.with_agenda(event_id)
        return ical.feed([event], text_in(event, "title", language or event.language)[0],
                         with_agenda=detail_agenda, language=language)

    return feeds.calendar_response(("event", event_id, detail_agenda, language, status, updated_at.isoformat(),
                                    _organisers_version()), updated_at, build, filename=f"event-{event_id}.ics")


@bp.get("/calendar/events.ics")
@cache.anonymous_response(*DOMAINS)
def public_feed():
    organiser_raw = request.args.get("organiser_id", "")
    organiser_id = ids.record_id(organiser_raw)
    language = _feed_language()
    asked = _asked_language()  # texts: in that language where written, else each event's own
    # Kept per events version until the first event in the feed leaves its window: a 304
    # then costs the version read only.
    count, latest = cache.memoize("feed_validators", ("events",), ("public", organiser_id),
                                  lambda: queries.public_feed_validator_until(organiser_id))

    def build():
        from flask_babel import force_locale

        with force_locale(language):
            name = _("Tandem — study days")
        return ical.feed(queries.public_feed_events(organiser_id), name, language=asked)

    return feeds.calendar_response(("public", organiser_id, language, asked, count, latest, _organisers_version()),
                                   latest, build,
                                   filename="tandem-events.ics")


@bp.get("/calendar/<token>.ics")
@cache.anonymous_response(*DOMAINS, "users")  # the URL's token is the key: kept for its owner alone
def personal_feed(token):
    # Who the token names and what the feed holds, kept under the counters of people (a new
    # feed secret kills the token at once) and events (registrations): a 304 then reads no row.
    found = cache.memoize("feed_validators", ("events", "users"), ("personal", token),
                          lambda: (_personal_validator(token), None))
    if not found:
        abort(404)
    user_id, language, count, latest_event, latest_registration = found
    moments = [m for m in (latest_event, latest_registration) if m is not None]
    latest = max(moments) if moments else None

    def build():
        from flask_babel import force_locale

        user = queries.feed_owner(user_id)
        events, statuses = queries.personal_feed_events(user)
        with force_locale(language):
            name = _("Tandem — my study days")
        return ical.feed(events, name, registration_statuses=statuses, language=user.language)

    return feeds.calendar_response(("personal", user_id, language, count, latest_event, latest_registration),
                                   latest, build, private=True, filename="tandem-my-events.ics")


def _personal_validator(token):
    """(user id, language, count, latest event change, latest registration change), or False
    for a token that is not (or no longer) anyone's."""
    user = user_for_feed_token(token)
    if user is None:
        return False
    return (user.id, user.language, *queries.personal_feed_validator(user))


# Added to bp once the blueprint has the pages above: organiser pages, the question editor
# (which also parses answers) and the guest pages.
from portal.events import (  # noqa: E402,F401
    views_certificates,
    views_checkin,
    views_feedback,
    views_guests,
    views_materials,
    views_organise,
    views_questions,
)
