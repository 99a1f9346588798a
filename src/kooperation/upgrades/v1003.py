"""1003: every REST write service declares its permission in ZCML (issue 21).

The services were registered on ``zope2.View`` or ``zope.Public`` and checked the rights
in their code. They now name a permission the publisher checks; the new ones
(``kooperation: Submit signatures``, ``... Record notices``, ``... Run daily job``, ...)
are granted in rolemap.xml and managed by no workflow. Without this step a site of 1002
would know them only with Zope's default (Manager): coordinators, signatories and
registrants would be refused.
"""

from kooperation import logger


def upgrade(setup):
    setup.runImportStepFromProfile("profile-kooperation:default", "rolemap")
    logger.info("1003: the REST services' permissions granted")
