"""A measure (Maßnahme) under a project or budget: places per legal sphere over time.

Each row of ``places`` is what the measure reported on a day: planned and occupied
places per legal sphere and the waiting list. Free places are planned minus occupied,
and totals per member and per legal sphere are computed (``@places``), never typed.
"""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.members.data import places_reports
from kooperation.members.interfaces import IMeasure
from kooperation.members.validation import checked
from kooperation.members.widgets import PlacesFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json


PLACES_SCHEMA = json.dumps({"type": "array", "items": {"type": "object"}})


class IMeasureSchema(model.Schema):
    open_to_refugees = schema.Bool(
        title=_("label_measure_open_to_refugees", default="Open to refugees"),
        required=False,
        default=False,
    )
    directives.widget(places=PlacesFieldWidget)
    places = JSONField(
        title=_("label_measure_places", default="Places per legal sphere"),
        description=_(
            "help_measure_places_rows",
            default="One row per reporting date and legal sphere: planned and occupied "
            "places, and the waiting list on that date. Free places are computed. (REST: "
            '[{"date": "2018-11-15", "waiting_list": 0, '
            '"places": {"SGB VIII": {"planned": 16, "occupied": 14}}}])',
        ),
        schema=PLACES_SCHEMA,
        required=False,
        default=[],
        constraint=checked(places_reports),
    )


@implementer(IKooperationContent, IMeasure, IMeasureSchema)
class Measure(Item):
    """A measure with places per legal sphere; see ``kooperation.members.reporting.places``."""
