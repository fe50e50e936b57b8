"""Any sequence of moves, by either side, through the service layer keeps a referral legal.

Hypothesis drives both parties of one fresh referral per example: every move allowed by
workflow.MOVES succeeds and appends exactly one history entry; a move the side can never make is
Forbidden (403), one it may make but not from here is a Conflict (409), and a refused move changes
nothing — neither the status nor the history.
"""
from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from portal.core.choices import CLOSE_REASONS, OUTCOMES
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.types import utcnow
from portal.extensions import db
from portal.referrals import services, workflow
from portal.referrals.models import Placement, Referral, ReferralMove
from tests import factories
from tests.referrals import builders

SIDES = (workflow.SENDING, workflow.RECEIVING)
SETTINGS = settings(max_examples=30, stateful_step_count=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
_serial = count()


class ReferralWorkflow(RuleBasedStateMachine):
    @initialize()
    def fresh_referral(self):
        n = next(_serial)
        ocmw = factories.organisation(f"OCMW {n}", "ocmw")
        sie = factories.organisation(f"SIE {n}", "sie")
        self.people = {workflow.SENDING: factories.member(ocmw, f"worker{n}@ocmw.test"),
                       workflow.RECEIVING: factories.member(sie, f"staff{n}@sie.test")}
        offer = builders.offer(self.people[workflow.RECEIVING])
        candidate = builders.candidate(self.people[workflow.SENDING])
        self.referral_id = builders.referral(self.people[workflow.SENDING], candidate, offer).id
        self.status = "submitted"
        self.history = 1  # the submission itself
        self.started_on = None
        self.interview_at = None  # when a move to interview scheduled one

    def stored(self):
        """(status, history oldest first, has a placement) as the database holds them now."""
        db.session.expire_all()
        referral = db.session.get(Referral, self.referral_id)
        history = db.session.execute(db.select(ReferralMove).where(ReferralMove.referral_id == self.referral_id)
                                     .order_by(ReferralMove.id)).scalars().all()
        placement = db.session.execute(db.select(Placement.id).where(Placement.referral_id == self.referral_id))
        return referral.status, history, placement.first() is not None

    def data_for(self, to, days):
        data = {"to": to, "comment": f"to {to}"}
        if to == "started":
            data["date"] = date(2026, 1, 5) + timedelta(days=days)
        elif to == "ended":
            data["date"] = (self.started_on or date(2026, 1, 5)) + timedelta(days=days)
            data["outcome"] = OUTCOMES.codes[days % len(OUTCOMES.codes)]
        elif to == "interview" and days % 2:
            data.update(at=utcnow() + timedelta(days=1 + days % 30), place=f"Room {days}")
        if workflow.needs_reason(to, data.get("outcome")):
            data["reason"] = CLOSE_REASONS.codes[days % len(CLOSE_REASONS.codes)]
        return data

    @rule(side=st.sampled_from(SIDES), to=st.sampled_from(list(workflow.STATUSES.codes)),
          days=st.integers(min_value=0, max_value=400))
    def move(self, side, to, days):
        status, history, _placed = self.stored()
        before = (status, len(history))
        data = self.data_for(to, days)
        if not workflow.side_may_ever(to, side):
            with pytest.raises(Forbidden):
                services.move_referral(self.people[side], self.referral_id, data)
        elif side not in workflow.MOVES[self.status].get(to, ()):
            with pytest.raises(Conflict):
                services.move_referral(self.people[side], self.referral_id, data)
        else:
            services.move_referral(self.people[side], self.referral_id, data)
            last = self.stored()[1][-1]
            assert (last.from_status, last.to_status, last.side, last.by_id) == (
                self.status, to, side, self.people[side].id)
            self.status, self.history = to, self.history + 1
            if to == "started":
                self.started_on = data["date"]
            if "at" in data:
                self.interview_at = data["at"]
            return
        db.session.rollback()
        status, history, _placed = self.stored()
        assert (status, len(history)) == before  # a refusal changes nothing

    @rule(side=st.sampled_from(SIDES))
    def move_without_its_date(self, side):
        """`started` and `ended` need a date: without one the move is refused and changes nothing."""
        to = {"accepted": "started", "started": "ended"}.get(self.status)
        if to is None:
            return
        with pytest.raises(Invalid):
            services.move_referral(self.people[side], self.referral_id, {"to": to, "outcome": "hired"})
        db.session.rollback()

    @rule(side=st.sampled_from(SIDES), to=st.sampled_from(sorted(workflow.NEEDS_REASON | {"ended"})),
          reason=st.sampled_from(["", "because", "no_capacity "]))
    def move_without_a_valid_reason(self, side, to, reason):
        """A decline, a withdrawal or a break-off without a reason from the list changes nothing
        (refused as 422 when the move itself is allowed, else 403/409 as before)."""
        if side not in workflow.MOVES[self.status].get(to, ()):
            return
        data = {"to": to, "reason": reason}
        if to == "ended":
            data.update(date=self.started_on, outcome="broken_off")
        with pytest.raises(Invalid):
            services.move_referral(self.people[side], self.referral_id, data)
        db.session.rollback()

    @rule(side=st.sampled_from(SIDES), days=st.integers(min_value=0, max_value=400),
          place=st.sampled_from(["", "Room 1"]))
    def move_to_an_interview_in_the_past_or_without_place(self, side, days, place):
        """An interview in the past, or at a time without a place, is refused and changes nothing."""
        if side not in workflow.MOVES[self.status].get("interview", ()):
            return
        at = utcnow() - timedelta(days=days) if place else utcnow() + timedelta(days=days + 1)
        with pytest.raises(Invalid):
            services.move_referral(self.people[side], self.referral_id, {"to": "interview", "at": at, "place": place})
        db.session.rollback()

    @invariant()
    def status_and_history_agree_with_the_table(self):
        status, history, placed = self.stored()
        assert status == self.status
        assert status in workflow.STATUSES
        assert len(history) == self.history
        assert (history[0].from_status, history[0].to_status) == (None, "submitted")
        assert history[-1].to_status == status
        for earlier, later in zip(history, history[1:], strict=False):
            assert later.from_status == earlier.to_status
            assert later.side in workflow.MOVES[earlier.to_status][later.to_status]
        assert placed == (status in ("accepted", "started", "ended"))
        stored_at = db.session.get(Referral, self.referral_id).interview_at  # set only by a scheduled move
        assert (stored_at is None) == (self.interview_at is None)
        assert stored_at is None or abs(stored_at - self.interview_at) < timedelta(seconds=1)
        for move in history:  # a reason exactly on the moves that take one, always from the list
            takes_one = move.to_status in workflow.NEEDS_REASON or move.to_status == "ended"
            assert (move.reason in CLOSE_REASONS) if move.to_status in workflow.NEEDS_REASON else (
                move.reason is None or (takes_one and move.reason in CLOSE_REASONS))


def test_any_sequence_of_moves_keeps_the_referral_legal(app):
    run_state_machine_as_test(ReferralWorkflow, settings=SETTINGS)
