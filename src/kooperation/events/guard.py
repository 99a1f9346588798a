"""The guard of the registration workflow's transitions: open only while
``kooperation.events.registrations`` writes (in this thread). No request needed, so jobs
and second connections pass it as well."""

from AccessControl import ModuleSecurityInfo
from kooperation.common.flags import ThreadFlag


# The guard expression: python:modules['kooperation.events.guard'].writing_now()
ModuleSecurityInfo("kooperation.events.guard").declarePublic("writing_now")

_WRITING = ThreadFlag()


def writing():
    """While this runs, registration transitions are allowed; nothing else opens it."""
    return _WRITING.raised()


def writing_now():
    return bool(_WRITING)
