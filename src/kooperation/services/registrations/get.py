from kooperation.events import registrations
from kooperation.services import forbidden_reply
from kooperation.services.registrations.post import registration_json
from plone import api
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service


class RegistrationsGet(Service):
    """GET <event>/@registrations (coordinators): counts per state and partner, and the
    registrations (batched; filters ``state`` and ``partner``)."""

    def reply(self):
        event = self.context
        if not api.user.has_permission("kooperation: Manage registrations", obj=event):
            return forbidden_reply(
                self, "error_may_not_manage_registrations", "You may not see the registrations."
            )
        found = registrations.objects(event)
        counts = registrations.counts(event)
        state = self.request.form.get("state")
        partner = self.request.form.get("partner")
        items = [
            obj
            for obj in found
            if (not state or api.content.get_state(obj) == state)
            and (partner is None or (obj.partner or "") == partner)
        ]
        batch = HypermediaBatch(self.request, items)
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
