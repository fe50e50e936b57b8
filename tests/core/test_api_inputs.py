"""JSON bodies are type-checked against the same forms the pages use."""
import pytest
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, FormField, IntegerField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange

from portal.api.inputs import validated
from portal.core.errors import Invalid


class AddressForm(Form):
    street = StringField(validators=[DataRequired()])


class ProbeForm(FlaskForm):
    title = StringField(validators=[DataRequired()])
    positions = IntegerField(validators=[NumberRange(min=1)])
    consent = BooleanField()
    languages = SelectMultipleField(choices=[SelectChoice("nl"), SelectChoice("fr")])
    address = FormField(AddressForm)


def fields_of(error):
    return set(error.value.fields)


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def test_a_good_payload_validates(ctx):
    form = validated(ProbeForm, {"title": "Cook", "positions": 2, "consent": True, "languages": ["nl", "fr"],
                                 "address": {"street": "Rue Haute 1"}})
    assert form.positions.data == 2 and form.consent.data is True and form.languages.data == ["nl", "fr"]
    assert form.address.street.data == "Rue Haute 1"


@pytest.mark.parametrize("payload, field", [
    ({"title": 5}, "title"),
    ({"title": "x", "positions": "3"}, "positions"),
    ({"title": "x", "positions": True}, "positions"),
    ({"title": "x", "positions": 0}, "positions"),
    ({"title": "x", "consent": "yes"}, "consent"),
    ({"title": "x", "languages": "nl"}, "languages"),
    ({"title": "x", "languages": ["de"]}, "languages"),
    ({"title": "x", "address": "Rue Haute"}, "address"),
    ({"title": "x", "address": {"street": ""}}, "address.street"),
    ({"title": "x", "organisation_id": 3}, "organisation_id"),
    ({"title": "x", "is_admin": True}, "is_admin"),
    ({"title": "nul\x00byte"}, "title"),
    ({}, "title"),
])
def test_bad_payloads_name_the_field(ctx, payload, field):
    with pytest.raises(Invalid) as error:
        validated(ProbeForm, payload)
    assert field in fields_of(error)


def test_malformed_json_is_a_400_in_the_error_format(client):
    response = client.post("/api/v1/tokens", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
