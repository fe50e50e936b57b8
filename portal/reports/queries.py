"""Reports as use cases: who may see which report, and the report itself for the API, the
page and the CSV files — all three built from portal/reports/definitions.py, so they agree.

Reading only: nothing here writes or commits.
"""
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import load_only

from portal.core import actors, ids
from portal.core.choices import CLOSE_REASONS, COMMUNES, FUNCTIONS, ORGANISATION_TYPES, OUTCOMES
from portal.core.errors import Forbidden, Invalid, NotFound
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.reports import definitions as d
from portal.reports import permissions

NETWORK_ARG = "network"


# --- input -------------------------------------------------------------------------------

def parse_year(raw, default=None):
    """The report's year: an integer from MIN_YEAR to this year (Brussels), else Invalid on `year`."""
    latest = d.current_year()
    if raw is None and default is not None:
        return default
    text = (raw or "").strip()
    if text.isascii() and text.isdigit() and len(text) == 4 and d.MIN_YEAR <= int(text) <= latest:
        return int(text)
    message = _l("Give a year from %(first)s to %(last)s (YYYY).", first=d.MIN_YEAR, last=latest)
    raise Invalid(str(message), fields={"year": [message]})


def parse_organisation_id(raw):
    """None (left out), or a positive integer id; anything else names no organisation (404)."""
    if raw is None or raw == "":
        return None
    organisation_id = ids.record_id(raw)
    if organisation_id:  # 0 names no organisation either
        return organisation_id
    raise NotFound()


def scope_for(actor, organisation_id):
    """(Scope, organisation) for the API's report: the placements hosted by that organisation,
    or the network when left out. Access is decided here, before the year is looked at."""
    if organisation_id is None:
        if not permissions.can_see_network_report(actor):
            raise Forbidden()
        return d.NETWORK, None
    organisation = permissions.get_report_organisation_for(actor, organisation_id)
    return d.Scope("host", organisation.id), organisation


# --- the API's report ----------------------------------------------------------------------

def figures(scope, year):
    """The report of API.md for a scope: three aggregate queries, suppression in the network."""
    report = {
        **d.totals(scope, year),
        "ended_by_outcome": d.ended_by_outcome(scope, year),
        "by_function": {code: row["hired"] for code, row in d.by_function(scope, year).items()},
    }
    reasons = d.close_reasons(scope, year)
    report["declined_by_reason"], report["broken_off_by_reason"] = reasons["declined"], reasons["broken_off"]
    return protect(scope, report)


def protect(scope, data):
    """Network figures go out suppressed (and say so); an organisation's as they are."""
    if not scope.is_network:
        return data, False
    return d.suppressed_copy(data)


def placement_report(actor, year_raw, organisation_raw):
    """GET /api/v1/reports/placements: 404 for an organisation the actor may not see, 403 for
    the network view unless admin or moderator, then 422 on a bad `year`."""
    scope, organisation = scope_for(actor, parse_organisation_id(organisation_raw))
    year = parse_year(year_raw)
    report, hidden = figures(scope, year)
    return {
        "year": year,
        "organisation_id": organisation.id if organisation else None,
        "supported": report["supported"],
        "started": report["started"],
        "ended": report["ended"],
        "ended_by_outcome": report["ended_by_outcome"],
        "hired": report["hired"],
        "by_function": report["by_function"],
        "declined_by_reason": report["declined_by_reason"],
        "broken_off_by_reason": report["broken_off_by_reason"],
        "suppressed": hidden,
    }


# --- the page's report ---------------------------------------------------------------------

@dataclass
class Table:
    """One table of the page, and of its CSV file: same caption, headers and numbers."""

    name: str
    caption: str
    headers: list
    rows: list  # lists of cells: the first a label, then counts (None: suppressed)
    codes: list | None = None  # the code of each row's label (written in the CSV)


@dataclass
class PageReport:
    year: int
    view: str  # "host", "ocmw" or "network"
    organisation: Organisation | None
    summary: dict
    outcomes: dict
    functions: dict
    months: list
    trend: list
    declined_reasons: dict = field(default_factory=dict)
    broken_off_reasons: dict = field(default_factory=dict)
    suppressed: bool = False
    funnel: dict | None = None
    partners: list | None = None
    by_type: dict | None = None
    by_commune: dict | None = None
    choosable: list = field(default_factory=list)  # organisations an admin or moderator may pick

    @property
    def years(self):
        return list(range(d.current_year(), d.MIN_YEAR - 1, -1))

    @cached_property
    def tables(self):
        return build_tables(self)

    def table(self, name):
        for table in self.tables:
            if table.name == name:
                return table
        raise NotFound()


def page_scope(actor, organisation_raw):
    """(view, Scope, organisation) of the page: members their own organisation (an OCMW the
    placements it referred, others those they hosted); admins and moderators the network by
    default, or any organisation they pick. Refused: no organisation and no network rights (403),
    the network for others (403), another organisation (404)."""
    if not permissions.can_open_reports(actor):
        raise Forbidden()
    if organisation_raw == NETWORK_ARG or (organisation_raw in (None, "")
                                           and permissions.can_see_network_report(actor)):
        if not permissions.can_see_network_report(actor):
            raise Forbidden()
        return "network", d.NETWORK, None
    organisation_id = parse_organisation_id(organisation_raw)
    if organisation_id is None:
        organisation = actors.organisation_of(actor)
    else:
        organisation = permissions.get_report_organisation_for(actor, organisation_id)
    if organisation.type == "ocmw":
        return "ocmw", d.Scope("ocmw", organisation.id), organisation
    return "host", d.Scope("host", organisation.id), organisation


def page_report(actor, organisation_raw, year_raw):
    """Everything the /reports page and its CSV files show, in a fixed number of queries."""
    view, scope, organisation = page_scope(actor, organisation_raw)
    year = parse_year(year_raw, default=d.current_year())
    functions = d.by_function(scope, year)
    data = {
        "summary": d.totals(scope, year),
        "outcomes": d.ended_by_outcome(scope, year),
        "functions": functions,
        "months": d.per_month(scope, year),
        "trend": d.trend(scope, year),
    }
    reasons = d.close_reasons(scope, year)
    data["declined_reasons"], data["broken_off_reasons"] = reasons["declined"], reasons["broken_off"]
    if view == "network":
        data["by_type"] = d.by_host_type(scope, year)
        data["by_commune"] = d.by_host_commune(scope, year)
    else:
        data["partners"] = d.partners(scope, year)
        if view == "ocmw":
            data["funnel"] = d.funnel(scope, year)
    data, hidden = protect(scope, data)
    choosable = []
    if permissions.can_see_any_report(actor):
        choosable = db.session.execute(
            db.select(Organisation).options(load_only(Organisation.id, Organisation.name, Organisation.type))
            .where(Organisation.type.in_(("ocmw", "sie", "host")))
            .order_by(Organisation.name, Organisation.id)
        ).scalars().all()
    return PageReport(year=year, view=view, organisation=organisation, suppressed=hidden, choosable=choosable,
                      **data)


# --- the tables ------------------------------------------------------------------------------

MEASURE_LABELS = {
    "supported": _l("Persons supported"),
    "started": _l("Placements started"),
    "ended": _l("Placements ended"),
    "hired": _l("Hired by the host"),
}


def _measure_headers(first):
    return [first] + [str(MEASURE_LABELS[m]) for m in d.MEASURES]


def _measure_rows(grouped, label):
    codes = list(grouped)
    return codes, [[label(code)] + [grouped[code][m] for m in d.MEASURES] for code in codes]


def month_name(year, month):
    return format_date(date(year, month, 1), "LLLL")


def build_tables(report):
    """The tables of a report, in page order; each is also a CSV file."""
    year = report.year
    tables = [
        Table("summary", str(_l("Key figures %(year)s", year=year)), [str(_l("Figure")), str(_l("Count"))],
              [[str(MEASURE_LABELS[m]), report.summary[m]] for m in d.MEASURES], list(d.MEASURES)),
        Table("outcomes", str(_l("Placements ended in %(year)s, by outcome", year=year)),
              [str(_l("Outcome")), str(MEASURE_LABELS["ended"])],
              [[OUTCOMES.label(code), count] for code, count in report.outcomes.items()], list(report.outcomes)),
    ]
    for name, caption, counts in (
            ("declined_reasons", _l("Referrals declined in %(year)s, by reason", year=year), report.declined_reasons),
            ("broken_off_reasons", _l("Placements broken off in %(year)s, by reason", year=year),
             report.broken_off_reasons)):
        tables.append(Table(name, str(caption), [str(_l("Reason")), str(_l("Count"))],
                            [[CLOSE_REASONS.label(code), count] for code, count in counts.items()], list(counts)))
    codes, rows = _measure_rows(report.functions, FUNCTIONS.label)
    tables.append(Table("functions", str(_l("By function, %(year)s", year=year)),
                        _measure_headers(str(_l("Function"))), rows, codes))
    tables.append(Table("months", str(_l("Placements started and ended per month, %(year)s", year=year)),
                        [str(_l("Month")), str(MEASURE_LABELS["started"]), str(MEASURE_LABELS["ended"])],
                        [[month_name(year, m["month"]), m["started"], m["ended"]] for m in report.months],
                        [f"{year}-{m['month']:02d}" for m in report.months]))
    tables.append(Table("trend", str(_l("Trend over the years")), _measure_headers(str(_l("Year"))),
                        [[str(t["year"])] + [t[m] for m in d.MEASURES] for t in report.trend]))
    if report.funnel is not None:
        steps = (("submitted", _l("Referrals submitted")), ("accepted", _l("Accepted by the host")),
                 ("started", _l("Placement started")), ("declined", _l("Declined")),
                 ("withdrawn", _l("Withdrawn")))
        tables.append(Table("funnel", str(_l("Referrals submitted in %(year)s and how far they got", year=year)),
                            [str(_l("Step")), str(_l("Referrals"))],
                            [[str(label), report.funnel[code]] for code, label in steps], [c for c, _ in steps]))
    if report.partners is not None:
        caption = (_l("Host organisations worked with in %(year)s", year=year) if report.view == "ocmw"
                   else _l("OCMWs worked with in %(year)s", year=year))
        tables.append(Table("partners", str(caption),
                            [str(_l("Organisation")), str(_l("Type")), str(_l("Referrals submitted this year")),
                             str(MEASURE_LABELS["supported"])],
                            [[p["name"], ORGANISATION_TYPES.label(p["type"]), p["referrals"], p["supported"]]
                             for p in report.partners], [str(p["id"]) for p in report.partners]))
    if report.by_type is not None:
        known = [code for code in ORGANISATION_TYPES.codes if code in report.by_type]
        ordered = {code: report.by_type[code] for code in known + sorted(set(report.by_type) - set(known))}
        codes, rows = _measure_rows(ordered, ORGANISATION_TYPES.label)
        tables.append(Table("types", str(_l("By type of host organisation, %(year)s", year=year)),
                            _measure_headers(str(_l("Organisation type"))), rows, codes))
    if report.by_commune is not None:
        ordered = dict(sorted(report.by_commune.items(), key=lambda item: COMMUNES.label(item[0])))
        codes, rows = _measure_rows(ordered, COMMUNES.label)
        tables.append(Table("communes", str(_l("By commune of the host organisation, %(year)s", year=year)),
                            _measure_headers(str(_l("Commune"))), rows, codes))
    return tables
