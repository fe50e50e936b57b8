"""schema.org `Event` JSON-LD for a study day's page, so that search engines can show the day
(date, place, organisers, whether it still takes registrations) — see
https://developers.google.com/search/docs/appearance/structured-data/event.

The page writes it with Jinja's `tojson`, which escapes `<`, `>`, `&` and `'` as \\u00XX: a
title holding `</script>` cannot end the element. A `<script type="application/ld+json">` is
data, not script: the strict CSP (script-src 'self') does not block it and nothing runs it.
"""
from portal.core.types import to_brussels, utcnow

STATUS = {"published": "https://schema.org/EventScheduled", "cancelled": "https://schema.org/EventCancelled"}


def _organisation(organisation, absolute, url_for):
    return {"@type": "Organization", "name": organisation.name,
            "url": absolute(url_for("organisations.detail", organisation_id=organisation.id))}


def event_json_ld(event, absolute, url_for):
    """The dict to serialise; `absolute` makes a path an absolute URL on PORTAL_BASE_URL."""
    page = absolute(url_for("events.detail", event_id=event.id))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description or event.title,
        "startDate": to_brussels(event.starts_at).isoformat(),
        "endDate": to_brussels(event.ends_at).isoformat(),
        "eventStatus": STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": event.language,
        "url": page,
        "location": {"@type": "Place", "name": event.venue or event.address,
                     "address": {"@type": "PostalAddress", "streetAddress": event.address,
                                 "addressRegion": "Brussels", "addressCountry": "BE"}},
        "organizer": [_organisation(o, absolute, url_for) for o in event.organisations],
        "maximumAttendeeCapacity": event.capacity,
        "isAccessibleForFree": True,
    }
    if event.status == "published":
        open_now = event.registration_open(utcnow())
        data["offers"] = {"@type": "Offer", "url": page, "price": 0, "priceCurrency": "EUR",
                          "availability": "https://schema.org/" + (
                              "InStock" if open_now and event.seats_left > 0 else
                              "LimitedAvailability" if open_now else "SoldOut")}
    return data


def init_app(app):
    from flask import url_for

    from portal.openweb.seo import absolute

    app.jinja_env.globals["event_json_ld"] = lambda event: event_json_ld(event, absolute, url_for)
