"""The object events of signing, which the audit trail and the amendments subscribe to."""

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
