"""The workflow table itself: the API.md workflow, and the 403/409 distinction."""
import pytest

from portal.core.errors import Conflict, Forbidden
from portal.referrals import workflow
from portal.referrals.workflow import RECEIVING, SENDING


def test_every_status_has_a_row_and_every_target_is_a_status():
    assert set(workflow.MOVES) == set(workflow.STATUSES.codes)
    for targets in workflow.MOVES.values():
        assert set(targets) <= set(workflow.STATUSES.codes)


def test_receiving_side_reviews_interviews_accepts_and_declines():
    assert workflow.next_moves("submitted", RECEIVING) == ["in_review", "interview", "accepted", "declined"]
    assert workflow.next_moves("in_review", RECEIVING) == ["interview", "accepted", "declined"]
    assert workflow.next_moves("interview", RECEIVING) == ["accepted", "declined"]


def test_sending_side_only_withdraws_until_accepted():
    for status in ("submitted", "in_review", "interview"):
        assert workflow.next_moves(status, SENDING) == ["withdrawn"]


def test_either_side_starts_and_ends_a_placement():
    for side in (SENDING, RECEIVING):
        assert workflow.next_moves("accepted", side) == ["started"]
        assert workflow.next_moves("started", side) == ["ended"]


def test_closed_statuses_allow_no_move():
    for status in workflow.CLOSED:
        assert workflow.MOVES[status] == {}


def test_a_move_the_side_can_never_make_is_forbidden():
    with pytest.raises(Forbidden):
        workflow.check_move("submitted", "accepted", SENDING)
    with pytest.raises(Forbidden):
        workflow.check_move("submitted", "withdrawn", RECEIVING)
    with pytest.raises(Forbidden):
        workflow.check_move("ended", "submitted", RECEIVING)


def test_a_move_out_of_order_is_a_conflict():
    with pytest.raises(Conflict):
        workflow.check_move("declined", "accepted", RECEIVING)
    with pytest.raises(Conflict):
        workflow.check_move("submitted", "ended", SENDING)
    with pytest.raises(Conflict):
        workflow.check_move("accepted", "withdrawn", SENDING)
