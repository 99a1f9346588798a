"""JSON of amendments, consolidated versions and amendment errors (REST and views)."""

from datetime import date
from kooperation.agreements.signatures import missing_parties
from kooperation.agreements.signatures import signatures_json
from kooperation.agreements.validity import IValidityRules
from kooperation.amendments.consents import consents_json
from kooperation.amendments.texts import RULE_NAMES
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.deadlines import Period
from plone import api
from zope.i18n import translate


class AmendmentUserError(KooperationError):
    """An AmendmentError of the pure module as a 400 with a translated message."""

    def __init__(self, error):
        self.error = error
        self.field = error.field
        self.msgid = error.msgid
        ValueError.__init__(self, str(error))

    def message(self, request):
        """In the reader's language: contradicting rules each in its words, rule names as
        the agreement's field labels (never the engine's English)."""
        error = self.error
        if error.errors:
            return " ".join(render(e.msgid, e.default, e.mapping, request) for e in error.errors)
        mapping = dict(error.mapping)
        if mapping.get("name") in RULE_NAMES:
            mapping["name"] = translate(IValidityRules[mapping["name"]].title, context=request)
        return render(error.msgid, error.default, mapping, request)


def _value(value):
    if isinstance(value, Period):
        return value.to_json()
    if isinstance(value, date):
        return value.isoformat()
    return value


def rules_json(rules):
    return {name: _value(getattr(rules, name)) for name in RULE_NAMES}


def _partners(uids):
    items = []
    for uid in uids:
        partner = api.content.get(UID=uid)
        items.append({"uid": uid, "title": partner.Title() if partner is not None else uid})
    return items


def fields_json(fields):
    return {
        "parties": _partners(fields.parties),
        "intended_parties": _partners(fields.intended_parties),
        "rules": rules_json(fields.rules),
        "legal_bases": list(fields.legal_bases),
        "target_groups": list(fields.target_groups),
    }


def version_json(version, request):
    stand = version.stand
    return {
        "valid_from": version.valid_from.isoformat(),
        "valid_until": version.valid_until.isoformat() if version.valid_until else None,
        "stand": render(stand.msgid, stand.default, stand.mapping, request),
        "amended_by": [a.title for a in version.applied],
        "html": version.html,
        "sections": [
            {"key": section.key, "heading": section.heading} for section in version.sections
        ],
        **fields_json(version.fields),
    }


def amendment_summary(obj):
    """State, consents and missing signatures of an amendment (lists and its JSON)."""

    return {
        "@id": obj.absolute_url(),
        "id": obj.getId(),
        "UID": obj.UID(),
        "title": obj.Title(),
        "review_state": api.content.get_state(obj),
        "effective_on": obj.effective_on.isoformat() if obj.effective_on else None,
        "applied_on": obj.applied_on.isoformat() if obj.applied_on else None,
        "consents": consents_json(obj),
        "signatures": signatures_json(obj)["items"],
        "missing_signatures": _partners(missing_parties(obj)),
    }
