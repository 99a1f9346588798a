"""Upcoming deadlines of agreements, from the catalog alone.

One query serves the dashboard views, the CSV export, the iCal feed and the REST
service. It reads indexes and metadata only: no agreement is woken and no deadline
is computed on the fly. The indexes hold the deadlines as of the day of indexing
(the daily job reindexes agreements whose deadlines have passed).

An agreement is listed when, within the window (both ends included),

* its next notice deadline falls (``notice_deadline`` index), unless notice has
  already been given or it is over (states in ``NOTICE_IS_MOOT``), or
* its current term ends (``term_end`` index).

The default states are those in which these dates still call for action:
``for_signature`` (fully signed, entering into force on a fixed day later),
``in_force`` (notice deadline and term end) and ``terminated`` (notice given: the
term end is the day it ends). Drafts and agreements in consultation have no
dates yet; ended and cancelled ones none that matter; they can still be asked for.

Rows are sorted by the next notice deadline; rows without one (notice given, no
ordinary notice) sort by their term end; ties by title.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.rest import parse_date
from kooperation.deadlines import shift_months
from kooperation.interfaces import IAgreement
from kooperation.interfaces import IPartner
from kooperation.vocabularies import LEGAL_SPHERES
from plone import api
from Products.CMFCore.interfaces import ISiteRoot
from urllib.parse import urlencode
from ZTUtils.Lazy import LazyMap


STATES = (
    "draft",
    "consultation",
    "for_signature",
    "in_force",
    "terminated",
    "ended",
    "cancelled",
)
DEFAULT_STATES = ("for_signature", "in_force", "terminated")
# A notice deadline no longer matters once notice is given or the agreement is over.
NOTICE_IS_MOOT = ("terminated", "ended", "cancelled")
DEFAULT_MONTHS = 12
MAX_MONTHS = 120
# The request parameters of the filters; links to CSV and iCal carry them on.
FILTER_KEYS = ("start", "end", "months", "partner", "review_state", "legal_sphere")


def window(start=None, end=None, months=DEFAULT_MONTHS, today=None):
    """(start, end): default today and ``months`` after the start."""
    start = start or today or date.today()
    end = end or shift_months(start, months)
    if end < start:
        raise KooperationError(
            "end",
            _(
                "dashboard_error_end_before_start",
                default="The end of the period (${end}) lies before its start (${start}).",
                mapping={"end": end, "start": start},
            ),
        )
    return start, end


def _search_root(context):
    """(path to search below or None for the whole site, partner UID or None)."""
    if IPartner.providedBy(context):
        return None, context.UID()
    if context is None or ISiteRoot.providedBy(context):
        return None, None
    return "/".join(context.getPhysicalPath()), None


def find_deadlines(
    context,
    start=None,
    end=None,
    partner=None,
    review_state=None,
    legal_sphere=None,
    today=None,
    limit=None,
):
    """Catalog brains of the agreements with a deadline in [start, end], sorted.

    ``context``: a network, the site root, or a partner (its agreements as a party).
    ``start``/``end``: dates, default today and 12 months later.
    ``partner``: a partner UID (a party); ``review_state``: states, default
    ``DEFAULT_STATES``; ``legal_sphere``: one of the legal spheres.
    ``limit``: how many rows the caller will read at most (lets the catalog sort
    only those). The search is restricted: users only find what they may view.

    One query: ``deadline_dates`` (keyword index of the notice deadline and the
    term end) finds agreements with either date in the window. They are ordered by
    ``next_deadline`` (the earlier of the two) and title. With a ``limit`` (a page),
    the ``next_deadline`` index is walked in date order and only the first ``limit``
    hits are taken (see ``first_in_order``): ZCatalog would sort the whole result set
    on two keys, which grows with the number of agreements. Without a limit
    (exports) the catalog sorts everything.
    """
    start, end = window(start, end, today=today)
    if isinstance(review_state, str):
        review_state = [review_state]
    states = list(review_state or DEFAULT_STATES)
    path, context_partner = _search_root(context)
    query = {
        "object_provides": IAgreement.__identifier__,
        "deadline_dates": {"query": (start.isoformat(), end.isoformat()), "range": "min:max"},
        "review_state": states,
        "sort_on": ("next_deadline", "sortable_title"),
    }
    if path:
        query["path"] = path
    parties = [uid for uid in (context_partner, partner) if uid]
    if parties:
        # Both must be parties when the context is a partner and a partner is asked for.
        query["agreement_parties"] = {"query": parties, "operator": "and"}
    if legal_sphere:
        query["legal_spheres"] = legal_sphere
    catalog = api.portal.get_tool("portal_catalog")
    if limit:
        unsorted = catalog(**{k: v for k, v in query.items() if k != "sort_on"})
        page = first_in_order(catalog, unsorted, limit)
        if page is not None:
            return page
        query["sort_limit"] = limit
    return catalog(**query)


def first_in_order(catalog, unsorted, limit):
    """The first ``limit`` brains of an unsorted catalog result, by next deadline and title.

    Walks the ``next_deadline`` index from its earliest date and intersects each
    date's documents with the result set, until ``limit`` are found: the cost
    follows the page, not the catalog. Ties on a date sort by ``sortable_title``.
    Documents without a next deadline come last. The answer's
    ``actual_result_count`` is the size of the whole result, as for a limited catalog
    result (plone.batching reads it). None when the result does not
    expose its record ids (then the caller lets the catalog sort).
    """
    if not len(unsorted):
        return unsorted
    rids = getattr(unsorted, "_seq", None)
    if not rids:
        return None
    if not isinstance(rids, IISet | IITreeSet):
        rids = IISet(rids)
    zcatalog = catalog._catalog
    by_date = zcatalog.getIndex("next_deadline")._index
    titles = zcatalog.getIndex("sortable_title")._unindex
    found = []
    for docs in by_date.values():
        hits = intersection(rids, IISet((docs,)) if isinstance(docs, int) else docs)
        if hits:
            found.extend(sorted(hits, key=lambda rid: titles.get(rid, "")))
            if len(found) >= limit:
                break
    if len(found) < limit:
        dated = multiunion([IISet((d,)) if isinstance(d, int) else d for d in by_date.values()])
        rest = difference(rids, dated)
        found.extend(sorted(rest, key=lambda rid: titles.get(rid, ""))[: limit - len(found)])
    found = found[:limit]
    return LazyMap(zcatalog.__getitem__, found, len(found), actual_result_count=len(rids))


def _date(value):
    """A date from an ISO metadata value; None for empty or missing values."""
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _notice(brain):
    if brain.review_state in NOTICE_IS_MOOT:
        return None
    return _date(brain.notice_deadline)


def deadline_row(brain, today=None):
    """The data of one listed agreement, from its catalog metadata."""
    today = today or date.today()
    notice = _notice(brain)
    term_end = _date(brain.term_end)
    next_date = notice or term_end
    titles = brain.party_titles
    return {
        "uid": brain.UID,
        "title": brain.Title or "",
        "url": brain.getURL(),
        "review_state": brain.review_state,
        "notice_deadline": notice,
        "term_end": term_end,
        "earliest_end": _date(brain.earliest_end),
        "parties": tuple(t for t in titles if t) if isinstance(titles, list | tuple) else (),
        "days_left": (next_date - today).days if next_date else None,
    }


def _values(value):
    """A list of strings from one parameter: repeated, a list, or comma-separated."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list | tuple) else [value]
    result = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(item)
        result.extend(part.strip() for part in item.split(",") if part.strip())
    return result


@dataclass(frozen=True)
class Filters:
    """The filters of a request, checked; ``params`` are those it was given."""

    start: date
    end: date
    partner: str | None = None
    review_state: tuple = DEFAULT_STATES
    legal_sphere: str | None = None
    months: int = DEFAULT_MONTHS
    params: dict = field(default_factory=dict)

    def query(self):
        """Keyword arguments of ``find_deadlines``."""
        return {
            "start": self.start,
            "end": self.end,
            "partner": self.partner,
            "review_state": self.review_state,
            "legal_sphere": self.legal_sphere,
        }

    def query_string(self):
        """The filters as given, for links that apply the same filters."""
        return urlencode(
            [(key, self.params[key]) for key in FILTER_KEYS if key in self.params], doseq=True
        )


def _months(value):
    if value in (None, ""):
        return DEFAULT_MONTHS
    try:
        months = int(value)
    except (TypeError, ValueError):
        months = 0
    if not 1 <= months <= MAX_MONTHS:
        raise KooperationError(
            "months",
            _(
                "dashboard_error_months",
                default="'${value}' is not a number of months between 1 and ${max}.",
                mapping={"value": value, "max": MAX_MONTHS},
            ),
        )
    return months


def _one(form, key):
    value = form.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise KooperationError(
            key,
            _(
                "dashboard_error_single_value",
                default="Give '${name}' only once.",
                mapping={"name": key},
            ),
        )
    return value.strip() or None


def parse_filters(form, today=None):
    """Filters from request parameters; KooperationError for bad input.

    ``start``/``end``: ISO dates; ``months``: months after the start when no
    ``end`` is given (default 12); ``partner``: a partner UID; ``review_state``:
    states (repeated or comma-separated); ``legal_sphere``: a legal sphere.
    """
    params = {}
    for key in FILTER_KEYS:
        value = form.get(key)
        if value not in (None, "", []):
            params[key] = value
    start_text = _one(form, "start")
    end_text = _one(form, "end")
    months_text = _one(form, "months")
    start = parse_date(start_text, "start") if start_text else None
    end = parse_date(end_text, "end") if end_text else None
    months = _months(months_text)
    start, end = window(start, end, months, today=today)
    try:
        states = _values(form.get("review_state"))
    except ValueError as error:
        states = [str(error)]
    for state in states:
        if state not in STATES:
            raise KooperationError(
                "review_state",
                _(
                    "dashboard_error_state",
                    default="'${value}' is not a state of agreements.",
                    mapping={"value": state},
                ),
            )
    sphere = _one(form, "legal_sphere")
    if sphere and sphere not in LEGAL_SPHERES.by_value:
        raise KooperationError(
            "legal_sphere",
            _(
                "dashboard_error_legal_sphere",
                default="'${value}' is not a legal sphere.",
                mapping={"value": sphere},
            ),
        )
    return Filters(
        start=start,
        end=end,
        partner=_one(form, "partner"),
        review_state=tuple(dict.fromkeys(states)) or DEFAULT_STATES,
        legal_sphere=sphere,
        months=months,
        params=params,
    )
