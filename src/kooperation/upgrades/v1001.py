"""1001: only a partner makes its own people (issue 14).

Existing Person entries were granted under the old rule, when the network's word was
enough; they are confirmed as they stand ("upgrade") so nobody loses access, and the
audit log lists them for the partners to review. Case notes get anonymous ids.
"""

from kooperation import logger
from kooperation.workspace import confirm_person
from kooperation.workspace import confirmation
from kooperation.workspace import setup_partner
from kooperation.workspace.content.case_note import ID_STEM
from plone import api


def upgrade(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "rolemap")
    setup.runImportStepFromProfile("profile-kooperation:default", "workflow")
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Partner"):
        setup_partner(brain._unrestrictedGetObject())
    confirmed = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Person"):
        person = brain._unrestrictedGetObject()
        if not confirmation(person):
            confirm_person(person, by="upgrade", how="upgrade")
            confirmed += 1
    renamed = 0
    notes = [
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(portal_type="CaseNote")
    ]
    for note in notes:
        area = note.__parent__
        old_id = note.getId()
        if not old_id.startswith(ID_STEM):
            new_id, n = ID_STEM, 0
            while new_id in area.objectIds():
                n += 1
                new_id = f"{ID_STEM}-{n}"
            # Trusted code: nobody, not even a Manager, holds the roles for this.
            with api.env.adopt_roles(["Manager", "PartnerStaff", "CaseParticipant"]):
                area.manage_renameObject(old_id, new_id)
            renamed += 1
            note = area[new_id]
        note.reindexObject()
    logger.info(
        "1001: %d persons confirmed as they stood, %d case notes renamed", confirmed, renamed
    )
