"""Validity rules of an agreement: entry into force, terms, renewal, notice.

The field names are those of the REST API and of the PDF import's extraction
JSON. They are stored under ``validity_<name>`` attributes: Dublin Core already
keeps the publication date in ``effective_date``.
"""

from kooperation import _
from kooperation.common.errors import render
from kooperation.deadlines import Rules
from kooperation.deadlines import validate_rules
from kooperation.fields.period import PeriodField
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider


RULE_FIELDS = (
    "effective_rule",
    "effective_date",
    "initial_term",
    "end_date",
    "renewal_term",
    "notice_period",
    "notice_anchor",
    "written_form_amendments",
    "written_form_termination",
)


class RulesInvalid(Invalid):
    """The rules contradict each other; carries the engine's RuleErrors.

    The message is rendered in the language of the current request (forms and
    REST show it as it is).
    """

    def __init__(self, errors):
        from zope.globalrequest import getRequest

        self.errors = errors
        request = getRequest()
        super().__init__(" ".join(render(e.msgid, e.default, e.mapping, request) for e in errors))


def rules_from(data):
    """Rules from any object with the rule fields as attributes."""
    values = {name: getattr(data, name, None) for name in RULE_FIELDS}
    values["effective_rule"] = values["effective_rule"] or "on_signature"
    values["notice_anchor"] = values["notice_anchor"] or "end_of_term"
    for name in ("written_form_amendments", "written_form_termination"):
        values[name] = bool(values[name]) if values[name] is not None else True
    return Rules(**values)


@provider(IFormFieldProvider)
class IValidityRules(model.Schema):
    """When an agreement enters into force, how long it runs, how it is renewed and ended."""

    model.fieldset(
        "validity",
        label=_("fieldset_validity", default="Validity"),
        fields=list(RULE_FIELDS),
    )

    effective_rule = schema.Choice(
        title=_("label_effective_rule", default="Entry into force"),
        vocabulary="kooperation.EffectiveRules",
        default="on_signature",
        required=True,
    )
    effective_date = schema.Date(
        title=_("label_effective_date", default="Fixed date of entry into force"),
        description=_(
            "help_effective_date",
            default="Only for entry into force on a fixed date; it takes effect once all signed.",
        ),
        required=False,
    )
    initial_term = PeriodField(
        title=_("label_initial_term", default="Initial term"),
        description=_(
            "help_initial_term",
            default="Leave empty together with the end date for an unlimited agreement.",
        ),
        required=False,
    )
    end_date = schema.Date(
        title=_("label_end_date", default="End date"),
        description=_("help_end_date", default="A fixed last day instead of an initial term."),
        required=False,
    )
    renewal_term = PeriodField(
        title=_("label_renewal_term", default="Tacit renewal by"),
        description=_(
            "help_renewal_term",
            default="Each renewal term when no party gives notice; empty: no renewal.",
        ),
        required=False,
    )
    notice_period = PeriodField(
        title=_("label_notice_period", default="Notice period"),
        required=False,
    )
    notice_anchor = schema.Choice(
        title=_("label_notice_anchor", default="Notice to"),
        vocabulary="kooperation.NoticeAnchors",
        default="end_of_term",
        required=True,
    )
    written_form_amendments = schema.Bool(
        title=_(
            "label_written_form_amendments",
            default="Amendments need the written form (§ 56 SGB X, § 126 BGB)",
        ),
        default=True,
        required=False,
    )
    written_form_termination = schema.Bool(
        title=_(
            "label_written_form_termination",
            default="Termination needs the written form (§ 59 (2) SGB X)",
        ),
        default=True,
        required=False,
    )

    @invariant
    def rules_are_consistent(data):
        errors = validate_rules(rules_from(data))
        if errors:
            raise RulesInvalid(errors)


@implementer(IValidityRules)
class ValidityRules:
    """Stores the rule fields as ``validity_<name>`` attributes of the agreement."""

    def __init__(self, context):
        self.__dict__["context"] = context

    def __getattr__(self, name):
        if name in RULE_FIELDS:
            default = IValidityRules[name].default
            return getattr(self.context, f"validity_{name}", default)
        raise AttributeError(name)

    def __setattr__(self, name, value):
        if name in RULE_FIELDS:
            setattr(self.context, f"validity_{name}", value)
        else:
            super().__setattr__(name, value)

    @property
    def rules(self):
        return rules_from(self)
