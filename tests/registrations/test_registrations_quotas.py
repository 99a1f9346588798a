"""Seats per partner: rows of "partner of the network: seats" in the edit form and REST,
and events that still hold the former JSON data."""

from kooperation.registrations import ledger
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from registrations_helpers import make_event
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.interface import Invalid
from zope.schema import getFields

import json
import pytest
import re


class TestQuotaField:
    @pytest.fixture(autouse=True)
    def _setup(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.event = make_event(net)
        self.request = http_request
        self.a = net["a"].UID()
        self.b = net["b"].UID()
        self.field = getFields(self._schema())["quotas"]

    def _schema(self):
        from kooperation.registrations.settings import IRegistrationSettings

        return IRegistrationSettings

    def test_partners_are_chosen_from_the_network_by_title(self):
        bound = self.field.bind(self.event)
        vocabulary = bound.key_type.bind(self.event).vocabulary
        assert {(t.value, t.title) for t in vocabulary} == {
            (self.a, "Jobcenter"),
            (self.b, "Jugendamt"),
        }

    @pytest.mark.parametrize(
        ("value", "ok"),
        [
            ({"A": 2, "B": 0}, True),
            ({}, True),
            ({"not-a-partner": 1}, False),
            ({"A": -1}, False),
        ],
    )
    def test_validation(self, value, ok):
        names = {"A": self.a, "B": self.b}
        value = {names.get(k, k): v for k, v in value.items()}
        bound = self.field.bind(self.event)
        if ok:
            bound.validate(value)
        else:
            with pytest.raises(Invalid):
                bound.validate(value)

    def test_rest_patch_and_get(self):
        deserializer = getMultiAdapter((self.event, self.request), IDeserializeFromJson)
        deserializer(data={"quotas": {self.a: 1}})
        assert self.event.quotas == {self.a: 1}
        assert ledger.settings(self.event).quotas == {self.a: 1}
        got = getMultiAdapter((self.event, self.request), ISerializeToJson)()
        assert got["quotas"] == {self.a: 1}

    @pytest.mark.parametrize("bad", [{"not-a-partner": 1}, {"A": -2}, {"A": "x"}])
    def test_rest_bad_input_is_a_bad_request(self, bad):
        bad = {self.a if k == "A" else k: v for k, v in bad.items()}
        deserializer = getMultiAdapter((self.event, self.request), IDeserializeFromJson)
        with pytest.raises(BadRequest):
            deserializer(data={"quotas": bad})
        assert ledger.settings(self.event).quotas == {}

    def test_edit_form_renders_rows_with_the_partners(self):
        self.event.quotas = {self.a: 2}
        view = self.event.restrictedTraverse("@@edit")
        self.request["PUBLISHED"] = view
        html = view()
        select = html[html.index('name="form.widgets.quotas.key.0:list"') :]
        select = select[: select.index("</select>")]
        chosen = re.findall(r"<option[^>]*>", select)
        assert [o for o in chosen if "selected" in o and f'value="{self.a}"' in o]
        assert "Jugendamt" in select
        assert 'name="form.widgets.quotas.0" type="text" value="2"' in html

    @pytest.mark.parametrize(
        ("stored", "expected"),
        [
            # What the former JSON field stored: a dict of UID -> int ...
            ({"UID-A": 1}, {"UID-A": 1}),
            # ... or, written by hand, its text, or numbers as text; junk is skipped.
            (json.dumps({"UID-A": 2}), {"UID-A": 2}),
            ({"UID-A": "3", "UID-B": "x", "UID-C": -1}, {"UID-A": 3}),
            ("not json", {}),
            (None, {}),
        ],
    )
    def test_former_data_still_works(self, stored, expected):
        self.event.quotas = stored
        assert ledger.settings(self.event).quotas == expected
