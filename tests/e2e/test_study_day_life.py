"""A study day from invitation to certificate in a real browser (#17): an organiser adds a
registration question, a guest registers without an account and confirms by the mailed link, the
organiser checks them in on a 375 px phone screen, the day ends, the guest downloads the certificate.

Its own live server (own database file), so the test can make the day end by moving its dates."""
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    axe_violations,
    demo_email,
    log_in,
    mail_text,
    mails_to,
    newest_mail,
    open_page,
    serve_demo,
)
from tests.e2e.test_journeys import create_event, unique

expect.set_options(timeout=15000)


@pytest.fixture(scope="module")
def day_server(tmp_path_factory, smtp_server):
    directory = tmp_path_factory.mktemp("e2e-study-day")
    for base_url in serve_demo(directory, smtp_server):
        yield base_url, directory / "e2e.sqlite"


def end_the_day(database, event_id):
    """Move the study day 40 days back, as time would."""
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT starts_at, ends_at, registration_deadline FROM events WHERE id = ?",
                                 (event_id,)).fetchone()
        moved = [(datetime.fromisoformat(value) - timedelta(days=40)).strftime("%Y-%m-%d %H:%M:%S.%f")
                 for value in row]
        connection.execute("UPDATE events SET starts_at = ?, ends_at = ?, registration_deadline = ? WHERE id = ?",
                           (*moved, event_id))
    assert datetime.fromisoformat(moved[1]).replace(tzinfo=UTC) < datetime.now(UTC)


def test_question_guest_check_in_on_a_phone_and_certificate(new_context, day_server, smtp_server):
    live_server, database = day_server
    organiser = open_page(new_context(), live_server)
    log_in(organiser, live_server, demo_email("febisp"))
    event_url = create_event(organiser, live_server, unique("Studiedag van begin tot attest"))
    event_id = int(event_url.rsplit("/", 1)[1])

    # 1. The organiser asks a question.
    organiser.goto(f"{event_url}/questions")
    organiser.get_by_label("Question", exact=True).fill("Dietary needs")
    organiser.get_by_label("Kind of answer").select_option("choice")
    organiser.get_by_label("Options, one per line").fill("None\nVegetarian\nHalal")
    organiser.get_by_label("An answer is required").check()
    organiser.get_by_role("button", name="Add").click()
    expect(organiser.locator("main table")).to_contain_text("Dietary needs")
    assert axe_violations(organiser) == []

    # 2. A guest registers without an account and confirms by the mailed link.
    guest_email = f"{unique('guest')}@example.be"
    guest = open_page(new_context(), live_server)
    guest.goto(event_url)
    guest.get_by_role("link", name="Register without an account").click()
    assert axe_violations(guest) == []
    guest.get_by_label("Name").fill("Aïcha El Idrissi")
    guest.get_by_label("E-mail address").fill(guest_email)
    guest.get_by_label("Language of the mails").select_option("en")
    guest.get_by_label("Vegetarian").check()
    guest.get_by_role("button", name="Register").click()
    expect(guest.locator("main")).to_contain_text("Check your mailbox")
    confirm = re.search(r"https?://\S+/events/guest/confirm/\S+", mail_text(newest_mail(smtp_server, guest_email)))
    before = len(mails_to(smtp_server, guest_email))
    guest.goto(confirm.group(0))
    expect(guest.locator("main")).to_contain_text("You have a seat")
    expect(guest.locator("main img.check-in-qr")).to_be_visible()
    confirmation = mail_text(newest_mail(smtp_server, guest_email, after=before))
    code = re.search(r"give this code: (\S+)", confirmation).group(1)

    # 3. The organiser checks the guest in on a phone.
    phone = new_context(width=375, height=740)
    door = open_page(phone, live_server)
    log_in(door, live_server, demo_email("febisp"))
    door.goto(f"{event_url}/check-in")
    expect(door.get_by_role("button", name="Scan with the camera")).to_be_visible()  # checkin.js ran (CSP)
    assert door.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(door) == []
    door.get_by_label("Check-in code").fill(code)
    door.get_by_role("button", name="Check in", exact=True).click()
    expect(door.locator("main")).to_contain_text("Welcome, Aïcha El Idrissi")
    expect(door.locator(".check-in-counter strong")).to_have_text("1")
    assert door.evaluate("document.documentElement.scrollWidth") <= 375
    organiser.goto(f"{event_url}/registrations")
    expect(organiser.locator("main")).to_contain_text("Vegetarian")

    # 4. The day ends; the organiser mails the certificates; the guest downloads theirs.
    end_the_day(database, event_id)
    organiser.goto(f"{event_url}/registrations")
    before = len(mails_to(smtp_server, guest_email))
    organiser.get_by_role("button", name="Mail the certificates to the attendees").click()
    expect(organiser.locator("main")).to_contain_text("Certificates are sent to 1 attendees")
    link = re.search(r"https?://\S+/certificate\.pdf\?token=\S+",
                     mail_text(newest_mail(smtp_server, guest_email, after=before)))
    response = guest.request.get(link.group(0))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # 5. The guest gives feedback by the mailed link; the organiser reads it.
    organiser.goto(f"{event_url}/feedback")
    before = len(mails_to(smtp_server, guest_email))
    organiser.get_by_role("button", name="Mail the feedback form to the attendees").click()
    form = re.search(r"https?://\S+/events/feedback/\S+",
                     mail_text(newest_mail(smtp_server, guest_email, after=before)))
    guest.goto(form.group(0))
    assert axe_violations(guest) == []
    guest.get_by_label("5", exact=True).first.check()
    guest.get_by_label("Comment").fill("Very useful, thank you.")
    guest.get_by_role("button", name="Send my feedback").click()
    expect(guest.locator("main")).to_contain_text("Your feedback is saved")
    organiser.goto(f"{event_url}/feedback")
    expect(organiser.locator("main")).to_contain_text("Very useful, thank you.")
