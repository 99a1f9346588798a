"""A project, programme or budget of a member (RoOF, JUGEND STÄRKEN im Quartier).

Its end, pilot end and funding phases are dates to watch: they are indexed
(``project_dates``) and listed beside the agreements' deadlines. Measures live in it.
"""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.members.data import funding_phases
from kooperation.members.data import project_of
from kooperation.members.interfaces import IProject
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.projects import AgeRange
from kooperation.members.validation import checked
from kooperation.members.validation import invariant_error
from kooperation.members.widgets import PhasesFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant

import json


PHASES_SCHEMA = json.dumps({"type": "array", "items": {"type": "object"}})
SCHEMA_FIELDS = (
    "funding_programme",
    "funder",
    "legal_spheres",
    "target_group",
    "age_range",
    "sites",
    "project_partners",
    "project_start",
    "project_end",
    "pilot_end",
    "funding_phases",
    "people_reached",
)


def _age_range(value):
    if value:
        AgeRange.parse(value)


class IProjectSchema(model.Schema):
    funding_programme = schema.TextLine(
        title=_("label_project_programme", default="Funding programme"), required=False
    )
    funder = schema.TextLine(title=_("label_project_funder", default="Funder"), required=False)
    legal_spheres = schema.List(
        title=_("label_legal_spheres", default="Legal spheres"),
        value_type=schema.Choice(vocabulary="kooperation.LegalSpheres"),
        required=False,
        default=[],
    )
    target_group = schema.TextLine(
        title=_("label_project_target_group", default="Target group"), required=False
    )
    age_range = schema.TextLine(
        title=_("label_project_age_range", default="Age range"),
        description=_("help_project_age_range", default="E.g. 14-27."),
        required=False,
        constraint=checked(_age_range),
    )
    sites = schema.List(
        title=_("label_project_sites", default="Sites"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    project_partners = schema.List(
        title=_("label_project_partners", default="Partners"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    project_start = schema.Date(title=_("label_project_start", default="Start"), required=False)
    project_end = schema.Date(title=_("label_project_end", default="End"), required=False)
    pilot_end = schema.Date(
        title=_("label_project_pilot_end", default="End of the pilot phase"), required=False
    )
    directives.widget(funding_phases=PhasesFieldWidget)
    funding_phases = JSONField(
        title=_("label_project_phases", default="Funding phases"),
        description=_(
            "help_project_phases_rows",
            default="One row per funding phase: name, start, end and application status. "
            '(REST: [{"title": "2. Förderphase", "start": "2019-01-01", '
            '"end": "2022-06-30", "status": "under_review"}])',
        ),
        schema=PHASES_SCHEMA,
        required=False,
        default=[],
        constraint=checked(funding_phases),
    )
    people_reached = schema.Int(
        title=_("label_project_people_reached", default="People reached"),
        required=False,
        min=0,
    )

    @invariant
    def consistent_dates(data):
        values = {name: getattr(data, name, None) for name in SCHEMA_FIELDS}
        values["title"] = "-"
        try:
            project_of(None, **values)
        except ReportingError as error:
            raise invariant_error(error) from None


@implementer(IKooperationContent, IProject, IProjectSchema)
class Project(Container):
    """A project with funding phases; see ``kooperation.members.reporting.projects``."""
