"""Events of kooperation that other parts (audit trail, notifications) subscribe to.

The package also holds the Plone side of the annual workshop and the youth conference
(``registrations``, ``mails``, ``form``, ``service``); this module keeps the object events
it held as ``kooperation/events.py``, so their dotted names stay.
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class ISignatureRecorded(IObjectEvent):
    """A party's signature was recorded on ``object`` (an agreement or amendment)."""

    record = Attribute("The kooperation.agreements.signatures.Signature record")


@implementer(ISignatureRecorded)
class SignatureRecorded(ObjectEvent):
    def __init__(self, object, record):
        super().__init__(object)
        self.record = record
