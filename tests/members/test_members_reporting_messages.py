"""Catalog messages of the reporting module and the date parser of ``@places?date=``."""

from datetime import date
from datetime import datetime
from kooperation.members.reporting import MESSAGES
from kooperation.members.reporting import MESSAGES_DE
from kooperation.members.reporting import parse_day
from kooperation.members.reporting import ReportingError

import pytest
import re


def test_every_message_has_german_text_with_the_same_placeholders():
    assert set(MESSAGES) == set(MESSAGES_DE)
    for msgid, default in MESSAGES.items():
        placeholders = set(re.findall(r"\$\{(\w+)\}", default))
        assert placeholders == set(re.findall(r"\$\{(\w+)\}", MESSAGES_DE[msgid])), msgid


@pytest.mark.parametrize("text", ["2018-11-15", "15.11.2018", " 15.11.2018 ", date(2018, 11, 15)])
def test_parse_day(text):
    assert parse_day(text) == date(2018, 11, 15)


@pytest.mark.parametrize(
    "text", ["", None, "15.11.18", "2018-02-30", "morgen", "31.02.2019", datetime(2018, 1, 1)]
)
def test_parse_day_refuses(text):
    with pytest.raises(ReportingError) as info:
        parse_day(text)
    assert info.value.msgid == "reporting_error_not_a_date"
    assert info.value.field == "date"
