"""The minutes (Protokoll) of a meeting: text per agenda item, decisions, action items."""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.meetings.interfaces import IMinutes
from plone.app.textfield import RichText
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
    text = RichText(title=_("label_minutes_text", default="Minutes"), required=False)
    agenda_texts = JSONField(
        title=_("label_minutes_items", default="Text per agenda item"),
        description=_("help_minutes_items", default="Agenda item title and its text (HTML)."),
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
            default="What, which partner or person, due date, done. Every item needs an owner.",
        ),
        schema=ACTIONS_SCHEMA,
        required=False,
        default=[],
    )


@implementer(IKooperationContent, IMinutes, IMinutesSchema)
class Minutes(Item):
    """Minutes: drafted by the minute-taker's partner, circulated, approved, then locked."""
