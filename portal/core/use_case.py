"""One use case, one transaction (DESIGN.md "The use-case contract").

    @use_case
    def move_referral(actor, referral_id, data): ...

The decorated service looks up what it acts on, checks, writes; the decorator commits once
when it returns and rolls back before any exception leaves it — a domain error (NotFound,
Forbidden, Conflict, Invalid) included — so a refused change leaves nothing half-written in the
session and no view or API route ever calls commit or rollback itself. Mail queued in a rolled
back transaction is dropped with it (core/mail.py).

A use case that calls another runs inside the outer one's transaction: only the outermost
commits, so a composite action still commits once.

`@use_case(keeps_loaded=True)` is for a service whose result is the answer (the API's 200/201
body): the commit does not expire what the service loaded and wrote, so the adapter serialises
it as written, without fetching it again.
"""
from contextvars import ContextVar
from functools import wraps

from portal.extensions import db

_depth = ContextVar("use_case_depth", default=0)


def use_case(service=None, *, keeps_loaded=False):
    if service is None:
        return lambda function: use_case(function, keeps_loaded=keeps_loaded)

    @wraps(service)
    def run(*args, **kwargs):
        outermost = _depth.get() == 0
        token = _depth.set(_depth.get() + 1)
        try:
            result = service(*args, **kwargs)
            if outermost:
                commit(keep_loaded=keeps_loaded)
            return result
        except BaseException:
            if outermost:
                db.session.rollback()
            raise
        finally:
            _depth.reset(token)

    run.is_use_case = True
    return run


def commit(keep_loaded=False):
    """Commit the request's transaction; with `keep_loaded`, without expiring the loaded
    records (a read's audit entry, a write whose result is the answer)."""
    if not keep_loaded:
        db.session.commit()
        return
    session = db.session()
    session.expire_on_commit = False
    try:
        db.session.commit()
    finally:
        session.expire_on_commit = True


def parsed(data, *records):
    """A service's `data`, or — when the adapter passed a parser — what the parser makes of the
    input once the service has looked the record up: access is decided before the body is
    validated (API.md §2), and a PATCH is validated merged with the record it changes."""
    return data(*records) if callable(data) else data
