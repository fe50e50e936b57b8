"""HTML pages of the reports domain: /reports and its CSV files. Thin: parse, call, render."""
from flask import Blueprint, render_template, request
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core import navigation
from portal.core.choices import OUTCOMES
from portal.core.web import login_required
from portal.reports import charts, permissions, queries
from portal.reports.csv import csv_response

bp = Blueprint("reports", __name__)
navigation.add_section(60, "reports.index", _l("Reports"), permissions.can_open_reports)


def _report():
    return queries.page_report(current_user, request.args.get("organisation_id"), request.args.get("year"))


def _charts(report):
    from datetime import date

    outcomes = charts.bar_chart([(OUTCOMES.label(code), count) for code, count in report.outcomes.items()])
    months = charts.column_chart(
        [(format_date(date(report.year, m["month"], 1), "LLL"), [m["started"], m["ended"]]) for m in report.months],
        [("started", _l("Placements started")), ("ended", _l("Placements ended"))])
    trend = charts.column_chart(
        [(str(t["year"]), [t["supported"], t["ended"], t["hired"]]) for t in report.trend],
        [("supported", _l("Persons supported")), ("ended", _l("Placements ended")),
         ("hired", _l("Hired by the host"))])
    return {"outcomes": outcomes, "months": months, "trend": trend}


@bp.get("/reports")
@login_required
def index():
    report = _report()
    return render_template("reports/index.html", report=report, tables={t.name: t for t in report.tables},
                           charts=_charts(report), args=_args(report))


@bp.get("/reports/<name>.csv")
@login_required
def csv(name):
    report = _report()
    return csv_response(report, report.table(name))


def _args(report):
    """The query arguments that reproduce this report (for the CSV links)."""
    organisation = str(report.organisation.id) if report.organisation is not None else queries.NETWORK_ARG
    return {"year": report.year, "organisation_id": organisation}
