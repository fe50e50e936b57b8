"""Working days, for the 2-working-day answer time of the receiving side."""
from datetime import timedelta

from portal.core.types import BRUSSELS, to_brussels


def add_working_days(moment, days):
    """`moment` plus `days` working days (Monday to Friday), same local time, aware UTC.

    Public holidays are not counted out: a reminder a day early is harmless.
    """
    local = to_brussels(moment)
    day = local.date()
    added = 0
    while added < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            added += 1
    from datetime import datetime

    later = datetime.combine(day, local.time().replace(tzinfo=None), tzinfo=BRUSSELS)
    return later.astimezone(moment.tzinfo)
