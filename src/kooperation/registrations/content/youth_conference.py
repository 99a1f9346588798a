"""The youth conference: planned with the partners' decision makers, then open to young people."""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.registrations.btrees import widen
from kooperation.registrations.content.registration import Registration
from kooperation.registrations.interfaces import IYouthConference
from kooperation.registrations.settings import IRegistrationSettings
from plone.app.event.dx.interfaces import IDXEvent
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema import JSONField
from zope import schema
from zope.interface import implementer

import json


DECISIONS_SCHEMA = json.dumps(
    {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "decision": {"enum": ["consent", "withheld"]},
                "by": {"type": "string"},
                "date": {"type": "string"},
                "note": {"type": "string"},
            },
            "required": ["decision"],
        },
    }
)


class IYouthConferenceSchema(IRegistrationSettings):
    min_age_without_consent = schema.Int(
        title=_("label_min_age_without_consent", default="Age without guardian consent"),
        description=_("help_min_age_without_consent", default="16 in Germany (Art. 8 GDPR)."),
        min=1,
        default=16,
    )
    # Recorded by each partner's decision maker (POST @conference-decisions, the event's
    # page); not typed into the edit form as JSON (issue 16). Stored and served unchanged.
    directives.omitted("partner_decisions")
    partner_decisions = JSONField(
        title=_("label_partner_decisions", default="Decisions of the partners"),
        description=_(
            "help_partner_decisions",
            default="Partner (UID) -> consent or withheld, by whom and when.",
        ),
        schema=DECISIONS_SCHEMA,
        required=False,
        default={},
    )


@implementer(IKooperationContent, IYouthConference, IYouthConferenceSchema, IDXEvent)
class YouthConference(Container):
    """Holds its registration form (EasyForm) and the registrations."""

    # Registrations are added at once by many people: an ordered folder would rewrite
    # one list of ids on every insert and make every two of them conflict.
    _ordering = "unordered"

    def _initBTrees(self):
        super()._initBTrees()
        widen(self, Registration.meta_type)  # see kooperation.registrations.btrees
