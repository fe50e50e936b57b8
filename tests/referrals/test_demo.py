"""The demo data set: Samusocial's 2021 figures (seed 000_…) by API.md's report definitions."""
from datetime import date

from sqlalchemy import func

from portal.extensions import db
from portal.offers.models import Offer
from portal.referrals.models import Candidate, Placement, Referral

YEAR_START, YEAR_END = date(2021, 1, 1), date(2021, 12, 31)


def _samusocial():
    from portal.demo import organisations

    return organisations.get("samusocial")


def test_demo_gives_samusocial_2021_figures_and_loads_once(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    host = _samusocial()
    hosted = db.select(func.count()).select_from(Placement).join(Referral).where(Placement.host_id == host.id)
    # supported: placements started/ended whose working period overlaps the year
    supported = db.session.scalar(hosted.where(
        Referral.status.in_(("started", "ended")), Placement.started_on <= YEAR_END,
        (Placement.ended_on.is_(None)) | (Placement.ended_on >= YEAR_START)))
    ended = db.session.scalar(hosted.where(Placement.ended_on.between(YEAR_START, YEAR_END)))
    hired = db.session.scalar(hosted.where(Placement.ended_on.between(YEAR_START, YEAR_END),
                                           Placement.outcome == "hired"))
    assert (supported, ended, hired) == (106, 53, 26)
    functions = set(db.session.scalars(db.select(Placement.function).where(
        Placement.host_id == host.id, Placement.ended_on.between(YEAR_START, YEAR_END),
        Placement.outcome == "hired")))
    assert functions == {"receptionist", "driver", "maintenance", "kitchen_help", "night_watch", "polyvalent",
                         "it_support"}
    partner_ocmws = db.session.scalar(db.select(func.count(func.distinct(Placement.ocmw_id))).where(
        Placement.host_id == host.id, Placement.started_on <= YEAR_END))
    assert partner_ocmws == 6
    statuses = set(db.session.scalars(db.select(Referral.status)))
    assert statuses == {"submitted", "in_review", "interview", "accepted", "declined", "withdrawn", "started",
                        "ended"}
    counts = (db.session.query(Offer).count(), db.session.query(Candidate).count(),
              db.session.query(Referral).count())
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert (db.session.query(Offer).count(), db.session.query(Candidate).count(),
            db.session.query(Referral).count()) == counts


def test_synthetic_volume_is_added_in_bulk(runner):
    import time

    started = time.perf_counter()
    result = runner.invoke(args=["demo", "--offers", "10000", "--candidates", "500"])
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 60
    assert db.session.query(Offer).filter_by(status="published").count() >= 10_000
    assert db.session.query(Candidate).filter(Candidate.reference.like("SYN-%")).count() == 500

