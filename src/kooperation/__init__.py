"""kooperation: cooperation networks for youth employment on Plone."""

from kooperation import moved
from kooperation.common import retry
from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "kooperation"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)

moved.install()  # the old dotted names of moved modules, which the database stores
retry.install()  # a short pause before Zope retries a conflicting request
