"""Catalog indexers of partners and case notes."""

from kooperation.common.confidential import CONFIDENTIAL_TITLE
from kooperation.interfaces import ICaseNote
from kooperation.interfaces import IPartner
from plone.indexer import indexer


@indexer(IPartner)
def partner_legal_spheres(obj):
    return tuple(obj.legal_spheres or ())


@indexer(ICaseNote)
def case_note_searchable_text(obj):
    """Case data stays out of the full-text index: nobody finds a young person by name."""
    return ""


@indexer(ICaseNote)
def case_note_title(obj):
    """The catalog (and its management screens) never holds a case note's title."""
    return CONFIDENTIAL_TITLE


@indexer(ICaseNote)
def case_note_description(obj):
    return ""
