"""The agreement as its amendments and notices leave it (``IAgreementHistory``)."""

from kooperation.amendments import model
from kooperation.amendments import terminations
from kooperation.amendments.browser import stand_text
from kooperation.interfaces import IAgreement
from kooperation.interfaces import IAgreementHistory
from zope.component import adapter
from zope.interface import implementer


@implementer(IAgreementHistory)
@adapter(IAgreement)
class AgreementHistory:
    def __init__(self, agreement):
        self.agreement = agreement

    def rule_history(self):
        return model.rule_history(self.agreement)

    def ending(self):
        return terminations.ending(self.agreement)

    def stand(self, request):
        version = model.current_version(self.agreement)
        return stand_text(version, request) if version and version.applied else ""
