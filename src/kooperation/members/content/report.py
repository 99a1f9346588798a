"""A member's quarterly report (Quartalsbericht), e.g. Kreis Offenbach, Q4 2018.

The member is the network the report lives in. The text is rich text with a
heading per section; ``projects`` and ``measures`` link what it reports on (UIDs of
the member's Project and Measure objects), so that the figures are read from the
data, not retyped. Workflow: draft -> submitted -> published (to all members of the
association) or public.
"""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.members.interfaces import IReport
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IReportSchema(model.Schema):
    year = schema.Int(title=_("label_report_year", default="Year"), min=2000, max=2100)
    quarter = schema.Choice(title=_("label_report_quarter", default="Quarter"), values=(1, 2, 3, 4))
    author = schema.TextLine(title=_("label_report_author", default="Author"), required=False)
    report_date = schema.Date(title=_("label_report_date", default="Date"), required=False)
    text = RichText(
        title=_("label_report_text", default="Report"),
        description=_("help_report_text", default="One heading per section."),
        required=False,
    )
    projects = schema.List(
        title=_("label_report_projects", default="Projects reported on"),
        value_type=schema.Choice(vocabulary="kooperation.MemberProjects"),
        required=False,
        default=[],
    )
    measures = schema.List(
        title=_("label_report_measures", default="Measures reported on"),
        value_type=schema.Choice(vocabulary="kooperation.MemberMeasures"),
        required=False,
        default=[],
    )


@implementer(IKooperationContent, IReport, IReportSchema)
class Report(Item):
    """A quarterly report of a member."""

    @property
    def period(self):
        """``2018-Q4``: sorts in time order (catalog index ``report_period``)."""
        if not getattr(self, "year", None) or not getattr(self, "quarter", None):
            return None
        return f"{self.year}-Q{self.quarter}"
