"""Pages that belong to no domain: accessibility statement and health check (the home page,
which reads events and offers, is portal/openweb/views.py's)."""
from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text

from portal.core.accessibility import BarrierReportForm, report_barrier
from portal.extensions import db, limiter

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy", never a 500
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")


@bp.route("/accessibility", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNUP_LIMIT"], methods=["POST"])
def accessibility():
    form = BarrierReportForm()
    if form.validate_on_submit():
        report_barrier(current_user if current_user.is_authenticated else None,
                       form.page.data or "", form.description.data, form.email.data or "")
        flash(_("Thank you: your report was sent to the people who maintain Tandem."), "success")
        return redirect(url_for("core.accessibility"))
    return render_template("accessibility.html", form=form), 422 if form.errors else 200
