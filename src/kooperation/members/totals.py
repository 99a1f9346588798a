"""Places totals of a member or of the whole association, from catalog brains.

The Measure brains carry their places rows (metadata ``measure_places``) and
``open_to_refugees``; the pure core sums them (``kooperation.members.reporting.places``).
The search is restricted: a user's totals are those of the measures they may see
(anonymous visitors: published ones).
"""

from kooperation.common.errors import KooperationError
from kooperation.members.data import measure_data
from kooperation.members.messages import message
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.places import totals
from kooperation.members.reporting.series import places_series
from plone import api
from Products.CMFCore.interfaces import ISiteRoot

import logging


logger = logging.getLogger("kooperation.members")


def measure_brains(context):
    """Catalog brains of the measures below ``context`` (a member or the site)."""
    query = {"portal_type": "Measure", "sort_on": "sortable_title"}
    if context is not None and not ISiteRoot.providedBy(context):
        query["path"] = "/".join(context.getPhysicalPath())
    return api.portal.get_tool("portal_catalog")(**query)


def measures_below(context):
    """The ``Measure`` dataclasses below ``context``; broken ones are logged and skipped."""
    measures = []
    for brain in measure_brains(context):
        try:
            measures.append(
                measure_data(
                    brain.Title,
                    brain.measure_places,
                    brain.open_to_refugees,
                    uid=brain.UID,
                )
            )
        except ReportingError:
            logger.warning("measure %s has invalid places; left out of totals", brain.getPath())
    return measures


def raise_reporting(error):
    """A ReportingError as a KooperationError (translated, 400)."""
    raise KooperationError(error.field, message(error.message)) from None


def places_on(context, day):
    """``Totals`` of the measures below ``context`` on ``day``."""
    try:
        return totals(measures_below(context), day)
    except ReportingError as error:
        raise_reporting(error)


def series_of(context, start, end):
    """``Totals`` per quarter end in [start, end]."""
    try:
        return places_series(measures_below(context), start, end)
    except ReportingError as error:
        raise_reporting(error)
