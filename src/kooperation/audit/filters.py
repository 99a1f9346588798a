"""Filters of the audit log views and service, read from a request's parameters."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from kooperation import _
from kooperation.common.errors import KooperationError
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError


TEXT_FILTERS = ("action", "user", "path")
MAX_FILTER_CHARS = 300


def portal_timezone():
    from plone import api

    name = api.portal.get_registry_record("plone.portal_timezone", default=None) or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_moment(value, field, end_of_day, tz):
    """An aware datetime from YYYY-MM-DD (a day in the portal's time zone) or ISO 8601."""
    value = value.strip() if isinstance(value, str) else None
    try:
        if value and len(value) == 10:
            day = date.fromisoformat(value)
            if end_of_day:
                return datetime.combine(day + timedelta(days=1), time(), tz) - timedelta(
                    microseconds=1
                )
            return datetime.combine(day, time(), tz)
        if value:
            moment = datetime.fromisoformat(value)
            return moment if moment.tzinfo else moment.replace(tzinfo=tz)
    except ValueError:
        pass
    raise KooperationError(
        field,
        _(
            "error_audit_moment",
            default="'${value}' is neither a date (YYYY-MM-DD) nor a time (ISO 8601).",
            mapping={"value": value},
        ),
    )


def parse_filters(params, tz):
    """{action, user, path, since, until} from request parameters; KooperationError if bad."""
    filters = {}
    for name in TEXT_FILTERS:
        value = params.get(name)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or len(value) > MAX_FILTER_CHARS:
            raise KooperationError(
                name,
                _(
                    "error_text_field",
                    default="'${field}' must be a text of at most ${limit} characters.",
                    mapping={"field": name, "limit": MAX_FILTER_CHARS},
                ),
            )
        filters[name] = value.strip()
    for name, end_of_day in (("since", False), ("until", True)):
        if params.get(name) not in (None, ""):
            filters[name] = parse_moment(params.get(name), name, end_of_day, tz)
    return filters


def parse_int(params, name, default, minimum, maximum):
    """A batch parameter; bad values raise KooperationError, big ones are capped."""
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise KooperationError(
            name,
            _(
                "error_audit_number",
                default="'${field}' must be a whole number of at least ${minimum}.",
                mapping={"field": name, "minimum": minimum},
            ),
        )
    return min(number, maximum)


def site_path(path, portal_path):
    """Paths may be given below the site ("/oberhausen") or physical ("/plone/oberhausen")."""
    if path == portal_path or path.startswith(portal_path + "/"):
        return path
    return portal_path + "/" + path.strip("/")


def request_filters(request, portal):
    """parse_filters for a Zope request, with the path made physical."""
    filters = parse_filters(request.form, portal_timezone())
    if "path" in filters:
        filters["path"] = site_path(filters["path"], "/".join(portal.getPhysicalPath()))
    return filters
