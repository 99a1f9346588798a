from kooperation.agreements.signatures import joined_by_amendment
from kooperation.agreements.signatures import missing_parties
from kooperation.agreements.signatures import signatures
from plone.restapi.services import Service


def signatures_json(obj):
    """Per party: signed or not, by whom, when."""
    from plone import api

    done = signatures(obj)
    joined = joined_by_amendment(obj)
    base = obj.absolute_url()
    items = []
    for uid in obj.parties or ():
        record = done.get(uid)
        if record is not None:
            items.append({"signed": True, **record.as_json(base)})
            continue
        if uid in joined:
            amendment, record = joined[uid]
            items.append(
                {
                    "signed": True,
                    **record.as_json(amendment.absolute_url()),
                    "joined_by": amendment.absolute_url(),
                }
            )
            continue
        partner = api.content.get(UID=uid)
        items.append(
            {
                "signed": False,
                "party": uid,
                "party_title": partner.Title() if partner is not None else None,
            }
        )
    return {"items": items, "missing": missing_parties(obj), "complete": not missing_parties(obj)}


class SignaturesGet(Service):
    """GET <agreement>/@signatures."""

    def reply(self):
        data = signatures_json(self.context)
        data["@id"] = f"{self.context.absolute_url()}/@signatures"
        return data
