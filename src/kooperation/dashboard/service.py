"""GET <network>/@deadlines and GET <site>/@deadlines: the dashboard in JSON, batched."""

from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.dashboard.query import deadline_row
from kooperation.dashboard.query import find_deadlines
from kooperation.dashboard.query import parse_filters
from kooperation.members.deadlines import project_deadlines
from plone.batching.batch import Batch
from plone.restapi.batching import DEFAULT_BATCH_SIZE
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service


MAX_BATCH_SIZE = 100


def _iso(value):
    return value.isoformat() if value else None


def _int_param(form, name, default, minimum, message):
    value = form.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise KooperationError(name, message(value))
    return number


def batch_params(form):
    """(b_start, b_size) checked; b_size at most MAX_BATCH_SIZE."""
    size = _int_param(
        form,
        "b_size",
        DEFAULT_BATCH_SIZE,
        1,
        lambda value: _(
            "dashboard_error_b_size",
            default="'${value}' is not a batch size: give a whole number of at least 1.",
            mapping={"value": value},
        ),
    )
    start = _int_param(
        form,
        "b_start",
        0,
        0,
        lambda value: _(
            "dashboard_error_b_start",
            default="'${value}' is not a batch start: give a whole number of at least 0.",
            mapping={"value": value},
        ),
    )
    return start, min(size, MAX_BATCH_SIZE)


class DeadlinesBatch(HypermediaBatch):
    """plone.restapi's batch with b_start/b_size checked here (not read from a body)."""

    def __init__(self, request, results, b_start, b_size):
        self.request = request
        self.b_start = b_start
        self.b_size = b_size
        self.batch = Batch(results, b_size, b_start)


def item(brain):
    row = deadline_row(brain)
    return {
        "@id": row["url"],
        "UID": row["uid"],
        "title": row["title"],
        "review_state": row["review_state"],
        "notice_deadline": _iso(row["notice_deadline"]),
        "term_end": _iso(row["term_end"]),
        "earliest_end": _iso(row["earliest_end"]),
        "parties": list(row["parties"]),
    }


def project_items(context, filters, request):
    """Project ends, pilot ends and funding phases in the window (as on ``@@deadlines``)."""
    if filters.partner:  # projects (members' area) have no parties
        return []

    rows = project_deadlines(
        context, filters.start, filters.end, request, legal_sphere=filters.legal_sphere
    )
    return [
        {
            "@id": row["url"],
            "UID": row["uid"],
            "date": row["date"].isoformat(),
            "kind": row["kind"],
            "project": row["project"],
            "member": row["member"],
            "text": row["text"],
        }
        for row in rows
    ]


class DeadlinesGet(Service):
    """Upcoming deadlines below the context.

    Query: ``start``/``end`` (ISO dates, default today and 12 months later),
    ``partner`` (UID), ``review_state`` (repeated or comma-separated), ``legal_sphere``,
    ``b_start``/``b_size`` (default 25, at most 100). ``projects``: the project
    dates in the window (not batched), empty with a ``partner`` filter.
    """

    def reply(self):
        form = self.request.form
        try:
            filters = parse_filters(form)
            b_start, b_size = batch_params(form)
        except KooperationError as error:
            return error_reply(self, error)
        brains = find_deadlines(self.context, limit=b_start + b_size, **filters.query())
        batch = DeadlinesBatch(self.request, brains, b_start, b_size)
        result = {
            "@id": batch.canonical_url,
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
            "items_total": batch.items_total,
            "items": [item(brain) for brain in batch],
            "projects": project_items(self.context, filters, self.request),
        }
        if batch.links:
            result["batching"] = batch.links
        return result
