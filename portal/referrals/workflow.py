"""The referral workflow (API.md): the one table of allowed moves, and who may make them.

Services, pages, the API and the tests all read MOVES; nothing else decides whether a
move is allowed. The receiving side is the offer's organisation, the sending side the OCMW.
"""
from flask_babel import lazy_gettext as _l

from portal.core import cache
from portal.core.choices import Choices
from portal.core.errors import Conflict, Forbidden

RECEIVING = "receiving"
SENDING = "sending"
BOTH = frozenset({RECEIVING, SENDING})

STATUSES = Choices([
    ("submitted", _l("Submitted")),
    ("in_review", _l("In review")),
    ("interview", _l("Interview")),
    ("accepted", _l("Accepted")),
    ("declined", _l("Declined")),
    ("withdrawn", _l("Withdrawn")),
    ("started", _l("Placement started")),
    ("ended", _l("Placement ended")),
])

# status → {next status → the sides that may make that move}
MOVES = {
    "submitted": {"in_review": {RECEIVING}, "interview": {RECEIVING}, "accepted": {RECEIVING},
                  "declined": {RECEIVING}, "withdrawn": {SENDING}},
    "in_review": {"interview": {RECEIVING}, "accepted": {RECEIVING}, "declined": {RECEIVING},
                  "withdrawn": {SENDING}},
    "interview": {"accepted": {RECEIVING}, "declined": {RECEIVING}, "withdrawn": {SENDING}},
    "accepted": {"started": BOTH},
    "started": {"ended": BOTH},
    "declined": {},
    "withdrawn": {},
    "ended": {},
}

# The receiving side has to act: 2 working days without a move makes the referral overdue.
AWAITING_RECEIVER = frozenset({"submitted", "in_review", "interview"})
OPEN = AWAITING_RECEIVER | {"accepted", "started"}
CLOSED = frozenset({"declined", "withdrawn", "ended"})
# A candidate may not be referred to the same offer again while one of these is pending.
BLOCKS_NEW_REFERRAL = AWAITING_RECEIVER | {"accepted"}
RUNNING = frozenset({"started"})
# Moves that need a date (and, for ended, an outcome).
NEEDS_DATE = frozenset({"started", "ended"})
NEEDS_OUTCOME = frozenset({"ended"})
OVERDUE_WORKING_DAYS = 2
# Moves that take a reason from core/choices.py CLOSE_REASONS (and `ended` when broken off).
NEEDS_REASON = frozenset({"declined", "withdrawn"})
REASON_OUTCOME = "broken_off"
# A scheduled interview is cancelled (METHOD:CANCEL) by these moves.
CANCELS_INTERVIEW = frozenset({"declined", "withdrawn"})



def is_overdue(referral, now):
    """Overdue: the receiving side has to act and its answer was due before `now`
    (`respond_by`, 2 working days after the last move). The same rule as overdue_condition,
    for a referral already loaded."""
    awaiting = referral.status in AWAITING_RECEIVER and referral.respond_by is not None
    if awaiting and referral.respond_by >= now and cache.storing():
        cache.expires_at(referral.respond_by)  # a kept answer would turn wrong at that moment
    return bool(awaiting and referral.respond_by < now)


def overdue_condition(referral_table, now):
    """is_overdue written as SQL, for lists and the reminder job (tests check they agree)."""
    return referral_table.status.in_(AWAITING_RECEIVER) & (referral_table.respond_by < now)


BADGES = {"submitted": "info", "in_review": "info", "interview": "info", "accepted": "ok",
          "started": "ok", "ended": "ok", "declined": "bad", "withdrawn": "warn"}


def next_moves(status, side):
    """The statuses `side` may move a referral to from `status`, in table order."""
    return [to for to, sides in MOVES.get(status, {}).items() if side in sides]


def needs_reason(to, outcome=None):
    """Whether the move must say why: a decline, a withdrawal, a placement broken off."""
    return to in NEEDS_REASON or (to == "ended" and outcome == REASON_OUTCOME)


def side_may_ever(to, side):
    """Whether `side` may make a move to `to` from any status at all."""
    return any(side in sides.get(to, ()) for sides in MOVES.values())


def check_move(status, to, side):
    """Raise Forbidden when the side can never make this move, Conflict when not from here."""
    if not side_may_ever(to, side):
        raise Forbidden(_l("Your organisation cannot move a referral to “%(status)s”.",
                           status=STATUSES.label(to)))
    if side not in MOVES.get(status, {}).get(to, ()):
        raise Conflict(_l("A referral that is “%(current)s” cannot move to “%(status)s”.",
                          current=STATUSES.label(status), status=STATUSES.label(to)))
