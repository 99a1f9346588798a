"""An amendment (Änderung / Ergänzung) of an agreement, kept inside the agreement.

It holds the proposed changes in the shapes of ``kooperation.amendments.texts``:
section changes as ``SectionChange.to_json()`` dicts, rule changes under the names
and shapes of the agreement's REST rule fields. Nothing changes the agreement until
every party has signed (see ``kooperation.amendments.apply``).
"""

from ComputedAttribute import ComputedAttribute
from kooperation import _
from kooperation.amendments.model import check_signing
from kooperation.amendments.model import required_signers
from kooperation.amendments.texts import AmendmentError
from kooperation.amendments.texts import rules_after
from kooperation.amendments.texts import SectionChange
from kooperation.common.errors import render
from kooperation.deadlines import Rules
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import ISignable
from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid

import json


class IAmendment(Interface):
    """An amendment of an agreement: signed by all parties, then applied."""


CHANGES_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "operation": {
                    "type": "string",
                    "enum": ["replace", "insert_after", "delete", "replace_all"],
                },
                "key": {"type": ["string", "null"]},
                "html": {"type": "string"},
            },
            "required": ["operation"],
            "additionalProperties": False,
        },
    }
)
RULES_SCHEMA = json.dumps({"type": "object"})


class AmendmentInvalid(Invalid):
    """An AmendmentError of the pure module as a field error (message in the request's language)."""

    def __init__(self, error):
        from zope.globalrequest import getRequest

        self.error = error
        super().__init__(render(error.msgid, error.default, error.mapping, getRequest()))


def valid_changes(value):
    try:
        for change in value or ():
            SectionChange.from_json(change)
    except AmendmentError as error:
        raise AmendmentInvalid(error) from error
    return True


def valid_rules(value):
    """Rule names and value shapes; whether they fit the agreement is checked on applying."""
    try:
        rules_after(Rules(), {k: v for k, v in (value or {}).items() if k != "effective_date"})
    except AmendmentError as error:
        if error.errors:  # contradictions with the default rules are not this field's fault
            return True
        raise AmendmentInvalid(error) from error
    return True


class IAmendmentSchema(model.Schema):
    rationale = schema.Text(
        title=_("label_rationale", default="Rationale"),
        description=_("help_rationale", default="Why the parties change the agreement."),
        required=False,
    )
    changes = JSONField(
        title=_("label_changes", default="Changes to the text"),
        description=_(
            "help_changes",
            default='A list of changes: {"operation": "replace", "key": "VII", "html": '
            '"<p>…</p>"}; operations replace, insert_after, delete, replace_all; the key '
            "names the section (§ 3, VII, III.1).",
        ),
        schema=CHANGES_SCHEMA,
        default=[],
        required=False,
        constraint=valid_changes,
    )
    parties_joining = schema.List(
        title=_("label_parties_joining", default="Parties joining"),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        required=False,
        default=[],
    )
    parties_leaving = schema.List(
        title=_("label_parties_leaving", default="Parties leaving"),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        required=False,
        default=[],
    )
    rules = JSONField(
        title=_("label_rule_changes", default="Changes to the validity rules"),
        description=_(
            "help_rule_changes",
            default='The new values by the names of the agreement\'s rules, e.g. {"notice_period": '
            '{"value": 3, "unit": "months"}}.',
        ),
        schema=RULES_SCHEMA,
        default={},
        required=False,
        constraint=valid_rules,
    )
    legal_bases_added = schema.List(
        title=_("label_legal_bases_added", default="Legal bases added"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    legal_bases_removed = schema.List(
        title=_("label_legal_bases_removed", default="Legal bases removed"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    target_groups_added = schema.List(
        title=_("label_target_groups_added", default="Target groups added"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    target_groups_removed = schema.List(
        title=_("label_target_groups_removed", default="Target groups removed"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    effective_rule = schema.Choice(
        title=_("label_amendment_effective_rule", default="Takes effect"),
        vocabulary="kooperation.EffectiveRules",
        default="on_signature",
        required=True,
    )
    fixed_date = schema.Date(
        title=_("label_amendment_effective_date", default="Fixed date of effect"),
        description=_(
            "help_amendment_effective_date",
            default="Only for a fixed date; it must not lie before the last signature.",
        ),
        required=False,
    )


@implementer(IKooperationContent, IAmendment, ISignable, IAmendmentSchema)
class Amendment(Item):
    """An amendment; ``parties`` are the parties that must sign it."""

    # Set when it goes to signature (who must sign), when it takes effect, when applied.
    signing_party_uids = None
    effective_on = None
    applied_on = None

    def _parties(self):
        if self.signing_party_uids is not None:
            return list(self.signing_party_uids)
        return list(required_signers(self))

    # level 1: computed on the acquisition-wrapped object, which knows its agreement
    parties = ComputedAttribute(_parties, 1)

    def check_signing(self, obj, day):
        """Called by ``check_signature`` (with the wrapped object) before a signature."""

        check_signing(obj, day)
