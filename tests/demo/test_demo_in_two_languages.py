"""The demo in both languages of Brussels: the 28 June 2023 study day in Dutch with a complete
French version, and a third of the demo offers in both languages."""
from portal.demo import events as demo_events
from portal.events.models import Event
from portal.extensions import db
from portal.offers.models import Offer


def test_the_study_day_has_a_complete_french_version_and_offers_are_bilingual(runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    event = db.session.execute(db.select(Event).where(Event.title == demo_events.STUDY_DAY_TITLE)).scalar_one()
    assert event.language == "nl"
    assert set(event.translations["fr"]) == {"title", "description", "venue"}
    for item in event.agenda:
        french = item.translations["fr"]
        assert french["title"] and french["title"] != item.title
        assert len(french.get("speaker_roles", [])) == len(item.speakers)
    html = client.get(f"/events/{event.id}?lang=fr").get_data(as_text=True)
    assert "Table ronde : orientation et recrutement" in html and "directrice du SPI" in html

    offers = db.session.execute(db.select(Offer)).scalars().all()
    bilingual = [offer for offer in offers if {"nl", "fr"} <= {offer.language, *offer.translations}]
    assert len(bilingual) * 3 >= len(offers)
    assert runner.invoke(args=["demo"]).exit_code == 0  # a second run changes nothing
    assert db.session.execute(db.select(db.func.count()).select_from(Offer)).scalar_one() == len(offers)
