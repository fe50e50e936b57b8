"""Wire formats: datetimes in Brussels time with their offset, dates as YYYY-MM-DD."""
from portal.core.types import to_brussels


def iso_datetime(moment):
    return to_brussels(moment).isoformat(timespec="seconds") if moment else None


def iso_date(day):
    return day.isoformat() if day else None
