"""<agreement>/@import-agreement: the import's proposal (GET) and confirming its rules (POST).

GET answers ``{"extraction", "filename", "unmatched_parties", "confirmed"}`` (404 for an
agreement that was not imported). POST takes the rule fields in their REST shapes (those
not given keep the extracted values), checks them with the deadline engine and applies
them: only then do they count for deadlines. 400 with the engine's message otherwise.
"""

from kooperation import _
from kooperation.agreements.validity import RULE_FIELDS
from kooperation.common.csrf import check_write
from kooperation.common.errors import render
from kooperation.common.rest import forbidden_reply
from kooperation.pdfimport.portal import check_rules
from kooperation.pdfimport.portal import confirm_rules
from kooperation.pdfimport.portal import parse_rules
from kooperation.pdfimport.portal import proposal
from kooperation.pdfimport.portal import proposed_rules
from kooperation.pdfimport.portal import RuleInputError
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate
from zope.i18nmessageid import Message

import json


NOT_IMPORTED = _(
    "error_pdfimport_not_imported", default="This agreement was not imported from a PDF."
)
BAD_RULES = _(
    "error_pdfimport_rules_body",
    default="Send the rule fields as a JSON object (effective_rule, notice_period, ...).",
)
BAD_RULE = _("error_pdfimport_rule_value", default="'${field}' has a value of the wrong shape.")


def _answer(stored):
    return {
        "extraction": dict(stored["extraction"]),
        "filename": stored["filename"],
        "unmatched_parties": list(stored.get("unmatched_parties") or ()),
        "confirmed": bool(stored["confirmed"]),
    }


class _Base(Service):
    def error(self, status, kind, message):
        self.request.response.setStatus(status)
        return {"error": {"type": kind, "message": translate(message, context=self.request)}}


class ImportReviewGet(_Base):
    def reply(self):
        stored = proposal(self.context)
        if stored is None:
            return self.error(404, "NotFound", NOT_IMPORTED)
        return _answer(stored)


class ImportReviewPost(_Base):
    def reply(self):
        check_write(self.request)
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return forbidden_reply(
                self, "error_may_not_modify", "You may not change this agreement."
            )
        stored = proposal(self.context)
        if stored is None:
            return self.error(404, "NotFound", NOT_IMPORTED)
        try:
            body = json.loads(self.request.get("BODY") or b"{}")
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict) or set(body) - set(RULE_FIELDS):
            return self.error(400, "BadRequest", BAD_RULES)
        values = {**proposed_rules(stored["extraction"]), **body}
        try:
            parsed = parse_rules(values)
        except RuleInputError as error:
            message = Message(BAD_RULE, mapping={"field": error.field})
            return self.error(400, "BadRequest", message)
        problems = check_rules(parsed)
        if problems:
            self.request.response.setStatus(400)
            text = " ".join(render(p.msgid, p.default, p.mapping, self.request) for p in problems)
            return {"error": {"type": "BadRequest", "message": text}}
        confirm_rules(self.context, parsed)
        return _answer(stored)


# Message of forbidden_reply, spelled out for the catalog.
FORBIDDEN = _("error_may_not_modify", default="You may not change this agreement.")
