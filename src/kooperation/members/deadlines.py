"""Project dates beside the agreements' deadlines: dashboard rows and iCal events.

A project's end, pilot end, funding phase ends and the starts of phases whose
application is still open are indexed (``project_dates``, metadata
``project_deadline_data``, see ``indexers``). This module reads them from brains for
a window, so that the deadline dashboard (``@@deadlines``, ``@@deadlines.ics``) and the
members' dashboard list them without waking a project.
"""

from datetime import date
from datetime import timedelta
from kooperation.common.german import german_date
from kooperation.interfaces import IPartner
from kooperation.members.reporting.projects import KINDS
from plone import api
from Products.CMFCore.interfaces import ISiteRoot

import icalendar


def _german(request):
    language = request.get("LANGUAGE") if request is not None else None
    return str(language or api.portal.get_default_language() or "de").startswith("de")


def project_deadlines(context, start, end, request=None, kinds=KINDS, legal_sphere=None):
    """Rows of the project dates in [start, end] below ``context``, by date.

    Each row: ``date``, ``date_text``, ``kind``, ``project``, ``member``, ``url``,
    ``uid``, ``text`` (in the request's language, German or English). Restricted search:
    only projects the user may see. Nothing below a partner (projects are a member's).
    """
    if IPartner.providedBy(context):
        return []
    query = {
        "portal_type": "Project",
        "project_dates": {"query": (start.isoformat(), end.isoformat()), "range": "min:max"},
    }
    if context is not None and not ISiteRoot.providedBy(context):
        query["path"] = "/".join(context.getPhysicalPath())
    if legal_sphere:
        query["legal_spheres"] = legal_sphere
    german = _german(request)
    rows = []
    for brain in api.content.find(**query):
        for entry in brain.project_deadline_data or ():
            day = date.fromisoformat(entry["date"])
            if entry["kind"] in kinds and start <= day <= end:
                rows.append(
                    {
                        "date": day,
                        "date_text": german_date(day),
                        "kind": entry["kind"],
                        "project": brain.Title,
                        "member": brain.member_title,
                        "url": brain.getURL(),
                        "uid": brain.UID,
                        "text": entry["text_de"] if german else entry["text"],
                    }
                )
    rows.sort(key=lambda row: (row["date"], KINDS.index(row["kind"]), row["project"]))
    return rows


def ical_events(rows, stamp):
    """One all-day iCal event per project date (as the agreements' deadlines)."""
    events = []
    for row in rows:
        event = icalendar.Event()
        event.add("uid", f"{row['uid']}-{row['kind']}-{row['date'].isoformat()}@kooperation")
        event.add("dtstamp", stamp)
        event.add("dtstart", row["date"])
        event.add("dtend", row["date"] + timedelta(days=1))
        event.add("summary", row["text"])
        event.add("description", f"{row['url']}\n{row['member']}" if row["member"] else row["url"])
        event.add("url", row["url"])
        event.add("transp", "TRANSPARENT")
        events.append(event)
    return events
