"""The one formatter: dates as 20.05.2015, numbers as 210.000, system words readable."""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from kooperation.common.formatting import version_reason
from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from kooperation.common.german import german_number
from zope.i18n import translate

import pytest


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2015, 5, 20), "20.05.2015"),
        (date(2010, 1, 1), "01.01.2010"),
        (datetime(2026, 12, 15, 14, 30), "15.12.2026"),
        ("2026-12-15", "15.12.2026"),
        ("2018-06-30T00:00:00", "30.06.2018"),
        (DateTime("2015/05/20 12:00 Europe/Berlin"), "20.05.2015"),
        (None, ""),
        ("", ""),
        ("sofort", "sofort"),
    ],
)
def test_german_date(value, shown):
    assert german_date(value) == shown


def test_german_datetime():
    assert german_datetime(datetime(2027, 1, 19, 14, 0)) == "19.01.2027 14:00"
    assert german_datetime(date(2027, 1, 19)) == "19.01.2027"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(354000, "354.000"), (210000, "210.000"), (219, "219"), (1234.5, "1.234,5"), (None, "")],
)
def test_german_number(value, shown):
    assert german_number(value) == shown


def test_version_reason(portal):
    assert translate(version_reason("approved"), target_language="de") == "Genehmigt"
    assert version_reason("Tippfehler in TOP 3") == "Tippfehler in TOP 3"


def test_text_that_only_looks_like_an_iso_date_stays_as_it_is():
    assert german_date("2026-13-45") == "2026-13-45"
    assert german_datetime("2026-02-30T10:00") == "2026-02-30T10:00"


def test_iso_moments_inside_an_audit_detail_read_german():
    from kooperation.audit.browser import german_moments

    text = "vom 2026-12-06, bis 2026-12-06T10:05:00+01:00; Nr. 2026-13-45"
    assert german_moments(text) == "vom 06.12.2026, bis 06.12.2026 10:05; Nr. 2026-13-45"


def test_date_fields_display_german_in_the_layer_order_of_a_real_site():
    """A Person page showed "Berechtigt ab 01.01.10". plone.browserlayer marks a real
    site's request with Plone's form layer first (the order below was read off the demo
    site), and in the one global registry of a running Zope, Plone's date widget for its
    form layer then came before the add-on's German one. The test layers stack the
    add-on's registrations over Plone's, and a stacked registry answers first, which hid
    it; so the two registrations are looked up here in one registry, as in production."""
    from kooperation.interfaces import IKooperationLayer
    from kooperation.theme.widgets import DateFieldWidget
    from kooperation.theme.widgets import DatetimeFieldWidget
    from kooperation.theme.widgets import GermanDatetimeWidget
    from kooperation.theme.widgets import GermanDateWidget
    from plone.app.contenttypes.interfaces import IPloneAppContenttypesLayer
    from plone.app.discussion.interfaces import IDiscussionLayer
    from plone.app.event.interfaces import IBrowserLayer
    from plone.app.theming.interfaces import IThemingLayer
    from plone.app.z3cform.interfaces import IPloneFormLayer
    from plone.app.z3cform.widgets import datetime as plone_widgets
    from plone.restapi.interfaces import IPloneRestapiLayer
    from z3c.form.interfaces import IFieldWidget
    from zope import schema
    from zope.interface import directlyProvides
    from zope.interface.registry import Components
    from zope.publisher.browser import TestRequest
    from zope.publisher.interfaces.browser import IDefaultBrowserLayer

    registry = Components()
    for factory, field, layer in (
        (plone_widgets.DateFieldWidget, schema.interfaces.IDate, IPloneFormLayer),
        (plone_widgets.DatetimeFieldWidget, schema.interfaces.IDatetime, IPloneFormLayer),
        (DateFieldWidget, schema.interfaces.IDate, IKooperationLayer),
        (DatetimeFieldWidget, schema.interfaces.IDatetime, IKooperationLayer),
    ):
        registry.registerAdapter(factory, (field, layer), IFieldWidget)
    request = TestRequest()
    directlyProvides(
        request,
        IPloneFormLayer,
        IThemingLayer,
        IPloneAppContenttypesLayer,
        IBrowserLayer,
        IPloneRestapiLayer,
        IDiscussionLayer,
        IKooperationLayer,
        IDefaultBrowserLayer,
    )
    date_widget = registry.getMultiAdapter((schema.Date(__name__="d"), request), IFieldWidget)
    moment = registry.getMultiAdapter((schema.Datetime(__name__="m"), request), IFieldWidget)
    assert isinstance(date_widget, GermanDateWidget)
    assert isinstance(moment, GermanDatetimeWidget)
