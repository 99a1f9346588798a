"""Interfaces of kooperation."""

from plone.app.z3cform.interfaces import IPloneFormLayer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IKooperationLayer(IPloneFormLayer, IDefaultBrowserLayer):
    """Browser layer: views and services of this add-on only answer where it is installed.

    It extends Plone's form layer so that what the add-on registers for its layer (the
    German date widgets) comes before Plone's own in every request, whatever order the
    layers were marked in."""


class IKooperationContent(Interface):
    """Content of this add-on (stricter REST input rules apply to it)."""


class INetwork(Interface):
    """A cooperation network: the workspace of partners, agreements, meetings and reports."""


class IPartner(Interface):
    """A cooperation partner (Jobcenter, Agentur für Arbeit, Jugendamt, provider, city)."""


class IPerson(Interface):
    """A person of a partner: contact person and/or entitled to sign for it."""


class IAgreement(Interface):
    """A cooperation agreement with parties, signatures and validity rules."""


class ISignable(Interface):
    """Content that the parties sign (agreements; later amendments)."""


class IPartnerArea(Interface):
    """A partner's internal area: local roles blocked, only the partner's staff see it."""


class ICaseNote(Interface):
    """Case data (Fallbesprechung): only the staff of the named partners see it."""


class IAgreementHistory(Interface):
    """What an agreement's amendments and notices make of it, for the agreement's own code.

    Adapter of an IAgreement, registered by ``kooperation.amendments``: the agreements
    capability lies below the amendments and asks through this instead of importing them.
    """

    def rule_history():
        """deadlines.RuleHistory: the original rules and each effective amendment's."""

    def ending():
        """(last day, "notice" | "cancellation") that ends the whole agreement, or None."""

    def stand(request):
        """ "Fassung vom …, zuletzt geändert durch …" once an amendment applied, else ""."""
