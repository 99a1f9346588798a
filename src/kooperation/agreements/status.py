"""Questions the agreement workflow's guards ask (``@@agreement-status``)."""

from datetime import date
from kooperation.agreements.deadlines import deadlines_for
from kooperation.agreements.signatures import last_signature_date
from kooperation.agreements.signatures import signatures
from plone import api
from Products.Five import BrowserView


class AgreementStatus(BrowserView):
    def any_signed(self):
        return bool(signatures(self.context))

    def may_enter_into_force(self):
        """All parties signed and the day of entry into force has come."""
        if last_signature_date(self.context) is None:
            return False
        return deadlines_for(self.context, date.today()).status == "in_force"

    def has_ended(self):
        return deadlines_for(self.context, date.today()).status == "ended"


def enter_into_force_if_due(agreement):
    """Move a fully signed agreement to 'in force' once its day has come."""
    if api.content.get_state(agreement) != "for_signature":
        return False
    with api.env.adopt_roles(["Manager"]):
        view = AgreementStatus(agreement, agreement.REQUEST)
        if not view.may_enter_into_force():
            return False
        api.content.transition(obj=agreement, transition="enter_into_force")
    return True
