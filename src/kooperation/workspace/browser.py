"""Classic UI of the workspace: a person's hand-over page."""

from datetime import date
from kooperation import _
from kooperation.agreements.errors import KooperationError
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from kooperation.vocabularies import find_network
from kooperation.workspace.handover import leave
from kooperation.workspace.handover import move
from kooperation.workspace.handover import open_duties
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView


class HandoverView(BrowserView):
    """@@handover on a Person: open duties; leave on a date, or move to another partner."""

    errors = None

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            target = self._handle()
            if target is not None:
                self.request.response.redirect(target)
                return ""
        return self.index()

    def _handle(self):
        form = self.request.form
        try:
            if "form.leave" in form:
                day = _parse(form.get("date"))
                leave(self.context, day, form.get("successor") or None)
                api.portal.show_message(
                    _("msg_left", default="The hand-over has been recorded."), self.request
                )
                return f"{self.context.absolute_url()}/@@handover"
            if "form.move" in form:
                moved = move(self.context, form.get("partner") or None)
                api.portal.show_message(
                    _("msg_moved", default="The person has been moved."), self.request
                )
                return f"{moved.absolute_url()}/@@handover"
        except KooperationError as error:
            self.errors[error.field] = error.message(self.request)
        return None

    def duties(self):
        return open_duties(self.context)

    def successors(self):
        return [
            {"uid": obj.UID(), "title": obj.Title()}
            for obj in self.context.__parent__.objectValues()
            if IPerson.providedBy(obj) and obj.UID() != self.context.UID()
        ]

    def partners(self):
        network = find_network(self.context)
        if network is None:
            return []
        brains = api.content.find(
            context=network, object_provides=IPartner.__identifier__, sort_on="sortable_title"
        )
        current = self.context.__parent__.UID()
        return [{"uid": b.UID, "title": b.Title} for b in brains if current != b.UID]

    def today(self):
        return date.today().isoformat()


def _parse(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise KooperationError(
            "date", _("error_leave_date", default="The day of leaving is missing.")
        ) from None
