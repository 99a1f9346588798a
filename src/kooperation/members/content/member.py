"""A member of the association is a Network with the member profile behavior.

Design decision (issue 9): one concept, one name. The network already is the workspace
of a city or district with its groups (members, editors, coordinators) and their
rights; a separate Member type referencing a network would double the rights model.
The behavior adds the public profile (region, inhabitants, coordination office); a
network with ``association_member`` set counts as a member in the members' area, the
report reminder and the association-wide totals. Reports and projects live in the
network, measures in their project.
"""

from kooperation import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IMemberProfile(model.Schema):
    """The public profile of a member of the association."""

    model.fieldset(
        "member_profile",
        label=_("fieldset_member_profile", default="Member profile"),
        fields=["association_member", "region", "inhabitants", "coordination_office"],
    )
    association_member = schema.Bool(
        title=_("label_association_member", default="Member of the association"),
        description=_(
            "help_association_member",
            default="Shown in the members' area; its coordinators are reminded of "
            "quarterly reports.",
        ),
        required=False,
        default=False,
    )
    region = schema.TextLine(
        title=_("label_member_region", default="Region"),
        description=_("help_member_region", default="E.g. Hessen, Rhein-Main."),
        required=False,
    )
    inhabitants = schema.Int(
        title=_("label_member_inhabitants", default="Inhabitants"),
        required=False,
        min=0,
    )
    coordination_office = schema.Text(
        title=_("label_member_coordination_office", default="Coordination office"),
        description=_(
            "help_member_coordination_office",
            default="The municipal coordination office: name, address, phone.",
        ),
        required=False,
    )


def is_member(network):
    """True when the network is a member of the association."""
    return bool(getattr(network, "association_member", False))
