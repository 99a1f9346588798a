"""The agreement view and print view on the demo agreement of seed 000."""

from plone import api
from zope.component import getMultiAdapter

import pytest


class TestAgreementViews:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        from kooperation.interfaces import IKooperationLayer
        from zope.interface import alsoProvides

        self.agreement = demo_portal["oberhausen"]["kooperationserklaerung-2015"]
        self.request = self.agreement.REQUEST
        alsoProvides(self.request, IKooperationLayer)

    def render(self, name):
        with api.env.adopt_roles(["Manager"]):
            return getMultiAdapter((self.agreement, self.request), name=name)()

    def test_view(self):
        html = self.render("view")
        assert "In Kraft seit 20.05.2015." in html
        assert html.count("unterschrieben") >= 3
        assert "Stadt Oberhausen, Bereich Bildung und Jugend" in html
        assert "6 Monate zum Ende der Laufzeit" in html
        assert "VII. Gültigkeit der Vereinbarung" in html

    def test_print_view_has_no_portal_chrome(self):
        html = self.render("print")
        assert "<h1>Kooperationserklärung vom 20.05.2015</h1>" in html
        assert "Petra Demo" in html
        assert "portal-header" not in html
        assert "@media print" in html

    def test_sign_form_is_refused_to_readers(self):
        from zExceptions import Unauthorized

        with api.env.adopt_roles(["Reader"]), pytest.raises(Unauthorized):
            getMultiAdapter((self.agreement, self.request), name="sign").update()
