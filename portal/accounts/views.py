"""HTML pages of the accounts domain: sign-up, verification, log-in/out, password reset, profile."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from portal.accounts import services
from portal.accounts.forms import (
    ConfirmForm,
    EmailRequestForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
    SignupPageForm,
)
from portal.accounts.throttle import RateLimited
from portal.core.errors import Invalid
from portal.core.personal_cache import personal_response
from portal.core.signed_links import LinkProblem
from portal.core.web import apply_errors, login_required
from portal.extensions import limiter
from portal.organisations.registration import joinable_organisations

bp = Blueprint("accounts", __name__)


def signup_limit():
    return current_app.config["SIGNUP_LIMIT"]


# Sign-ups share one count per client address, page and API alike; mail requests (new
# verification link, reset link) get their own count of the same size. GET is never limited.
signup_limited = limiter.shared_limit(signup_limit, scope="signup", methods=["POST"])
mail_request_limited = limiter.shared_limit(signup_limit, scope="account-mail", methods=["POST"])


def safe_next(target):
    """`target` when it is a path on this site, else None (no scheme, host, // or backslash)."""
    if not target or len(target) > 2000 or "\\" in target:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None  # browsers drop tabs and newlines: "/\t/evil.com" would become "//evil.com"
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


# --- sign-up ----------------------------------------------------------------------------

@bp.route("/signup", methods=["GET", "POST"])
@signup_limited
def signup():
    form = SignupPageForm()
    if request.method == "GET":
        form.language.data = str(get_locale())
    organisations = joinable_organisations()
    form.organisation_id.choices = [SelectChoice("", _("Choose an organisation"))] + [
        SelectChoice(str(o.id), o.name) for o in organisations]
    for sub in form.organisation:
        sub.flags.required = False  # required only for the choice "new organisation": no browser check
    if form.validate_on_submit():
        kind = form.kind.data
        data = {
            "email": form.email.data, "password": form.password.data, "name": form.name.data,
            "language": form.language.data, "kind": kind,
            "organisation": form.organisation.data if kind == "organisation" else None,
            "organisation_id": form.organisation_id.data if kind == "join" else None,
        }
        try:
            user = services.signup(data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            return render_template("accounts/signup_done.html", email=user.email, kind=kind), 201
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/signup.html", form=form, has_organisations=bool(organisations)), status


# --- e-mail verification ----------------------------------------------------------------

LINK_MESSAGES = {
    "expired": lambda: _("This link has expired. Ask for a new one below."),
    "invalid": lambda: _("This link is not valid. Check that you copied all of it, or ask for a new one below."),
}


@bp.get("/verify/<path:token>")
def verify(token):
    try:
        services.verify_email(token)
    except LinkProblem as problem:
        if problem.reason == "used":
            return render_template("accounts/verified.html", already=True)
        return render_template("accounts/link_problem.html", message=LINK_MESSAGES[problem.reason](),
                               form=EmailRequestForm(), action=url_for("accounts.resend_verification"),
                               button=_("Send a new confirmation link")), 400
    return render_template("accounts/verified.html", already=False)


@bp.route("/verify/resend", methods=["GET", "POST"])
@mail_request_limited
def resend_verification():
    form = EmailRequestForm()
    if request.method == "GET" and request.args.get("email"):
        form.email.data = request.args["email"][:254]
    if form.validate_on_submit():
        services.resend_verification(form.email.data)
        flash(_("If an unconfirmed account has this address, we have sent it a new confirmation link."), "success")
        return redirect(url_for("accounts.login"))
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/email_link_form.html", form=form, action="accounts.resend_verification",
                           title=_("Send a new confirmation link"), intro=None), status


# --- log-in and log-out -----------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.args.get("next"))
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(next_url or url_for("accounts.profile"))
    form = LoginForm()
    problem, unverified, headers, status = None, None, {}, 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except RateLimited as error:
            problem, status = error.message, 429
            headers["Retry-After"] = str(error.retry_after)
        except services.EmailUnverified as error:
            problem, unverified, status = error.message, error.user.email, 403
        except services.LoginFailed as error:
            problem, status = error.message, 401
        else:
            login_user(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(next_url or url_for("openweb.home_page"))
    elif request.method == "POST":
        status = 422
    return render_template("accounts/login.html", form=form, problem=problem, unverified=unverified,
                           next_url=next_url), status, headers


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    """POST (with its CSRF token) logs out; GET only shows the button."""
    form = ConfirmForm()
    if request.method == "POST":
        if current_user.is_authenticated:
            services.end_sessions(current_user._get_current_object())
            logout_user()
        flash(_("You are logged out."), "success")
        return redirect(url_for("openweb.home_page"))
    return render_template("accounts/logout.html", form=form)


# --- password reset -------------------------------------------------------------------

@bp.route("/reset", methods=["GET", "POST"])
@mail_request_limited
def reset_request():
    form = EmailRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("accounts/reset_sent.html")
    status = 422 if request.method == "POST" else 200
    return render_template(
        "accounts/email_link_form.html", form=form, action="accounts.reset_request",
        title=_("Forgot your password?"),
        intro=_("Enter the address of your account; we will mail you a link to choose a new password."),
    ), status


@bp.route("/reset/<path:token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = services.user_for_reset(token)
    except LinkProblem as problem:
        message = (_("This link has already been used. Ask for a new one below if you need it.")
                   if problem.reason == "used" else LINK_MESSAGES[problem.reason]())
        return render_template("accounts/link_problem.html", message=message, form=EmailRequestForm(),
                               action=url_for("accounts.reset_request"), button=_("Send a new link")), 400
    form = ResetPasswordForm(account_email=user.email)
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            logout_user()
            flash(_("Your password has been changed. You can log in with it now."), "success")
            return redirect(url_for("accounts.login"))
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/reset_form.html", form=form), status


# --- profile --------------------------------------------------------------------------

def render_profile(profile_form=None, password_form=None, status=200):
    user = services.profile_of(current_user)
    https_url, webcal_url = services.feed_links(user)
    if profile_form is None:
        profile_form = ProfileForm(obj=user, formdata=None)
    return render_template(
        "accounts/profile.html", user=user, membership=user.membership, profile_form=profile_form,
        password_form=password_form or PasswordChangeForm(formdata=None, account_email=user.email),
        feed_form=ConfirmForm(formdata=None), feed_url=https_url, webcal_url=webcal_url,
    ), status


@bp.route("/profile", methods=["GET", "POST"])
@personal_response("events", "organisations")  # GET only: registrations, the organisation's name
@login_required
def profile():
    if request.method == "GET":
        return render_profile()
    form = ProfileForm()
    if not form.validate_on_submit():
        return render_profile(profile_form=form, status=422)
    services.update_profile(current_user, form.name.data, form.language.data)
    session["lang"] = form.language.data  # the interface follows the new preference at once
    flash(_("Your profile has been saved."), "success")
    return redirect(url_for("accounts.profile"))


@bp.post("/profile/password")
@login_required
def change_password():
    form = PasswordChangeForm(account_email=current_user.email)
    if form.validate_on_submit():
        try:
            user = services.change_password(current_user._get_current_object(), form.current_password.data,
                                            form.password.data)
        except RateLimited as error:
            form.current_password.errors = [error.message]
            return render_profile(password_form=form, status=429)
        except Invalid as error:
            apply_errors(form, error)
        else:
            # Other sessions and old cookies die with the old session version; this one goes on.
            had_remember_cookie = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME",
                                                                                  "remember_token")))
            login_user(user, remember=had_remember_cookie)
            flash(_("Your password has been changed. Other devices have been logged out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_profile(password_form=form, status=422)


@bp.post("/profile/calendar-link")
@login_required
def regenerate_feed():
    if ConfirmForm().validate_on_submit():
        services.regenerate_feed_secret(current_user._get_current_object())
        flash(_("Your calendar link has been replaced. The old link no longer works."), "success")
    return redirect(url_for("accounts.profile"))
