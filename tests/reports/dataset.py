"""A hand-made data set for the report tests, written row by row through the models.

Year under test: 2024. Host H (the `host` fixture), an SIE S, OCMW A (`ocmw`) and OCMW J
(`other_ocmw`). Each placement's dates are chosen to test one edge of the definitions:

  #   host ocmw function      started     ended       outcome          in 2024
  1   H    A    driver        2023-03-01  2024-02-15  hired            supported, ended, hired
  2   H    A    kitchen_help  2023-06-01  2023-12-31  broken_off       — (ended the day before)
  3   H    A    receptionist  2024-12-31  running     —                supported, started (last day)
  4   H    A    maintenance   2024-01-01  2024-12-31  hired_elsewhere  supported, started, ended (both edges)
  5   H    A    maintenance   2023-11-01  2025-01-01  training         supported (spans the whole year)
  6   H    A    night_watch   2022-05-01  running     —                supported
  7   H    A    polyvalent    2024-03-10  2024-09-30  job_seeking      supported, started, ended
  8   H    A    it_support    2024-04-01  2024-06-30  other            supported, started, ended
  9   H    A    receptionist  2024-05-01  2024-11-30  hired            supported, started, ended, hired
  10  H    J    driver        2025-01-02  running     —                — (starts the day after)
  11  H    J    kitchen_help  accepted, never started                  — (not in status started/ended)
  12  H    J    kitchen_help  2024-07-01  2024-08-31  broken_off       supported, started, ended
  13  S    A    driver        2024-02-01  2024-10-01  hired            (S's, not H's)

Referrals are created 30 days before the start (11: 2024-09-01); and A sent H three more in
2024 that never became placements: one declined (2024-06-01), one withdrawn (2024-08-01),
one still submitted (2024-10-01).
"""
from datetime import UTC, date, datetime, time, timedelta

from portal.core.types import BRUSSELS
from portal.extensions import db
from portal.offers.models import Offer
from portal.referrals.models import Candidate, Placement, Referral

D = date

PLACEMENTS = [
    # (number, host key, ocmw key, function, started, ended, outcome)
    (1, "H", "A", "driver", D(2023, 3, 1), D(2024, 2, 15), "hired"),
    (2, "H", "A", "kitchen_help", D(2023, 6, 1), D(2023, 12, 31), "broken_off"),
    (3, "H", "A", "receptionist", D(2024, 12, 31), None, None),
    (4, "H", "A", "maintenance", D(2024, 1, 1), D(2024, 12, 31), "hired_elsewhere"),
    (5, "H", "A", "maintenance", D(2023, 11, 1), D(2025, 1, 1), "training"),
    (6, "H", "A", "night_watch", D(2022, 5, 1), None, None),
    (7, "H", "A", "polyvalent", D(2024, 3, 10), D(2024, 9, 30), "job_seeking"),
    (8, "H", "A", "it_support", D(2024, 4, 1), D(2024, 6, 30), "other"),
    (9, "H", "A", "receptionist", D(2024, 5, 1), D(2024, 11, 30), "hired"),
    (10, "H", "J", "driver", D(2025, 1, 2), None, None),
    (11, "H", "J", "kitchen_help", None, None, None),
    (12, "H", "J", "kitchen_help", D(2024, 7, 1), D(2024, 8, 31), "broken_off"),
    (13, "S", "A", "driver", D(2024, 2, 1), D(2024, 10, 1), "hired"),
]
UNPLACED = [("declined", D(2024, 6, 1)), ("withdrawn", D(2024, 8, 1)), ("submitted", D(2024, 10, 1))]


def at_noon(day):
    return datetime.combine(day, time(12), tzinfo=BRUSSELS).astimezone(UTC)


class Builder:
    def __init__(self):
        self.offers = {}
        self.count = 0

    def offer(self, host, function):
        key = (host.id, function)
        if key not in self.offers:
            offer = Offer(organisation_id=host.id, title=f"{function} at {host.name}", sector="care",
                          function=function, commune=host.commune, hours_per_week=38, start_date=D(2022, 1, 1),
                          contract_type="art60", status="published", languages=["fr"])
            db.session.add(offer)
            db.session.flush()
            self.offers[key] = offer
        return self.offers[key]

    def referral(self, host, ocmw, function, created, status):
        self.count += 1
        candidate = Candidate(organisation_id=ocmw.id, reference=f"REF-{self.count}", first_name="Test",
                              languages=["fr"], commune=ocmw.commune, consent_date=created - timedelta(days=5))
        db.session.add(candidate)
        db.session.flush()
        closed = status in ("declined", "withdrawn")  # closed two days later, with a reason
        referral = Referral(candidate_id=candidate.id, offer_id=self.offer(host, function).id, ocmw_id=ocmw.id,
                            host_id=host.id, status=status, created_at=at_noon(created),
                            closed_on=created + timedelta(days=2) if closed else None,
                            close_reason="no_capacity" if status == "declined" else
                            "found_elsewhere" if status == "withdrawn" else None)
        db.session.add(referral)
        db.session.flush()
        return referral

    def placement(self, host, ocmw, function, started, ended, outcome, created=None):
        status = "ended" if ended else "started" if started else "accepted"
        referral = self.referral(host, ocmw, function, created or started - timedelta(days=30), status)
        db.session.add(Placement(referral_id=referral.id, host_id=host.id, ocmw_id=ocmw.id, function=function,
                                 started_on=started, ended_on=ended, outcome=outcome,
                                 end_reason="health" if outcome == "broken_off" else None))
        return referral


def build(host, sie, ocmw, other_ocmw):
    """The data set of the module docstring."""
    parties = {"H": host, "S": sie, "A": ocmw, "J": other_ocmw}
    builder = Builder()
    for number, host_key, ocmw_key, function, started, ended, outcome in PLACEMENTS:
        created = D(2024, 9, 1) if number == 11 else None
        builder.placement(parties[host_key], parties[ocmw_key], function, started, ended, outcome, created)
    for status, created in UNPLACED:
        builder.referral(host, ocmw, "kitchen_help", created, status)
    db.session.commit()
    return builder


def more_placements(host, ocmw, how_many, year=2024):
    """Extra volume (for the query-count tests): placements across the year, every outcome."""
    builder = Builder()
    outcomes = ["hired", "hired_elsewhere", "training", "job_seeking", "broken_off", "other", None]
    functions = ["driver", "cleaning", "care", "logistics"]
    for i in range(how_many):
        started = D(year - 1, 1, 1) + timedelta(days=(i * 37) % 600)
        outcome = outcomes[i % len(outcomes)]
        ended = started + timedelta(days=200) if outcome else None
        builder.placement(host, ocmw, functions[i % len(functions)], started, ended, outcome)
    db.session.commit()
