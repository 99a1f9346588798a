"""1004: content types live in their capabilities (issue 21).

The classes and schemas moved from ``kooperation.content.*`` (and the validity behavior
from ``kooperation.behaviors``, the marker of imported PDFs from ``kooperation.pdfimport.
browser.importer``) into the capabilities (``kooperation.agreements.content``,
``kooperation.workspace.content``, …). Old names keep loading (``kooperation.moved``);
this step makes the site use the new ones: the types' ``klass`` and ``schema``, every
object written back under its class's new name, and ``object_provides`` reindexed, since
the catalog keeps the interfaces by name.
"""

from Acquisition import aq_base
from kooperation import logger
from kooperation.moved import MOVED
from plone import api


def upgrade(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "typeinfo")
    catalog = api.portal.get_tool("portal_catalog")
    portal_types = [
        fti.getId()
        for fti in api.portal.get_tool("portal_types").objectValues()
        if getattr(fti, "klass", "").rsplit(".", 1)[0] in MOVED.values()
    ]
    # Files imported as agreements provide IImportedPDF, which moved out of the views.
    imported = "kooperation.pdfimport.browser.importer.IImportedPDF"
    count = 0
    for query in ({"portal_type": portal_types}, {"object_provides": imported}):
        for brain in catalog.unrestrictedSearchResults(**query):
            obj = brain._unrestrictedGetObject()
            aq_base(obj)._p_changed = True  # pickled again under the new module names
            obj.reindexObject(idxs=["object_provides"])
            count += 1
    logger.info("1004: %d objects rewritten (%d moved types)", count, len(portal_types))
