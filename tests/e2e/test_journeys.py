"""The main journeys of the portal, clicked through in a real browser against the demo
(interface in English, forced with ?lang=en on the first page).

Each test uses its own e-mail addresses, titles and browser contexts, so the tests do not
depend on one another (they share one live server and its database)."""
import re
import uuid
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import demo_email, log_in, mail_text, mails_to, newest_mail, open_page

expect.set_options(timeout=15000)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def in_days(days):
    return (date.today() + timedelta(days=days)).isoformat()


# --- 1. sign up, verify, log in ----------------------------------------------------------

def test_sign_up_verify_by_mail_log_in_and_see_the_profile(new_context, live_server, smtp_server):
    email = f"{unique('pat')}@example.be"
    password = "a long journey passphrase 2026"
    page = open_page(new_context(), live_server)
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Your name").fill("Pat Journey")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Just attend study days", exact=False).check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("h1")).to_have_text("Check your mailbox")

    link = re.search(r"https?://\S+/verify/\S+", mail_text(newest_mail(smtp_server, email))).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("E-mail address confirmed")
    page.locator("main").get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main form.stack").get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login"))

    page.goto(live_server + "/profile")
    expect(page.locator("h1")).to_have_text("Your profile")
    expect(page.locator("main")).to_contain_text(email)
    expect(page.locator("main")).to_contain_text("You do not belong to an organisation")


# --- 2. an SIE publishes an offer -----------------------------------------------------------

def test_sie_publishes_an_offer_that_appears_on_the_offers_page(new_context, live_server):
    title = unique("Magazijnier e2e")
    page = open_page(new_context(), live_server)
    log_in(page, live_server, demo_email("casablanco"))
    page.goto(live_server + "/offers")
    page.locator("main").get_by_role("link", name="New offer").click()
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Description", exact=True).fill("Stock and deliveries, with a coach.")
    page.get_by_label("Function").select_option("logistics")
    page.get_by_label("Sector").select_option("logistics")
    page.get_by_label("Commune of the workplace").select_option("anderlecht")
    page.get_by_label("Positions").fill("2")
    page.get_by_label("Hours per week").fill("38")
    page.get_by_label("Start date").fill(in_days(40))
    page.get_by_label("Languages asked for").select_option(["nl", "fr"])
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/offers/\d+$"))
    expect(page.locator("h1")).to_contain_text(title)
    page.locator("main").get_by_role("button", name="Publish").click()
    expect(page.locator("main").get_by_role("button", name="Publish")).to_have_count(0)

    visitor = open_page(new_context(), live_server)
    visitor.goto(live_server + "/offers")
    visitor.locator("main").get_by_role("link", name=title).click()
    expect(visitor.locator("h1")).to_contain_text(title)


# --- 3. an OCMW refers a candidate; the SIE moves the referral to started -------------------

def publish_offer(page, live_server, title):
    """As a logged-in SIE user: create a published offer through the form; its URL."""
    page.goto(live_server + "/offers/new")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Function").select_option("cleaning")
    page.get_by_label("Sector").select_option("cleaning")
    page.get_by_label("Positions").fill("1")
    page.get_by_label("Hours per week").fill("30")
    page.get_by_label("Start date").fill(in_days(30))
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/offers/\d+$"))
    return page.url


def test_ocmw_refers_a_candidate_and_the_sie_moves_the_referral_to_started(new_context, live_server):
    offer_title = unique("Schoonmaak e2e")
    first_name = unique("Amina")
    sie = open_page(new_context(), live_server)
    log_in(sie, live_server, demo_email("casablanco"))
    offer_url = publish_offer(sie, live_server, offer_title)

    ocmw = open_page(new_context(), live_server)
    log_in(ocmw, live_server, demo_email("ocmw-anderlecht"))
    ocmw.goto(live_server + "/candidates/new")
    ocmw.get_by_label("The person has given their consent", exact=False).check()
    ocmw.get_by_label("Date of consent").fill(date.today().isoformat())
    ocmw.get_by_label("First name").fill(first_name)
    ocmw.get_by_label("Initial of the last name").fill("B")
    ocmw.get_by_label("Languages spoken").select_option(["fr", "nl"])
    ocmw.get_by_label("Skills and experience").fill("Cleaning offices, three years.")
    ocmw.get_by_role("button", name="Save").click()
    expect(ocmw).to_have_url(re.compile(r"/candidates/\d+$"))

    ocmw.goto(offer_url)
    ocmw.get_by_label("Candidate", exact=True).select_option(label=f"{first_name} B.")
    ocmw.get_by_label("Message to the host").fill("Motivated, available at once.")
    ocmw.get_by_role("button", name="Refer", exact=True).click()
    expect(ocmw).to_have_url(re.compile(r"/referrals/\d+$"))
    expect(ocmw.locator("main")).to_contain_text("Submitted")

    sie.goto(live_server + "/referrals")
    sie.locator("main tr", has_text=first_name).get_by_role("link").first.click()
    expect(sie).to_have_url(re.compile(r"/referrals/\d+$"))
    expect(sie.locator("main")).to_contain_text("Motivated, available at once.")
    sie.get_by_role("button", name="Accepted", exact=True).click()
    expect(sie.locator("main .badge").first).to_have_text("Accepted")
    sie.get_by_label("First working day").fill(in_days(7))
    sie.get_by_role("button", name="Placement started", exact=True).click()
    expect(sie.locator("main .badge").first).to_have_text("Placement started")

    ocmw.reload()
    expect(ocmw.locator("main .badge").first).to_have_text("Placement started")


# --- 4. a federation creates a study day with an agenda and publishes it -------------------

def create_event(page, live_server, title, capacity=40, status="published"):
    """As a logged-in organiser: create a study day through the form; its URL."""
    page.goto(live_server + "/events/new")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Description", exact=True).fill("A study day made by the end-to-end tests.")
    page.get_by_label("Venue", exact=True).fill("Maison des Associations")
    page.get_by_label("Address").fill("Rue de la Loi 1, 1000 Bruxelles")
    page.get_by_label("Starts at").fill(f"{in_days(30)}T09:00")
    page.get_by_label("Ends at").fill(f"{in_days(30)}T16:00")
    page.get_by_label("Capacity (seats)").fill(str(capacity))
    page.get_by_label("Registration deadline").fill(f"{in_days(28)}T17:00")
    page.get_by_label("Status").select_option(status)
    page.get_by_role("button", name="Save").click()
    # Saving leads to the agenda editor of the new study day.
    expect(page).to_have_url(re.compile(r"/events/\d+/agenda$"))
    return re.sub(r"/agenda$", "", page.url)


def test_federation_creates_an_event_with_an_agenda_and_publishes_it(new_context, live_server):
    title = unique("Studiedag e2e")
    item = "Opening: article 60 in 2027"
    page = open_page(new_context(), live_server)
    log_in(page, live_server, demo_email("febisp"))
    event_url = create_event(page, live_server, title, status="draft")

    form = page.locator("main form.panel").last
    form.locator("[name=starts_at]").fill(f"{in_days(30)}T09:30")
    form.locator("[name=ends_at]").fill(f"{in_days(30)}T10:30")
    form.locator("[name=title]").fill(item)
    form.get_by_role("button", name="Add").click()
    expect(page.locator("main")).to_contain_text(item)

    visitor = open_page(new_context(), live_server)
    visitor.goto(live_server + "/events")
    expect(visitor.locator("main").get_by_role("link", name=title)).to_have_count(0)  # a draft

    page.goto(event_url)
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).not_to_contain_text("Some fields need your attention")

    visitor.goto(live_server + "/events")
    visitor.locator("main").get_by_role("link", name=title).click()
    expect(visitor.locator("h1")).to_contain_text(title)
    expect(visitor.locator("main")).to_contain_text(item)


# --- 5. waiting list, promotion, .ics --------------------------------------------------------

def test_waitlisted_participant_is_promoted_when_someone_cancels_and_downloads_the_ics(
        new_context, live_server, smtp_server):
    title = unique("Volzet e2e")
    organiser = open_page(new_context(), live_server)
    log_in(organiser, live_server, demo_email("febio"))
    event_url = create_event(organiser, live_server, title, capacity=1)

    first = open_page(new_context(), live_server)
    log_in(first, live_server, demo_email("trace"))
    first.goto(event_url)
    first.get_by_role("button", name="Register", exact=True).click()
    expect(first.locator("main")).to_contain_text("You have a seat.")

    waiting = "participant@demo.tandem.brussels"
    second = open_page(new_context(), live_server)
    log_in(second, live_server, waiting)
    second.goto(event_url)
    second.get_by_role("button", name="Join the waiting list").click()
    expect(second.locator("main")).to_contain_text("You are number 1 on the waiting list.")

    mails_before = len(mails_to(smtp_server, waiting))
    first.get_by_role("button", name="Cancel my registration").click()  # confirm dialog accepted
    expect(first.get_by_role("button", name="Cancel my registration")).to_have_count(0)
    # the seat went to the waiting list at once: none left for the one who cancelled
    expect(first.get_by_role("button", name="Join the waiting list")).to_be_visible()

    promoted = newest_mail(smtp_server, waiting, after=mails_before)
    assert title in promoted["Subject"] or title in mail_text(promoted)
    second.goto(event_url)
    expect(second.locator("main .badge", has_text="Confirmed")).to_be_visible()
    expect(second.locator("main")).to_contain_text("You have a seat.")

    href = second.get_by_role("link", name="Download (.ics)").get_attribute("href")
    response = second.context.request.get(live_server + href)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text().startswith("BEGIN:VCALENDAR")
    assert title in response.text()
    with second.expect_download() as download:
        second.get_by_role("link", name="Download (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
