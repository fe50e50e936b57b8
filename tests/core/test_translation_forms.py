"""The page forms take every translatable field in every language: the record's language in the
main fields (required), the others in columns beside them (optional, an emptied one removes
that version), and a hint where the French or Dutch version is missing."""
from portal.events.models import AgendaItem, Event
from portal.extensions import db
from portal.offers.models import Offer
from portal.organisations.models import Organisation
from tests.events import helpers
from tests.events.test_organise_pages import FORM as EVENT_FORM
from tests.events.test_organise_pages import day_in_2031, token

OFFER_FORM = {"title": "Schilder", "description": "Verven", "sector": "construction", "function": "construction",
              "commune": "anderlecht", "positions": "1", "languages": ["nl"], "hours_per_week": "38",
              "start_date": "2026-12-01", "contract_type": "art60", "status": "published"}


def test_an_event_is_written_in_three_languages_on_its_form(client, login, partner_member):
    login(partner_member)
    html = client.get("/events/new").get_data(as_text=True)
    assert 'name="tr_fr-title"' in html and 'lang="fr"' in html and "Missing in Français." in html
    response = client.post("/events/new", data={
        **EVENT_FORM, "tr_fr-title": "Journée d'étude article 60", "tr_fr-description": "Sur la collaboration.",
        "tr_fr-venue": "Parlement bruxellois", "tr_en-title": "Article 60 study day",
        "csrf_token": token(client, "/events/new")})
    assert response.status_code == 302
    event = db.session.execute(db.select(Event)).scalar_one()
    assert event.title == EVENT_FORM["title"]
    assert event.translations == {"fr": {"title": "Journée d'étude article 60", "description": "Sur la collaboration.",
                                         "venue": "Parlement bruxellois"}, "en": {"title": "Article 60 study day"}}


def test_the_edit_form_shows_the_versions_and_an_emptied_field_removes_one(client, login, partner, partner_member):
    event = day_in_2031(partner)
    event.translations = {"fr": {"title": "Titre", "venue": "Parlement"}}
    db.session.commit()
    login(partner_member)
    path = f"/events/{event.id}/edit"
    html = client.get(path).get_data(as_text=True)
    assert 'name="tr_fr-title"' in html and 'value="Titre"' in html
    data = {**EVENT_FORM, "tr_fr-title": "Nouveau titre", "tr_fr-venue": "", "csrf_token": token(client, path)}
    assert client.post(path, data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).translations == {"fr": {"title": "Nouveau titre"}}


def test_text_in_the_records_own_language_column_is_refused(client, login, partner, partner_member):
    event = day_in_2031(partner)
    login(partner_member)
    path = f"/events/{event.id}/edit"
    data = {**EVENT_FORM, "language": "fr", "tr_fr-title": "Titre", "csrf_token": token(client, path)}
    response = client.post(path, data=data)
    assert response.status_code == 422
    assert "write it in the main fields" in response.get_data(as_text=True)


def test_an_over_long_translation_is_refused_on_the_page(client, login, partner_member):
    login(partner_member)
    response = client.post("/events/new", data={**EVENT_FORM, "tr_fr-title": "x" * 201,
                                                "csrf_token": token(client, "/events/new")})
    assert response.status_code == 422
    assert 'id="tr_fr-title-error"' in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count()).select_from(Event)).scalar_one() == 0


def test_an_agenda_item_takes_its_french_title_description_and_roles(client, login, partner, partner_member):
    event = day_in_2031(partner)
    login(partner_member)
    path = f"/events/{event.id}/agenda"
    response = client.post(path, data={
        "starts_at": "2031-06-28T09:00", "ends_at": "2031-06-28T09:30", "title": "Verwelkoming", "kind": "welcome",
        "description": "", "speakers": "An Peeters | voorzitter | FeBISP\nJan Claes | directeur",
        "tr_fr-title": "Accueil", "tr_fr-description": "Café", "tr_fr-speaker_roles": "présidente\ndirecteur",
        "csrf_token": token(client, path)})
    assert response.status_code == 302
    item = db.session.execute(db.select(AgendaItem)).scalar_one()
    assert item.translations == {"fr": {"title": "Accueil", "description": "Café",
                                        "speaker_roles": ["présidente", "directeur"]}}
    edit = client.get(f"/events/{event.id}/agenda/{item.id}/edit").get_data(as_text=True)
    assert "présidente\ndirecteur" in edit


def test_an_offer_is_written_in_two_languages_on_its_form(client, login, sie_member, csrf_token):
    login(sie_member)
    response = client.post("/offers/new", data={**OFFER_FORM, "tr_fr-title": "Peintre", "tr_fr-description": "Peindre",
                                                "csrf_token": csrf_token("/offers/new")})
    assert response.status_code == 302
    offer = db.session.execute(db.select(Offer)).scalar_one()
    assert offer.language == "nl" and offer.translations == {"fr": {"title": "Peintre", "description": "Peindre"}}
    path = f"/offers/{offer.id}/edit"
    assert 'value="Peintre"' in client.get(path).get_data(as_text=True)
    client.post(path, data={**OFFER_FORM, "tr_fr-title": "Peintre en bâtiment", "csrf_token": csrf_token(path)})
    db.session.expire_all()
    assert db.session.get(Offer, offer.id).translations == {"fr": {"title": "Peintre en bâtiment"}}
    assert "Peintre en bâtiment" in client.get(f"/offers/{offer.id}?lang=fr").get_data(as_text=True)


def test_an_organisation_profile_is_written_in_two_languages(client, login, csrf_token, sie_admin, sie):
    login(sie_admin)
    path = f"/organisations/{sie.id}/edit"
    response = client.post(path, data={"csrf_token": csrf_token(path), "description": "Wij bieden werk.",
                                       "language": "nl", "tr_fr-description": "Nous offrons du travail."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, sie.id).translations == {"fr": {"description": "Nous offrons du travail."}}
    html = client.get(f"/organisations/{sie.id}?lang=fr").get_data(as_text=True)
    assert "Nous offrons du travail." in html


def test_the_agenda_item_page_runs_without_a_translation_of_its_event(client, login, partner, partner_member):
    event = day_in_2031(partner)
    item = helpers.agenda_item(event)
    login(partner_member)
    assert client.get(f"/events/{event.id}/agenda/{item.id}/edit").status_code == 200
