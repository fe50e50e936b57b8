"""Offer alerts (`flask --app wsgi send-offer-alerts`, daily): each saved search's owner gets
the offers published since the previous run for that search (the first run: since it was
saved) that match it, each offer once.

Safe on two machines at once: a search's window is claimed with one conditional UPDATE
(`alerted_until` moves from the value read to now only if nobody moved it meanwhile), and
what was sent is recorded under a unique (search, offer) pair in the same transaction as the
mail, so a window is never mailed twice and an offer never twice for one search.
"""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.core.mail import queue_mail
from portal.core.types import utcnow
from portal.extensions import db
from portal.offers.models import Offer, OfferAlertSent, SavedSearch
from portal.offers.saved_searches import unsubscribe_token
from portal.offers.search import search_offers

MAX_PER_MAIL = 50


def claim_window(search_id, previous, now):
    """True when this run moved the search's window from `previous` to `now`."""
    return db.session.execute(
        update(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.alerted_until == previous)
        .values(alerted_until=now).execution_options(synchronize_session=False)
    ).rowcount == 1


def new_offers(search, since, until):
    """The published offers matching the search, published in (since, until], not sent yet."""
    sent = exists().where(OfferAlertSent.saved_search_id == search.id, OfferAlertSent.offer_id == Offer.id)
    statement = search_offers(search.user, {**search.filters, "status": "published"}).where(
        Offer.published_at > since, Offer.published_at <= until, ~sent)
    return db.session.execute(statement.limit(MAX_PER_MAIL)).unique().scalars().all()


def send_offer_alerts(now=None):
    """Mail every search's owner its new offers; returns [(search, offers)] of what was sent."""
    now = now or utcnow()
    base = current_app.config["PORTAL_BASE_URL"]
    sent = []
    search_ids = db.session.execute(db.select(SavedSearch.id).order_by(SavedSearch.id)).scalars().all()
    for search_id in search_ids:
        # one search per transaction: loaded afresh, since each commit expires what was read
        search = db.session.get(SavedSearch, search_id, options=(joinedload(SavedSearch.user),),
                                populate_existing=True)
        if search is None:  # deleted meanwhile
            continue
        previous, user = search.alerted_until, search.user
        if not claim_window(search.id, previous, now):
            db.session.rollback()  # another run has this window
            continue
        offers = new_offers(search, previous, now) if user.email_verified_at is not None else []
        for offer in offers:
            db.session.add(OfferAlertSent(saved_search_id=search.id, offer_id=offer.id, sent_at=now))
        if offers:
            queue_mail(user.email, user.language, "offer_alert",
                       _l("New offers for your search “%(name)s”", name=search.name),
                       user=user, search=search, offers=offers, base=base,
                       unsubscribe=f"{base}/saved-searches/unsubscribe/{unsubscribe_token(search)}")
        try:
            db.session.commit()
        except IntegrityError:  # an offer of this window was recorded by another run: nothing twice
            db.session.rollback()
            continue
        if offers:
            sent.append((search, offers))
    return sent
