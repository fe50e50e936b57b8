"""Organiser pages: create/edit, agenda editor, registrations (CSV, sign-in sheet, e-mail all),
cancelling; and every role that must not get in."""
from urllib.parse import quote

import pytest

from portal.events import services
from portal.events.models import Event
from portal.extensions import db
from tests.events import helpers
from tests.pages import csrf_of as token

FORM = {"title": "Studiedag artikel 60", "description": "Over samenwerking.", "venue": "Brussels Parlement",
        "address": "Lombardstraat 69, 1000 Brussel", "starts_at": "2031-06-28T09:00",
        "ends_at": "2031-06-28T16:00", "capacity": "80", "registration_deadline": "2031-06-21T12:00",
        "language": "nl", "status": "published"}


def day_in_2031(partner):
    return helpers.event(partner, starts_at=helpers.brussels(2031, 6, 28, 9), ends_at=helpers.brussels(2031, 6, 28, 16),
                         registration_deadline=helpers.brussels(2031, 6, 27, 9))


def test_a_partner_member_creates_an_event_from_the_form(client, login, partner_member, federation):
    login(partner_member)
    data = {**FORM, "co_organiser_ids": [str(federation.id)], "csrf_token": token(client, "/events/new")}
    response = client.post("/events/new", data=data)
    assert response.status_code == 302
    event = db.session.execute(db.select(Event)).scalar_one()
    assert response.headers["Location"].endswith(f"/events/{event.id}/agenda")
    assert event.starts_at.isoformat() == "2031-06-28T07:00:00+00:00"
    assert [org.id for org in event.co_organisers] == [federation.id]


@pytest.mark.parametrize("changes,field,message", [
    ({"ends_at": "2031-06-28T08:00"}, "ends_at", "The end must come after the start."),
    ({"capacity": "0"}, "capacity", None),
    ({"registration_deadline": "2031-06-29T12:00"}, "registration_deadline",
     "The registration deadline cannot be after the start."),
    ({"starts_at": "28 juni"}, "starts_at", "Enter a date and time such as 2023-06-28T09:00."),
    ({"language": "xx"}, "language", None),
    ({"title": "x" * 201}, "title", None),
])
def test_bad_input_is_explained_on_the_page(client, login, partner_member, changes, field, message):
    login(partner_member)
    response = client.post("/events/new", data={**FORM, **changes, "csrf_token": token(client, "/events/new")})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html  # WTForms' own messages come translated (nl here)
    if message:
        assert message in html
    assert db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one() == 0


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "host_member", "participant"])
def test_roles_that_cannot_open_the_new_event_page(client, login, request, role):
    login(request.getfixturevalue(role))
    assert client.get("/events/new").status_code == 403


def test_anonymous_organisers_are_sent_to_the_login_page(client, partner):
    """One login guard for every page (core/web.py): the login page, then back here."""
    event = helpers.event(partner)
    for path in ("/events/new", f"/events/{event.id}/edit", f"/events/{event.id}/agenda",
                 f"/events/{event.id}/registrations", f"/events/{event.id}/registrations.csv",
                 f"/events/{event.id}/sign-in-sheet", f"/events/{event.id}/message"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == f"/login?next={quote(path)}", path


@pytest.mark.parametrize("role", ["ocmw_member", "sie_member", "participant", "moderator"])
def test_non_organisers_are_refused_every_organiser_page(client, login, partner, request, role):
    event = helpers.event(partner)  # the moderator belongs to another federation
    login(request.getfixturevalue(role))
    for path in (f"/events/{event.id}/edit", f"/events/{event.id}/agenda", f"/events/{event.id}/registrations",
                 f"/events/{event.id}/registrations.csv", f"/events/{event.id}/sign-in-sheet",
                 f"/events/{event.id}/message"):
        assert client.get(path).status_code == 403, path
    item = helpers.agenda_item(event)
    csrf = token(client, f"/events/{event.id}")
    for path in (f"/events/{event.id}/cancel", f"/events/{event.id}/edit", f"/events/{event.id}/agenda",
                 f"/events/{event.id}/agenda/{item.id}/edit", f"/events/{event.id}/agenda/{item.id}/delete",
                 f"/events/{event.id}/message"):
        assert client.post(path, data={"csrf_token": csrf, "title": "x", "subject": "x", "body": "x"}
                           ).status_code == 403, path
    db.session.refresh(event)
    assert event.status == "published" and event.sequence == 0 and len(event.agenda) == 1


def test_someone_elses_draft_is_404_on_organiser_pages(client, login, partner, moderator):
    draft = helpers.event(partner, status="draft")
    login(moderator)
    assert client.get(f"/events/{draft.id}/edit").status_code == 404


def test_a_co_organiser_edits_the_event(client, login, partner, federation, moderator):
    event = helpers.event(partner, co_organisers=[federation])
    login(moderator)
    data = {**FORM, "title": "Nieuwe titel", "co_organiser_ids": [str(federation.id)],
            "csrf_token": token(client, f"/events/{event.id}/edit")}
    assert client.post(f"/events/{event.id}/edit", data=data).status_code == 302
    db.session.refresh(event)
    assert event.title == "Nieuwe titel" and event.sequence == 1


def test_the_agenda_editor_adds_items_with_speakers_and_moderators(client, login, partner, partner_member):
    event = day_in_2031(partner)
    login(partner_member)
    data = {"starts_at": "2031-06-28T11:00", "ends_at": "2031-06-28T12:00", "title": "Panelgesprek", "kind": "panel",
            "description": "", "speakers": "Pieter Dehon | directeur | Casablanco vzw\nSabrina Ergen | directeur",
            "moderators": "Tatiana Vial | directeur | FeBISP",
            "csrf_token": token(client, f"/events/{event.id}/agenda")}
    assert client.post(f"/events/{event.id}/agenda", data=data).status_code == 302
    [item] = event.agenda
    assert item.speakers == [{"name": "Pieter Dehon", "role": "directeur", "organisation": "Casablanco vzw"},
                             {"name": "Sabrina Ergen", "role": "directeur", "organisation": ""}]
    assert item.moderators[0]["name"] == "Tatiana Vial"
    html = client.get(f"/events/{event.id}/agenda/{item.id}/edit").get_data(as_text=True)
    assert "Pieter Dehon | directeur | Casablanco vzw" in html


@pytest.mark.parametrize("changes,field,message", [
    ({"speakers": " | analist | View.Brussels"}, "speakers", "A name is required."),
    ({"kind": "keynote"}, "kind", None),
    ({"starts_at": "2031-06-29T11:00", "ends_at": "2031-06-29T12:00"}, "starts_at",
     "The item must start during the study day."),
])
def test_bad_agenda_items_are_explained_on_the_page(client, login, partner, partner_member, changes, field, message):
    event = day_in_2031(partner)
    login(partner_member)
    data = {"starts_at": "2031-06-28T11:00", "ends_at": "2031-06-28T12:00", "title": "Lezing", "kind": "talk",
            "speakers": "", "moderators": "", "csrf_token": token(client, f"/events/{event.id}/agenda")}
    response = client.post(f"/events/{event.id}/agenda", data={**data, **changes})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    if message:
        assert message in html


def test_registrations_page_csv_and_sign_in_sheet(client, login, partner, partner_member):
    event = helpers.event(partner, capacity=1)
    people = [helpers.people(1, "a")[0], helpers.people(1, "b")[0]]
    people[0].name = "Zoë Ébène"
    db.session.commit()
    for person in people:
        services.register(person, event.id)
    login(partner_member)
    html = client.get(f"/events/{event.id}/registrations").get_data(as_text=True)
    assert "Zoë Ébène" in html and "Waiting list (1)" in html
    csv_response = client.get(f"/events/{event.id}/registrations.csv")
    assert csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.data.startswith("\ufeff".encode())
    text = csv_response.data.decode("utf-8-sig")
    assert "Zoë Ébène" in text and "waitlisted;1" in text
    sheet = client.get(f"/events/{event.id}/sign-in-sheet").get_data(as_text=True)
    assert "Zoë Ébène" in sheet and people[1].name not in sheet


def test_e_mail_all_registrants(client, login, partner, partner_member, mailbox):
    event = helpers.event(partner, capacity=1)
    people = helpers.people(2)
    for person in people:
        services.register(person, event.id)
    mailbox.clear()
    login(partner_member)
    data = {"subject": "Praktische info", "body": "Neem uw identiteitskaart mee.",
            "csrf_token": token(client, f"/events/{event.id}/message")}
    assert client.post(f"/events/{event.id}/message", data=data).status_code == 302
    assert sorted(m["To"] for m in mailbox) == sorted(p.email for p in people)
    assert "identiteitskaart" in mailbox[0].get_body(("plain",)).get_content()


def test_cancelling_from_the_page_asks_first_and_mails(client, login, partner, partner_member, mailbox):
    event = helpers.event(partner)
    services.register(helpers.people(1)[0], event.id)
    mailbox.clear()
    login(partner_member)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    # the page links to a confirmation page (no POST form), which holds the form
    assert f'href="/events/{event.id}/cancel"' in html and f'action="/events/{event.id}/cancel"' not in html
    confirm = client.get(f"/events/{event.id}/cancel").get_data(as_text=True)
    assert f'action="/events/{event.id}/cancel"' in confirm and "Cancel the study day?" in confirm
    response = client.post(f"/events/{event.id}/cancel", data={"csrf_token": token(client, f"/events/{event.id}")})
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.status == "cancelled" and len(mailbox) == 1
    assert "Cancelled" in client.get("/events").get_data(as_text=True)


def test_an_impossible_status_move_is_explained_on_the_edit_page(client, login, partner, partner_member):
    event = helpers.event(partner)
    login(partner_member)
    data = {**FORM, "status": "draft", "csrf_token": token(client, f"/events/{event.id}/edit")}
    response = client.post(f"/events/{event.id}/edit", data=data)
    assert response.status_code == 422
    assert 'id="status-error"' in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.status == "published" and event.title != FORM["title"]
