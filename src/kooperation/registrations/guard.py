"""The guard of the registration workflow's transitions: open only while
``kooperation.registrations.ledger`` writes (in this thread). No request needed, so jobs
and second connections pass it as well."""

from AccessControl import ModuleSecurityInfo
from kooperation.common.flags import ThreadFlag


# The guard expression: python:modules['kooperation.registrations.guard'].writing_now()
ModuleSecurityInfo("kooperation.registrations.guard").declarePublic("writing_now")
# ... and by its name before upgrade 1008 (kooperation.moved), which a site's workflow keeps
# until the upgrade imports the workflow again
ModuleSecurityInfo("kooperation.events.guard").declarePublic("writing_now")

_WRITING = ThreadFlag()


def writing():
    """While this runs, registration transitions are allowed; nothing else opens it."""
    return _WRITING.raised()


def writing_now():
    return bool(_WRITING)
