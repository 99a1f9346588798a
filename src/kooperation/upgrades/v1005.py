"""1005: the daily tasks as forms (issue 16).

The workflows changed: the bare "Record notice" transition is no longer offered (a
notice is given through its form), minutes may be written by the rotation's
minute-taker and the network's editors, and the types' add/edit forms use new
widgets. Reimporting the workflows, types and rolemap and updating the objects' role
maps brings a site of 1004 to that state; nothing stored changes shape.
"""

from kooperation import logger
from kooperation.esign.settings import ensure_registered
from kooperation.meetings.interfaces import IMeeting
from kooperation.meetings.series import share_meeting
from plone import api


def upgrade(setup):
    for step in ("rolemap", "workflow", "typeinfo"):
        setup.runImportStepFromProfile("profile-kooperation:default", step)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("1005: workflows, types and rolemap reimported; %s role maps updated", count)
    upgrade_notice_actions(setup)
    upgrade_minute_takers(setup)
    upgrade_esign_settings(setup)
    upgrade_language_negotiation(setup)


# Issue 16, part C (notices): the agreement's "Aktionen" menu links the notice and
# cancellation forms (actions.xml, category object_buttons). Reimporting the actions
# adds them; the other actions of the profile are unchanged.
def upgrade_notice_actions(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "actions")
    logger.info("1005: the notice and cancellation actions of agreements imported")


# Issue 16, part A (minutes): the partner holding a meeting's "minutes" duty gets the
# local role MinuteTaker on the meeting, to add the minutes (rolemap: kooperation: Add
# Minutes; meeting workflow: Add portal content). New and edited meetings get it from
# their subscriber; existing meetings get it here.
def upgrade_minute_takers(setup):
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(object_provides=IMeeting.__identifier__):
        share_meeting(brain._unrestrictedGetObject())
        count += 1
    logger.info("1005: the minute-takers of %s meetings may add their minutes", count)


# Issue 15 (the browser face): English for a user whose browser (Accept-Language) or
# choice (the language selector's cookie) asks for it, German stays the default
# (registry.xml: plone.available_languages, plone.use_request_negotiation,
# plone.use_cookie_negotiation). Reimporting the registry sets them; the profile's
# other records are set to the same values as before.
def upgrade_language_negotiation(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "plone.app.registry")
    logger.info("1005: language negotiation on (German default, English on request)")


# Issue 20 (electronic form): the records of the trust anchors and qualified CAs
# (kooperation.esign.settings.IEsignSettings, empty) and the control panel's configlet
# "Electronic signatures". The records would also be registered when the control panel
# is first opened; reading them falls back to empty values until then.
def upgrade_esign_settings(setup):
    ensure_registered()
    setup.runImportStepFromProfile("profile-kooperation:default", "controlpanel")
    logger.info("1005: the settings of electronic signatures registered")
