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
