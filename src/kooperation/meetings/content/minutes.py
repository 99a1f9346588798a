"""The minutes (Protokoll) of a meeting: text per agenda item, decisions, action items."""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.meetings.interfaces import IMinutes
from kooperation.meetings.widgets import ActionItemsFieldWidget
from kooperation.meetings.widgets import AgendaTextsFieldWidget
from kooperation.meetings.widgets import DecisionsFieldWidget
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json


ITEMS_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "html": {"type": "string"}},
            "required": ["title"],
            "additionalProperties": False,
        },
    }
)
# An action item needs an owner: a partner (UID) or a person, non-empty.
ACTIONS_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "what": {"type": "string", "minLength": 1},
                "partner": {"type": "string"},
                "person": {"type": "string"},
                "due": {"type": ["string", "null"], "format": "date"},
                "done": {"type": "boolean"},
            },
            "required": ["what"],
            "anyOf": [
                {"properties": {"partner": {"minLength": 1}}, "required": ["partner"]},
                {"properties": {"person": {"minLength": 1}}, "required": ["person"]},
            ],
            "additionalProperties": False,
        },
    }
)


class IMinutesSchema(model.Schema):
    directives.widget(agenda_texts=AgendaTextsFieldWidget)
    directives.widget(decisions=DecisionsFieldWidget)
    directives.widget(action_items=ActionItemsFieldWidget)

    text = RichText(title=_("label_minutes_text", default="Minutes"), required=False)
    agenda_texts = JSONField(
        title=_("label_minutes_items", default="Text per agenda item"),
        description=_(
            "help_minutes_items",
            default="What was discussed under each item of the meeting's agenda.",
        ),
        schema=ITEMS_SCHEMA,
        required=False,
        default=[],
    )
    decisions = schema.List(
        title=_("label_minutes_decisions", default="Decisions"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    action_items = JSONField(
        title=_("label_minutes_action_items", default="Action items"),
        description=_(
            "help_minutes_action_items",
            default="What, which partner or person is responsible, due date, done. Every item "
            "needs a responsible partner or person.",
        ),
        schema=ACTIONS_SCHEMA,
        required=False,
        default=[],
    )


@implementer(IKooperationContent, IMinutes, IMinutesSchema)
class Minutes(Item):
    """Minutes: drafted by the minute-taker's partner, circulated, approved, then locked."""
