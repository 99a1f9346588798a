"""1002: the browser face (issue 15).

A site created before 1002 has no Classic UI theme: every page renders as unstyled HTML.
This installs Barceloneta (now a dependency of kooperation:default) and turns it on,
themes 127.0.0.1 too (Plone's default host-name list leaves it unthemed, and it is the
address ``make start`` serves), registers the product's stylesheet, and reimports the
workflows for their new titles (the permission maps are unchanged) and the rolemap (the
easyform download right for coordinators only).
"""

from kooperation import logger
from plone import api
from plone.app.theming.utils import applyTheme
from plone.app.theming.utils import getAvailableThemes
from plone.app.theming.utils import getCurrentTheme
from Products.GenericSetup.tool import UNKNOWN


THEME_PROFILE = "plonetheme.barceloneta:default"


def upgrade(setup):
    if setup.getLastVersionForProfile(THEME_PROFILE) == UNKNOWN:
        setup.runAllImportStepsFromProfile(f"profile-{THEME_PROFILE}")
        logger.info("1002: Barceloneta installed")
    enabled = api.portal.get_registry_record("plone.app.theming.interfaces.IThemeSettings.enabled")
    if not getCurrentTheme() or not enabled:
        theme = next(t for t in getAvailableThemes() if t.__name__ == "barceloneta")
        applyTheme(theme)
        logger.info("1002: theme %s enabled", theme.__name__)
    setup.runImportStepFromProfile("profile-kooperation:default", "plone.app.registry")
    setup.runImportStepFromProfile("profile-kooperation:default", "workflow")
    # Who downloads a registration form's saved input: coordinators, not the form's Owner.
    setup.runImportStepFromProfile("profile-kooperation:default", "rolemap")
    # Ways in: the portal tabs, the calendar-feed entry in the user menu.
    setup.runImportStepFromProfile("profile-kooperation:default", "actions")
