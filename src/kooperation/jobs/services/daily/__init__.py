"""``@kooperation-daily``: run the daily job in the server (POST), see its last run (GET).

With the default FileStorage the server holds the database lock, so cron calls this
endpoint instead of ``kooperation-admin daily``::

    curl -fsS -u admin:PASSWORD -X POST -H 'Accept: application/json' \\
        http://127.0.0.1:8080/Plone/@kooperation-daily
"""

from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import json_object
from kooperation.common.rest import parse_date
from kooperation.jobs.daily import last_run
from kooperation.jobs.daily import run_daily
from kooperation.jobs.daily import set_site_url
from plone import api
from plone.restapi.services import Service


ALLOWED_KEYS = {"date", "site_url"}
# Manager and Site Administrator (rolemap.xml); POST declares it in ZCML.
PERMISSION = "kooperation: Run daily job"


def _bad_site_url(value):
    return KooperationError(
        "site_url",
        _(
            "error_site_url",
            default="'${value}' is not an http(s) address.",
            mapping={"value": str(value)},
        ),
    )


def _forbidden(service):
    """None for those who run the daily job; the 401/403 answer for everybody else."""
    if api.user.has_permission(PERMISSION, obj=service.context):
        return None
    return forbidden_reply(
        service, "error_may_not_run_daily", "Only site managers run the daily job."
    )


def _options(request):
    body = json_object(request, ALLOWED_KEYS, empty_ok=True)
    today = parse_date(body["date"]) if body.get("date") is not None else None
    site_url = body.get("site_url")
    if site_url is not None and not isinstance(site_url, str):
        raise _bad_site_url(site_url)
    return today, site_url


class DailyPost(Service):
    """Run the daily job now; answer its summary (``ok`` false when a step failed)."""

    def reply(self):
        # JSON API for cron with basic auth, not a form; the publisher checks PERMISSION.
        check_write(self.request)
        try:
            today, site_url = _options(self.request)
            if site_url:
                try:
                    set_site_url(self.request, self.context, site_url)
                except ValueError:
                    raise _bad_site_url(site_url) from None
        except KooperationError as error:
            return error_reply(self, error)
        summary = run_daily(self.context, today=today)
        return {**summary, "ok": not summary["errors"]}


class DailyGet(Service):
    """When the daily job last ran and what it did (``null`` before its first run)."""

    def reply(self):
        denied = _forbidden(self)
        if denied is not None:
            return denied
        return {"last_run": last_run(self.context)}
