"""A referral's conversation: its moves and its notes as one timeline, oldest first.

The page shows what happened and what was said in the order it happened, so that neither
side has to read two lists side by side. Built from what the detail query already loaded.
"""
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    kind: str  # "move" or "note"
    at: datetime
    side: str
    item: object  # the ReferralMove or the PlacementNote


def conversation(referral):
    """Moves (at the moment they were made) and notes (at the moment they were written)."""
    entries = [Entry("move", move.at, move.side, move) for move in referral.history]
    entries += [Entry("note", note.created_at, note.side, note) for note in referral.notes]
    return sorted(entries, key=lambda entry: (entry.at, entry.kind == "note"))
