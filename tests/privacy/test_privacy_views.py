"""@@my-data ("Meine Daten"): the logged-in user's own data and its download."""

from kooperation import audit
from kooperation.interfaces import IKooperationLayer
from plone.app.testing import login
from plone.app.testing import logout
from zope.interface import alsoProvides

import json
import pytest


class TestMyData:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreement):
        self.portal = portal
        self.request = portal.REQUEST
        alsoProvides(self.request, IKooperationLayer)
        login(portal, "petra")

    def view(self, **form):
        self.request.form.clear()
        self.request.form.update(form)
        return self.portal.restrictedTraverse("@@my-data")

    def test_page(self):
        html = self.view()()
        assert "Meine Daten" in html
        assert "petra@example.org" in html
        assert "Leserinnen" in html
        assert "@@my-data?download=1" in html

    def test_download_is_own_json_and_logged(self):
        body = self.view(download="1")()
        assert "attachment" in self.request.response.getHeader("Content-Disposition")
        data = json.loads(body)
        assert data["user"]["id"] == "petra"
        assert {p["path"] for p in data["persons"]} == {
            "/plone/net/a/petra",
            "/plone/net/b/contact",
        }
        entry = audit.query(size=1)[1][0]
        assert (entry.action, entry.user_id, entry.subject) == (
            "export_personal_data",
            "petra",
            "petra",
        )
        assert entry.details["via"] == "classic"

    def test_anonymous_may_not(self):
        from AccessControl import Unauthorized

        logout()
        with pytest.raises(Unauthorized):
            self.portal.restrictedTraverse("@@my-data")
