"""Force the worst interleaving of two runs of a scheduled command (two machines at once)."""
import threading
from contextlib import contextmanager

from sqlalchemy import event

from portal.extensions import db


@contextmanager
def other_run_first(app, statement_start, run):
    """The first time this thread is about to execute a statement starting with
    `statement_start` (e.g. "UPDATE referrals"), another run — `run()` in a thread of its own,
    with its own session and connection, as on another machine — goes from start to commit
    first. So this run has read the same rows as the other, and claims them after it.
    Yields a list that receives the other run's result."""
    this_thread = threading.get_ident()
    outcome, fired = [], []

    def other():
        with app.app_context():
            try:
                outcome.append(run())
            finally:
                db.session.remove()

    def before(conn, cursor, statement, parameters, context, executemany):
        if fired or threading.get_ident() != this_thread:
            return
        if statement.lstrip().upper().startswith(statement_start.upper()):
            fired.append(True)
            thread = threading.Thread(target=other)
            thread.start()
            thread.join(timeout=60)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield outcome
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    assert fired, f"no statement started with {statement_start!r}"
