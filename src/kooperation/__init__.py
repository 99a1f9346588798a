"""kooperation: cooperation networks for youth employment on Plone."""

from kooperation import moved
from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "kooperation"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)

moved.install()  # the old dotted names of moved modules, which the database stores
