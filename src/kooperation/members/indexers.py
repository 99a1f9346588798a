"""Catalog data of reports, projects and measures: listings read brains only."""

from datetime import date
from kooperation.common.network import network_of
from kooperation.members.data import project_of
from kooperation.members.interfaces import IMeasure
from kooperation.members.interfaces import IProject
from kooperation.members.interfaces import IReport
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.projects import project_deadlines
from plone import api
from plone.indexer import indexer

import logging


logger = logging.getLogger("kooperation.members")

# project_deadlines() needs a window; every date of a project lies in it.
EVER = (date(1900, 1, 1), date(2199, 12, 31))


@indexer(IReport)
def report_period(obj):
    return obj.period


def _member_title(obj):
    network = network_of(obj)
    return network.Title() if network is not None else ""


@indexer(IReport)
def report_member_title(obj):
    return _member_title(obj)


@indexer(IProject)
def project_member_title(obj):
    return _member_title(obj)


@indexer(IMeasure)
def measure_member_title(obj):
    return _member_title(obj)


def _project_deadlines(obj):
    try:
        return project_deadlines(project_of(obj), *EVER)
    except ReportingError:
        logger.warning("project %s has invalid dates", "/".join(obj.getPhysicalPath()))
        return []


@indexer(IProject)
def project_dates(obj):
    """ISO dates of the project's end, pilot end, phase ends and pending phase starts."""
    return sorted({entry.day.isoformat() for entry in _project_deadlines(obj)})


@indexer(IProject)
def project_deadline_data(obj):
    """The dated entries (``ProjectDeadline.as_dict()``) for listings and iCal."""
    return [entry.as_dict() for entry in _project_deadlines(obj)]


@indexer(IMeasure)
def measure_places(obj):
    """The places rows as stored (validated on input); totals are computed from them."""
    return list(getattr(obj, "places", None) or [])


@indexer(IReport)
def report_searchable_text(obj):
    """Title, description, author, topics and the report's text: members search reports."""
    parts = [obj.Title(), obj.Description(), getattr(obj, "author", None) or ""]
    parts.extend(obj.Subject())
    text = getattr(obj, "text", None)
    if text is not None and getattr(text, "raw", None):
        transforms = api.portal.get_tool("portal_transforms")
        data = transforms.convertTo("text/plain", text.raw, mimetype=text.mimeType)
        parts.append(data.getData() if data is not None else "")
    return " ".join(part for part in parts if part)
