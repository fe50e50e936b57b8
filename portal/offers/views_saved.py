"""Pages of saved offer searches: save from /offers, list and delete on /profile, and the
unsubscribe link of the alert mails, which works without logging in."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.errors import Conflict, Invalid
from portal.core.web import flash_error, login_required
from portal.offers import saved_searches
from portal.offers.views import bp


@bp.app_context_processor
def profile_helpers():
    """For templates/offers/_profile_saved_searches.html, which the profile page includes."""
    return {"saved_searches_of": saved_searches.searches_of, "unsubscribe_token": saved_searches.unsubscribe_token}


@bp.post("/saved-searches")
@login_required
def save_search():
    filters = {name: request.form[name] for name in ("q", "commune", "sector", "function", "language",
                                                    "contract_type", "status") if request.form.get(name)}
    name = (request.form.get("name") or "").strip()[:200] or _("My search")
    try:
        saved_searches.save_search(current_user, {"name": name, "filters": filters})
    except (Conflict, Invalid) as error:
        flash_error(error)
    else:
        flash(_("The search was saved: new offers that match it will be mailed to you once a day."), "success")
    return redirect(url_for("offers.index", **filters))


@bp.post("/saved-searches/<int:search_id>/delete")
@login_required
def delete_search(search_id):
    saved_searches.delete_search(current_user, search_id)
    flash(_("The saved search was deleted."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/saved-searches/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token):
    """GET asks (mail scanners open links), POST unsubscribes; a bad token is a 404."""
    search = saved_searches.search_for_token(token)
    if request.method == "POST":
        saved_searches.unsubscribe(token)
        return render_template("offers/unsubscribed.html", name=search.name)
    return render_template(
        "confirm.html", title=_("Stop the mails of this search?"), subject=search.name,
        action=url_for("offers.unsubscribe", token=token), back=url_for("offers.index"),
        confirm_label=_("Yes, stop these mails"), back_label=_("No, keep them"),
        consequences=[_("The saved search is deleted: no more mails about new offers for it."),
                      _("You can save a new search on the offers page at any time.")])
