from kooperation import _
from kooperation.common.batching import batch as batched
from kooperation.common.rest import forbidden_reply
from kooperation.registrations import ledger
from kooperation.registrations.services.registrations.post import registration_json
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


def bad_filter_reply(service):
    service.request.response.setStatus(400)
    return {
        "error": {
            "type": "BadRequest",
            "message": translate(
                _("error_registrations_filter", default="state and partner are single values."),
                context=service.request,
            ),
        }
    }


class RegistrationsGet(Service):
    """GET <event>/@registrations (coordinators): counts per state and partner, and the
    registrations (filters ``state`` and ``partner``).

    Batched: ``b_start`` (0 or more, default 0) and ``b_size`` (1 to
    ``kooperation.common.batching.MAX_BATCH_SIZE`` = 200, default 25); other values
    answer 400 with a translated message.
    """

    def reply(self):
        event = self.context
        if not api.user.has_permission("kooperation: Manage registrations", obj=event):
            return forbidden_reply(
                self, "error_may_not_manage_registrations", "You may not see the registrations."
            )
        found = ledger.objects(event)
        counts = ledger.counts(event, found)
        state = self.request.form.get("state")
        partner = self.request.form.get("partner")
        if not all(isinstance(value, (str, type(None))) for value in (state, partner)):
            return bad_filter_reply(self)
        items = ledger.select(found, state=state, partner=partner)
        batch = batched(self.request, items)
        result = {
            "@id": batch.canonical_url,
            "counts": {
                "by_state": counts.by_state,
                "by_partner": counts.by_partner,
                "total": counts.total,
                "seats_taken": counts.seats_taken,
                "capacity": event.capacity,
                "waiting_list": event.waiting_list,
            },
            "items_total": batch.items_total,
            "items": [registration_json(obj) for obj in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result
