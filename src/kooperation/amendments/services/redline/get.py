"""GET <amendment>/@redline: what the amendment changes, as runs per section.

The same redline as the amendment page, for clients: per changed, added or removed
section its key, headings and paragraphs, each paragraph a list of runs
``{"op": "equal" | "delete" | "insert", "text": ...}``; the old paragraph is the equal
and deleted runs, the new one the equal and inserted runs. ``html`` carries the
marked-up form (``<del>``/``<ins>``) the page shows.
"""

from kooperation.amendments import model
from kooperation.amendments.redline import redline_changes
from kooperation.amendments.serialize import AmendmentUserError
from kooperation.amendments.texts import AmendmentError
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from plone.restapi.services import Service


class RedlineGet(Service):
    def reply(self):
        try:
            try:
                base = model.base_version(self.context)
                result = redline_changes(base.html, self.context.changes or ())
            except AmendmentError as error:
                raise AmendmentUserError(error) from error
        except KooperationError as error:
            return error_reply(self, error)
        return {
            "@id": f"{self.context.absolute_url()}/@redline",
            "base": {"valid_from": base.valid_from.isoformat()},
            "sections": result.as_json(),
            "html": result.html,
        }
