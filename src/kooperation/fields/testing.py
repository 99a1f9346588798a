"""A schema with PeriodFields for tests (used through a Dexterity FTI the tests register)."""

from kooperation.deadlines import Period
from kooperation.fields.period import PeriodField
from plone.supermodel import model


SCHEMA = "kooperation.fields.testing.IPeriodTestSchema"


class IPeriodTestSchema(model.Schema):
    initial_term = PeriodField(
        title="Initial term",
        required=False,
    )
    notice_period = PeriodField(
        title="Notice period",
        required=False,
        default=Period(3, "months"),
    )
