"""Downloads of the evidence kept with signatures and notices (the signed originals).

``<agreement or amendment>/@@signature-evidence/<party UID>`` streams the evidence of
that party's signature; ``<agreement>/@@notice-evidence/<record id>`` that of a notice
or cancellation. Who may view the agreement (or amendment) downloads its evidence; every
download is written to the audit trail.
"""

from kooperation.agreements.signatures import signatures
from kooperation.audit import log_event
from kooperation.common.csrf import check_write
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.annotation.interfaces import IAnnotations
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


# The notices' annotation (kooperation.amendments.terminations.ANNOTATION_KEY); read here
# directly so that agreements/ does not import the capability above it.
NOTICES_KEY = "kooperation.terminations"


@implementer(IPublishTraverse)
class EvidenceDownload(BrowserView):
    """Base: one path segment names the record; 404 without record or file."""

    action = "evidence_download"
    key = None

    def publishTraverse(self, request, name):
        if self.key is not None:
            raise NotFound(self, name, request)
        self.key = name
        return self

    def record(self):
        raise NotImplementedError

    def __call__(self):
        found = self.record() if self.key else None
        if found is None or found[0] is None:
            raise NotFound(self, self.key or self.__name__, self.request)
        file, details = found
        check_write(self.request)  # a GET that writes only its audit entry
        response = self.request.response
        set_headers(file, response, filename=file.filename or "evidence")
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        response.setHeader("Cache-Control", "private, no-store")
        log_event(self.action, obj=self.context, request=self.request, **details)
        return stream_data(file)


class SignatureEvidence(EvidenceDownload):
    """The signed original of one party's signature."""

    def record(self):
        record = signatures(self.context).get(self.key)
        if record is None:
            return None
        return record.evidence, {"party": record.party, "party_title": record.party_title}


class NoticeEvidence(EvidenceDownload):
    """The evidence of a notice or cancellation, by the record's id."""

    def record(self):
        for record in IAnnotations(self.context).get(NOTICES_KEY, ()):
            if record.get("id") == self.key:
                return record.get("evidence"), {
                    "notice": record["id"],
                    "kind": record.get("kind"),
                    "party": record.get("party"),
                    "party_title": record.get("party_title"),
                }
        return None
