"""The fields of a registration (REST body or the EasyForm's submission), checked.

Bad input is answered per field with a translated message (400), never an exception
that ends as 500.
"""

from datetime import date
from kooperation import _
from kooperation.common.emails import is_email
from kooperation.common.emails import normalise_email
from kooperation.registrations.interfaces import IYouthConference

import re


KNOWN = {
    "fullname",
    "name",
    "email",
    "partner",
    "organisation",
    "school",
    "dietary",
    "consent",
    "birth_date",
    "guardian_consent",
}
MAX_TEXT = 1000
ANSWER_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")


class FieldErrors(ValueError):
    """Per-field messages (``_()`` messages), answered as 400."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(", ".join(sorted(errors)))


def _text(value, limit=200):
    return isinstance(value, str) and len(value) <= limit


def _bool(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes", "ja")
    return None


def parse(event, body, partners=None):
    """The data for ``registrations.submit`` from ``body`` (a dict); FieldErrors otherwise.

    ``partners``: the UIDs a ``partner`` may name (the network's partners)."""
    errors = {}
    youth = IYouthConference.providedBy(event)
    name = body.get("fullname", body.get("name"))
    if not (_text(name) and name.strip()):
        errors["fullname"] = _("error_registration_name", default="Please give your name.")
    email = body.get("email")
    if not (_text(email, 300) and is_email(email)):
        errors["email"] = _(
            "error_registration_email", default="Please give a valid e-mail address."
        )
    if _bool(body.get("consent")) is not True:
        errors["consent"] = _(
            "error_registration_consent",
            default="Please agree to the processing of your data for this event.",
        )
    partner = body.get("partner") or ""
    if not _text(partner, 64) or (partner and partners is not None and partner not in partners):
        errors["partner"] = _(
            "error_registration_partner", default="Please choose a partner of the network."
        )
    organisation = body.get("organisation", body.get("school")) or ""
    if not _text(organisation):
        errors["organisation"] = _(
            "error_registration_organisation",
            default="The organisation must be a text of at most 200 characters.",
        )
    birth_date = None
    if youth:
        raw = body.get("birth_date")
        if isinstance(raw, date):
            birth_date = raw
        else:
            try:
                birth_date = date.fromisoformat(raw) if isinstance(raw, str) else None
            except ValueError:
                birth_date = None
        if birth_date is None or birth_date > event.start.date():
            errors["birth_date"] = _(
                "error_registration_birth_date",
                default="Please give your date of birth (YYYY-MM-DD).",
            )
    guardian = _bool(body.get("guardian_consent", False))
    answers = {}
    dietary = body.get("dietary")
    if dietary not in (None, ""):
        if not _text(dietary, MAX_TEXT):
            errors["dietary"] = _(
                "error_registration_dietary", default="Dietary needs: a text, please."
            )
        answers["dietary"] = dietary
    for key, value in body.items():
        if key in KNOWN:
            continue
        ok = ANSWER_KEY.match(str(key)) and (
            isinstance(value, (bool, int, float)) or _text(value, MAX_TEXT) or value is None
        )
        if not ok:
            errors[str(key)[:64]] = _(
                "error_registration_answer",
                default="This answer must be a short text, a number or yes/no.",
            )
        else:
            answers[key] = value
    if errors:
        raise FieldErrors(errors)
    return {
        "fullname": name.strip(),
        "email": normalise_email(email),
        "partner": partner,
        "organisation": organisation.strip(),
        "birth_date": birth_date,
        "guardian_consent": bool(guardian),
        "answers": answers,
    }
