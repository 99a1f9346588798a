"""Catalog data of registrations, so that listings and counts read brains."""

from datetime import UTC
from kooperation.events.interfaces import IRegistration
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.interfaces import IDexterityItem
from plone.indexer import indexer
from plone.uuid.interfaces import IAttributeUUID
from Products.CMFCore.interfaces import IContentish
from zope.interface import providedBy


# What a registration is found by in object_provides: its own interfaces and the general
# ones that site-wide tasks (upgrades, exports) ask for.
REGISTRATION_PROVIDES = (
    IRegistration,
    IContentish,
    IDexterityContent,
    IDexterityItem,
    IAttributeUUID,
)


@indexer(IRegistration)
def registration_partner(obj):
    return obj.partner or ""


@indexer(IRegistration)
def registration_position(obj):
    return obj.position


@indexer(IRegistration)
def registration_order(obj):
    """The order of submission as one sortable text: UTC time, then the id (as
    ``registrations.objects`` sorts)."""
    submitted = obj.submitted
    if submitted is None:
        stamp = ""
    else:
        if submitted.tzinfo is None:
            submitted = submitted.replace(tzinfo=UTC)
        stamp = submitted.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return f"{stamp}|{obj.getId()}"


@indexer(IRegistration)
def no_text(obj):
    """Registrations stay out of the full-text indexes: a participant's name is case
    data, not something the site's search finds, and the lexicon would keep every name
    after the purge. Every new name would also take a new word id, which makes two
    registrations at the same moment conflict in the lexicon."""
    return ""


@indexer(IRegistration)
def registration_provides(obj):
    """``object_provides`` of a registration: the interfaces of ``REGISTRATION_PROVIDES``
    and the registration's own, not the 26 a Dexterity item provides. Each is one set of
    the index that every new registration writes (and, on RelStorage, every other
    instance then reloads)."""
    found = []
    for iface in providedBy(obj).flattened():
        if iface in REGISTRATION_PROVIDES or iface.__module__.startswith("kooperation."):
            found.append(iface.__identifier__)
    return found
