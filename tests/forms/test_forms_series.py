"""A meeting series' rotation exceptions as rows in its edit form (issue 16): stored as
the same JSON as before, a malformed row refused with a German message."""

from forms_walk import prepare
from plone import api
from zope.i18n import translate

import pytest


NAME = "form.widgets.exceptions"


class TestExceptionRows:
    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        prepare(self.portal, self.request)
        self.series = self.portal["oberhausen"]["runder-tisch-arbeitsmarkt"]
        self.partners = [
            b.UID
            for b in api.content.find(context=self.portal["oberhausen"], portal_type="Partner")
        ]

    def _post(self, rows):
        self.request.form.clear()
        view = self.series.restrictedTraverse("@@edit")
        self.request["PUBLISHED"] = view
        form = view.form_instance
        form.update()
        shown = {}
        for manager in [form.widgets] + [g.widgets for g in form.groups]:
            for widget in manager.values():
                if isinstance(widget.value, (str, list)) and not widget.name.startswith(NAME):
                    shown[widget.name] = widget.value
        self.request.form.clear()
        self.request.form.update(shown)
        self.request.form[f"{NAME}.rows"] = "1"
        for number, row in enumerate(rows):
            for column, value in row.items():
                self.request.form[f"{NAME}.{column}.{number}"] = value
        form = self.series.restrictedTraverse("@@edit").form_instance
        form.update()
        return form.extractData()

    def test_the_form_shows_rows_not_json(self):
        self.request.form.clear()
        html = self.series.restrictedTraverse("@@edit")()
        assert f'name="{NAME}.type.0"' in html or f"{NAME}.rows" in html
        assert "Partner aussetzen" in html or "Skip the partner" in html

    def test_rows_are_stored_as_the_former_json(self):
        first, second = self.partners[:2]
        data, errors = self._post(
            [
                {"type": "skip", "date": "19.01.2027", "partner": first},
                {"type": "swap", "date": "2027-03-16", "partner": first, "second": second},
                {"type": "assign", "date": "2027-03-16", "partner": second, "duty": "minutes"},
            ]
        )
        assert errors == ()
        assert data["exceptions"] == [
            {"type": "skip", "date": "2027-01-19", "partner": first},
            {"type": "swap", "date": "2027-03-16", "first": first, "second": second},
            {"type": "assign", "date": "2027-03-16", "duty": "minutes", "partner": second},
        ]

    def test_a_row_without_its_partner_is_refused(self):
        _data, errors = self._post([{"type": "swap", "date": "19.01.2027", "partner": ""}])
        assert [e.widget.name for e in errors if e.widget is not None] == [NAME]
        text = translate(errors[0].message, context=self.request)
        assert "Zeile 1" in text

    def test_a_wrong_date_is_refused_at_the_field(self):
        _data, errors = self._post(
            [{"type": "skip", "date": "31.02.2027", "partner": self.partners[0]}]
        )
        assert [e.widget.name for e in errors if e.widget is not None] == [NAME]


class TestDutiesByName:
    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        prepare(self.portal, self.request)
        self.series = self.portal["oberhausen"]["runder-tisch-arbeitsmarkt"]

    def _widget(self, form):
        for manager in [form.widgets] + [g.widgets for g in form.groups]:
            if "duties" in manager:
                return manager["duties"]

    def test_the_default_duties_are_shown_by_name(self):
        self.request.form.clear()
        form = self.series.restrictedTraverse("@@edit").form_instance
        form.update()
        shown = self._widget(form).value
        assert "topics" not in shown
        assert "Protokoll" in shown

    def test_names_are_stored_as_keys_and_own_duties_as_typed(self):
        self.request.form.clear()
        self.request.form["form.widgets.duties"] = "Themenvorbereitung\nProtokoll\nCatering"
        form = self.series.restrictedTraverse("@@edit").form_instance
        form.update()
        widget = self._widget(form)
        from z3c.form.interfaces import IDataConverter

        value = IDataConverter(widget).toFieldValue(widget.extract())
        assert value == ["topics", "minutes", "Catering"]
