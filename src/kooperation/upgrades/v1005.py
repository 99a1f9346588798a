"""1005: the daily tasks as forms (issue 16).

The workflows changed: the bare "Record notice" transition is no longer offered (a
notice is given through its form), minutes may be written by the rotation's
minute-taker and the network's editors, and the types' add/edit forms use new
widgets. Reimporting the workflows, types and rolemap and updating the objects' role
maps brings a site of 1004 to that state; nothing stored changes shape.
"""

from kooperation import logger
from plone import api


def upgrade(setup):
    for step in ("rolemap", "workflow", "typeinfo"):
        setup.runImportStepFromProfile("profile-kooperation:default", step)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("1005: workflows, types and rolemap reimported; %s role maps updated", count)
