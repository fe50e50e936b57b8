"""Webhooks (API.md §6.5): an organisation's own software hears of changes as they happen.

An organisation's admin registers a URL and the event types it wants (services.py, api.py); each
change of state writes its deliveries in the change's own transaction (triggers.py: ids and
statuses only, built by payloads.py) as rows of the outbox (portal/core/outbox.py, kind
`webhook`); the outbox worker `flask --app wsgi send-mail` posts them, signed (signing.py), to
addresses checked again at delivery time (addresses.py), and retries until the receiver answers
(delivery.py).
"""
