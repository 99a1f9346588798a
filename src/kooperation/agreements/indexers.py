"""Catalog indexers: listings and dashboards read these, never the objects.

Deadlines depend on the day; they are indexed as of the day of indexing (ISO
strings, so they sort and compare as dates) and the daily job reindexes
agreements whose indexed deadlines have passed.
"""

from datetime import date
from kooperation.agreements.deadlines import deadlines_for
from kooperation.interfaces import IAgreement
from plone import api
from plone.indexer import indexer


def _iso(value):
    return value.isoformat() if value else None


def _deadlines(obj):
    return deadlines_for(obj, date.today())


@indexer(IAgreement)
def agreement_parties(obj):
    return tuple(obj.parties or ())


@indexer(IAgreement)
def agreement_legal_spheres(obj):
    spheres = set()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=list(obj.parties or ())):
        spheres.update(brain.legal_spheres or ())
    return tuple(sorted(spheres))


@indexer(IAgreement)
def notice_deadline(obj):
    """The next day by which a notice must be received (today or later)."""
    return _iso(_deadlines(obj).earliest_end_notice_deadline)


@indexer(IAgreement)
def term_end(obj):
    """End of the current term, or the final end, or the end a notice today reaches."""
    result = _deadlines(obj)
    return _iso(result.current_term_end or result.final_end or result.earliest_end)


# States in which a notice deadline no longer calls for action.
NOTICE_IS_MOOT = ("terminated", "ended", "cancelled")


@indexer(IAgreement)
def next_deadline(obj):
    """The next day that calls for action: the notice deadline or the end of the term.

    Listings sort and batch on this one index in the catalog, so that a page of
    25 costs the same at 1,000 and at 10,000 agreements.
    """
    result = _deadlines(obj)
    term = result.current_term_end or result.final_end
    notice = result.earliest_end_notice_deadline
    if api.content.get_state(obj, default=None) in NOTICE_IS_MOOT:
        notice = None
    candidates = [day for day in (notice, term) if day and day >= result.day]
    return _iso(min(candidates)) if candidates else None


@indexer(IAgreement)
def deadline_dates(obj):
    """Both dates that call for action (notice deadline unless moot, term end).

    A range query on this keyword index finds agreements with *either* date in
    a window, in one query; ``next_deadline`` orders them.
    """
    result = _deadlines(obj)
    notice = result.earliest_end_notice_deadline
    if api.content.get_state(obj, default=None) in NOTICE_IS_MOOT:
        notice = None
    term = result.current_term_end or result.final_end
    return tuple(sorted({_iso(day) for day in (notice, term) if day}))


@indexer(IAgreement)
def earliest_end(obj):
    return _iso(_deadlines(obj).earliest_end)


@indexer(IAgreement)
def deadline_status(obj):
    return _deadlines(obj).status


@indexer(IAgreement)
def deadlines_indexed_on(obj):
    return date.today().isoformat()


@indexer(IAgreement)
def party_titles(obj):
    catalog = api.portal.get_tool("portal_catalog")
    brains = {
        b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=list(obj.parties or ()))
    }
    return tuple(brains.get(uid, "") for uid in obj.parties or ())
