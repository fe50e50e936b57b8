"""The report definitions (API.md §2 "Reports"), each in one place, each a few aggregate queries.

Every figure of the /reports page, its CSV files and GET /api/v1/reports/placements comes
from the functions below; nothing else counts placements. Each function runs ONE aggregate
SQL statement (never a loop over placements), so a report costs the same number of queries
whatever the size of the data.

The words, to the letter of API.md:

- a placement is *in status started/ended* once its first working day is recorded
  (`started_on` set: the referral moved to `started`; `ended_on` set: it moved on to
  `ended`). The workflow sets `started_on` on the move to `started` and `ended_on` with the
  outcome on the move to `ended` and never goes back, so the placement row alone says it.
- its *working period* runs from `started_on` to `ended_on` (both included), open-ended
  while it is still running;
- **supported** = placements in status started/ended whose working period overlaps the year
  (`started_on` <= 31 December and (`ended_on` is empty or >= 1 January));
- **started** = placements whose `started_on` lies within the year;
- **ended** = placements whose `ended_on` lies within the year;
- **hired** = placements ended within the year with outcome `hired` (hired by the host);
- **ended_by_outcome** breaks `ended` down by outcome code (every code of OUTCOMES, 0 when none);
- **declined_by_reason** counts the scope's referrals declined within the year (`closed_on`,
  the day of the decline) by reason code (every code of CLOSE_REASONS; a decline recorded
  before reasons existed counts as `other`);
- **broken_off_by_reason** breaks the placements ended within the year with outcome
  `broken_off` down by reason code, the same way;
- **by_function** breaks `hired` down by function code (every code of FUNCTIONS): the jobs
  people were hired into, as Samusocial's annual report lists them. The function table of
  the page shows the four figures per function; its `hired` column is the API's `by_function`.

Whose placements: a `Scope`. The API's organisation report is the placements HOSTED by the
organisation (`Placement.host_id`, the offer's organisation); the network view counts all.
The /reports page of an OCMW adds the same figures for the placements it REFERRED
(`Placement.ocmw_id`), with the referral funnel and the partners worked with.

Network view: small-number suppression: any count under 5 (0 included, to the letter) is
reported as None (JSON null) and the report carries `suppressed: true`.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, literal, or_, true, union_all

from portal.core.choices import CLOSE_REASONS, FUNCTIONS, OUTCOMES
from portal.core.types import BRUSSELS, utcnow
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.referrals.models import Placement, Referral

MEASURES = ("supported", "started", "ended", "hired")
SUPPRESSION_THRESHOLD = 5
MIN_YEAR = 2000  # no article 60§7 placement of the network was recorded before
TREND_YEARS = 5


@dataclass(frozen=True)
class Scope:
    """Whose placements a report counts: `side` is "host" (hosted by), "ocmw" (referred by)
    or None (the whole network)."""

    side: str | None = None
    organisation_id: int | None = None

    @property
    def is_network(self):
        return self.side is None

    def placements(self):
        """The WHERE condition selecting the scope's placements."""
        if self.side == "host":
            return Placement.host_id == self.organisation_id
        if self.side == "ocmw":
            return Placement.ocmw_id == self.organisation_id
        return true()

    def referrals(self):
        if self.side == "host":
            return Referral.host_id == self.organisation_id
        if self.side == "ocmw":
            return Referral.ocmw_id == self.organisation_id
        return true()


NETWORK = Scope()


# --- the words of the definitions ------------------------------------------------------

def first_day(year):
    return date(year, 1, 1)


def last_day(year):
    return date(year, 12, 31)


def current_year():
    return utcnow().astimezone(BRUSSELS).year


def in_status_started_or_ended():
    return Placement.started_on.is_not(None)


def overlaps(start, end):
    """The working period [started_on, ended_on or still running] meets [start, end]."""
    return and_(in_status_started_or_ended(), Placement.started_on <= end,
                or_(Placement.ended_on.is_(None), Placement.ended_on >= start))


def started_within(start, end):
    return Placement.started_on.between(start, end)


def ended_within(start, end):
    return Placement.ended_on.between(start, end)


def hired_within(start, end):
    return and_(ended_within(start, end), Placement.outcome == "hired")


def _count_if(condition):
    # COUNT skips NULLs: CASE without ELSE counts the rows meeting the condition (0 on none).
    return func.count(db.case((condition, 1)))


def measure_columns(start, end, suffix=""):
    """The four counts of API.md over [start, end], as labelled SQL columns."""
    return [
        _count_if(overlaps(start, end)).label(f"supported{suffix}"),
        _count_if(started_within(start, end)).label(f"started{suffix}"),
        _count_if(ended_within(start, end)).label(f"ended{suffix}"),
        _count_if(hired_within(start, end)).label(f"hired{suffix}"),
    ]


def _measures(row, suffix=""):
    return {name: int(getattr(row, f"{name}{suffix}") or 0) for name in MEASURES}


# --- the figures: one aggregate statement each -----------------------------------------

def totals(scope, year):
    """{supported, started, ended, hired} of the scope's placements in `year`."""
    start, end = first_day(year), last_day(year)
    # Every counted placement overlaps the year (a start or an end within it does too).
    row = db.session.execute(
        db.select(*measure_columns(start, end)).where(scope.placements(), overlaps(start, end))
    ).one()
    return _measures(row)


def ended_by_outcome(scope, year):
    """`ended` broken down by outcome code: {code: count} over every code of OUTCOMES."""
    start, end = first_day(year), last_day(year)
    rows = db.session.execute(
        db.select(Placement.outcome, func.count().label("ended"))
        .where(scope.placements(), ended_within(start, end))
        .group_by(Placement.outcome)
    ).all()
    counts = dict.fromkeys(OUTCOMES.codes, 0)
    for outcome, ended in rows:
        counts[outcome or "other"] = counts.get(outcome or "other", 0) + int(ended)
    return counts


def close_reasons(scope, year):
    """{"declined": {code: count}, "broken_off": {code: count}} over every code of CLOSE_REASONS:
    referrals declined within the year and placements broken off within it, by reason; one
    statement (a UNION ALL of the two groupings)."""
    start, end = first_day(year), last_day(year)
    declined = (db.select(literal("declined").label("kind"), Referral.close_reason.label("reason"),
                          func.count().label("n"))
                .where(scope.referrals(), Referral.status == "declined", Referral.closed_on.between(start, end))
                .group_by(Referral.close_reason))
    broken_off = (db.select(literal("broken_off").label("kind"), Placement.end_reason.label("reason"),
                            func.count().label("n"))
                  .where(scope.placements(), ended_within(start, end), Placement.outcome == "broken_off")
                  .group_by(Placement.end_reason))
    counts = {"declined": dict.fromkeys(CLOSE_REASONS.codes, 0), "broken_off": dict.fromkeys(CLOSE_REASONS.codes, 0)}
    for kind, reason, n in db.session.execute(union_all(declined, broken_off)).all():
        counts[kind][reason or "other"] = counts[kind].get(reason or "other", 0) + int(n)
    return counts


def _grouped(scope, year, key, *joins):
    start, end = first_day(year), last_day(year)
    statement = db.select(key.label("key"), *measure_columns(start, end))
    for target, on in joins:
        statement = statement.join(target, on)
    rows = db.session.execute(
        statement.where(scope.placements(), overlaps(start, end)).group_by(key)
    ).all()
    return {row.key: _measures(row) for row in rows}


def by_function(scope, year):
    """The four counts per function code: {function: {supported, started, ended, hired}},
    every code of FUNCTIONS present (zeros when none). API's `by_function` is its `hired`."""
    found = _grouped(scope, year, Placement.function)
    table = {code: found.pop(code, dict.fromkeys(MEASURES, 0)) for code in FUNCTIONS.codes}
    for code, measures in found.items():  # a code no longer in the list: keep it visible
        table[code] = measures
    return table


def by_host_type(scope, year):
    """The four counts per type of the hosting organisation (network view)."""
    return _grouped(scope, year, Organisation.type, (Organisation, Organisation.id == Placement.host_id))


def by_host_commune(scope, year):
    """The four counts per commune of the hosting organisation (network view)."""
    return _grouped(scope, year, Organisation.commune, (Organisation, Organisation.id == Placement.host_id))


def month_bounds(year):
    months = []
    for month in range(1, 13):
        following = date(year + (month == 12), month % 12 + 1, 1)
        months.append((date(year, month, 1), following - timedelta(days=1)))
    return months


def per_month(scope, year):
    """Placements started and ended in each month of the year: [{month, started, ended}]."""
    months = month_bounds(year)
    columns = []
    for number, (start, end) in enumerate(months, start=1):
        columns.append(_count_if(started_within(start, end)).label(f"started_{number}"))
        columns.append(_count_if(ended_within(start, end)).label(f"ended_{number}"))
    start, end = first_day(year), last_day(year)
    row = db.session.execute(
        db.select(*columns).where(scope.placements(), or_(started_within(start, end), ended_within(start, end)))
    ).one()
    return [{"month": number, "started": int(getattr(row, f"started_{number}")),
             "ended": int(getattr(row, f"ended_{number}"))} for number in range(1, 13)]


def trend(scope, year, years=TREND_YEARS):
    """The four counts for each of the `years` years up to `year`: [{year, supported, …}]."""
    first = max(MIN_YEAR, year - years + 1)
    span = range(first, year + 1)
    columns = [column for each in span for column in measure_columns(first_day(each), last_day(each), f"_{each}")]
    row = db.session.execute(
        db.select(*columns).where(scope.placements(), overlaps(first_day(first), last_day(year)))
    ).one()
    return [{"year": each, **_measures(row, f"_{each}")} for each in span]


# --- the referral side: funnel and partners ---------------------------------------------

def year_instants(year):
    """[1 January 00:00, next 1 January 00:00) in Brussels, as UTC instants."""
    return (datetime.combine(first_day(year), time(), tzinfo=BRUSSELS),
            datetime.combine(first_day(year + 1), time(), tzinfo=BRUSSELS))


def funnel(scope, year):
    """Referrals submitted in the year (Brussels time) and how far they got: accepted (a
    placement was agreed: accepted, started or ended), started (first working day recorded),
    declined, withdrawn. A cohort: later moves of those referrals count, whenever made."""
    since, until = year_instants(year)
    row = db.session.execute(
        db.select(
            func.count(Referral.id).label("submitted"),
            func.count(Placement.id).label("accepted"),
            func.count(Placement.started_on).label("started"),
            _count_if(Referral.status == "declined").label("declined"),
            _count_if(Referral.status == "withdrawn").label("withdrawn"),
        )
        .select_from(Referral).outerjoin(Placement, Placement.referral_id == Referral.id)
        .where(scope.referrals(), Referral.created_at >= since, Referral.created_at < until)
    ).one()
    return {name: int(getattr(row, name)) for name in ("submitted", "accepted", "started", "declined", "withdrawn")}


def partners(scope, year):
    """The organisations on the other side worked with in the year: a referral submitted in
    the year, or a placement supported in it. For an OCMW the hosts, for a host the OCMWs.
    [{id, name, type, referrals, supported}] by name."""
    since, until = year_instants(year)
    other_id = Referral.host_id if scope.side == "ocmw" else Referral.ocmw_id
    submitted = and_(Referral.created_at >= since, Referral.created_at < until)
    supported = overlaps(first_day(year), last_day(year))
    rows = db.session.execute(
        db.select(Organisation.id, Organisation.name, Organisation.type,
                  _count_if(submitted).label("referrals"), _count_if(supported).label("supported"))
        .select_from(Referral)
        .outerjoin(Placement, Placement.referral_id == Referral.id)
        .join(Organisation, Organisation.id == other_id)
        .where(scope.referrals(), or_(submitted, supported))
        .group_by(Organisation.id, Organisation.name, Organisation.type)
        .order_by(Organisation.name, Organisation.id)
    ).all()
    return [{"id": r.id, "name": r.name, "type": r.type, "referrals": int(r.referrals),
             "supported": int(r.supported)} for r in rows]


# --- small-number suppression (network view) ---------------------------------------------

def suppress(value):
    """A count under SUPPRESSION_THRESHOLD becomes None (API.md: null)."""
    if value is None or value < SUPPRESSION_THRESHOLD:
        return None
    return value


def suppressed_copy(data):
    """`data` (nested dicts/lists of counts) with every count suppressed; and whether any was.
    Keys named `year`, `month`, `id` are labels, not counts, and stay."""
    hidden = False

    def walk(value, key=None):
        nonlocal hidden
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, bool) or not isinstance(value, int) or key in ("year", "month", "id"):
            return value
        result = suppress(value)
        hidden = hidden or result is None
        return result

    return walk(data), hidden
