"""The one formatter for what people read: German dates, numbers and system words.

Dates are shown the German way (20.05.2015), numbers with a thousands point (210.000).
Templates reach it as the view ``@@kooperation-format`` (theme/configure.zcml):
``python:fmt.date(value)``. Everything accepts what the content holds: date, datetime,
Zope DateTime, an ISO string ("2026-12-15", as rows store them) or nothing.
"""

from kooperation import _
from zope.i18n import translate
from zope.i18nmessageid import Message


# Version comments the system writes (CMFEditions' "comment") and their readable text.
VERSION_REASONS = {
    "approved": _("version_reason_approved", default="Approved"),
    "Initial revision": _("version_reason_initial", default="First version"),
}


def version_reason(comment):
    """A version's reason as a person reads it (system words translated, others as typed)."""
    return VERSION_REASONS.get(comment, comment or "")


# "1 month" / "6 months": one message per unit and number (German: "1 Monat" / "6 Monate").
PERIOD_TEXT_ONE = {
    "days": _("unit_day_one", default="${n} day"),
    "weeks": _("unit_week_one", default="${n} week"),
    "months": _("unit_month_one", default="${n} month"),
    "years": _("unit_year_one", default="${n} year"),
}
PERIOD_TEXT_MANY = {
    "days": _("unit_day_many", default="${n} days"),
    "weeks": _("unit_week_many", default="${n} weeks"),
    "months": _("unit_month_many", default="${n} months"),
    "years": _("unit_year_many", default="${n} years"),
}


def period_message(period):
    """The translatable text of a period ("6 months"), or None for None."""
    if period is None:
        return None
    texts = PERIOD_TEXT_ONE if period.value == 1 else PERIOD_TEXT_MANY
    return Message(texts[period.unit], mapping={"n": period.value})


def format_period(period, request):
    """``period`` as text in the request's language ("6 Monate", "1 Jahr"); "" for None."""
    if period is None:
        return ""
    return translate(period_message(period), context=request)
