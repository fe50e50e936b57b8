"""HTML pages of the offers domain: the public list and detail, and the owners' forms."""
import re

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core import cache, ids, navigation, translation_forms
from portal.core.errors import Conflict, Forbidden, Invalid
from portal.core.personal_cache import personal_response
from portal.core.web import apply_errors, flash_error, form_values, login_required, no_store, rendered_piece
from portal.offers import permissions, queries, services
from portal.offers.forms import OFFER_MOVES, OFFER_STATUSES, OfferEditPageForm, OfferPageForm, OfferSearchForm
from portal.offers.models import Offer
from portal.offers.search import DOMAINS, paginate_offers
from portal.referrals import permissions as referral_permissions

bp = Blueprint("offers", __name__)
navigation.add_section(20, "offers.index", _l("Placement offers"))
PER_PAGE = 20


@bp.app_template_filter("paragraphs")
def paragraphs(text):
    """Plain text → a list of paragraphs (blank lines separate them), each a list of lines.
    The template escapes every line: no HTML from the user ever reaches the page."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return [block.split("\n") for block in blocks if block.strip()]


@bp.get("/offers")
@personal_response(*DOMAINS)
@cache.anonymous_response(*DOMAINS)
def index():
    form = OfferSearchForm(formdata=request.args, meta={"csrf": False})
    if not form.validate():
        for name in form.errors:
            flash(_("Unknown value for the filter “%(name)s”: it was ignored.", name=form[name].label.text), "error")
            form[name].data = ""
    filters = {name: field.data for name, field in form._fields.items()}
    result = paginate_offers(current_user, filters, ids.page_number(request.args.get("page")), PER_PAGE)
    args = {name: value for name, value in filters.items() if value}
    return render_template("offers/index.html", filters_form=_filters_form(form), page=result, args=args,
                           statuses=OFFER_STATUSES, can_publish=permissions.can_publish_offers(current_user))


def _filters_form(form):
    """The search form with its five lists of codes: most of the page's rendering time, and a
    function of the language and the values asked alone (its errors included)."""
    values = tuple(sorted((name, repr(value)) for name, value in form.data.items()))
    key = (str(get_locale()), values, tuple(sorted(form.errors)))
    return cache.fragment("offer_filters", key, lambda: rendered_piece("offers/_filters.html", form=form))


def _offer_data(form):
    """The offer's fields and, from the language columns, its translations."""
    values = {name: value for name, value in form_values(form).items() if not name.startswith("tr_")}
    values["translations"] = translation_forms.changes(form, form.language.data or "nl", Offer.TRANSLATED)
    return values


@bp.route("/offers/new", methods=["GET", "POST"])
@login_required
def new():
    if not permissions.can_publish_offers(current_user):
        raise Forbidden()
    form = OfferPageForm()
    if form.validate_on_submit():
        try:
            offer = services.create_offer(current_user, _offer_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("The offer was saved."), "success")
            return redirect(url_for("offers.detail", offer_id=offer.id))
    return render_template("offers/form.html", form=form, offer=None), 422 if form.errors else 200


@bp.get("/offers/<int:offer_id>")
@personal_response(*DOMAINS, "referrals")  # an OCMW's candidates to refer
@cache.anonymous_response(*DOMAINS)
def detail(offer_id):
    offer, candidates = queries.offer_page(current_user, offer_id)
    response = render_template(
        "offers/detail.html", offer=offer, candidates=candidates,
        can_edit=permissions.can_edit_offer(current_user, offer),
        can_refer=referral_permissions.can_refer(current_user), moves=OFFER_MOVES[offer.status],
        statuses=OFFER_STATUSES,
    )
    return no_store(make_response(response)) if candidates else response


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@login_required
def edit(offer_id):
    offer = queries.offer_to_edit(current_user, offer_id)
    form = OfferEditPageForm(obj=offer)
    if request.method == "GET":
        translation_forms.fill(form, offer)
    if form.validate_on_submit():
        try:
            services.update_offer(current_user, offer_id, _offer_data(form))
        except (Conflict, Invalid) as error:
            apply_errors(form, error)
        else:
            flash(_("The offer was saved."), "success")
            return redirect(url_for("offers.detail", offer_id=offer_id))
    return render_template("offers/form.html", form=form, offer=offer), 422 if form.errors else 200


@bp.post("/offers/<int:offer_id>/status")
@login_required
def change_status(offer_id):
    try:
        services.change_offer_status(current_user, offer_id, request.form.get("status", ""))
    except (Conflict, Invalid) as error:
        flash_error(error)
    else:
        flash(_("The offer's status was changed."), "success")
    return redirect(url_for("offers.detail", offer_id=offer_id))


from portal.offers import views_saved  # noqa: E402,F401  (adds the saved-search pages to bp)
