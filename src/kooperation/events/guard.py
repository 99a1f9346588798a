"""The guard of the registration workflow's transitions: open only while
``kooperation.events.registrations`` writes (in this thread). No request needed, so jobs
and second connections pass it as well."""

from AccessControl import ModuleSecurityInfo
from contextlib import contextmanager

import threading


# The guard expression: python:modules['kooperation.events.guard'].writing_now()
ModuleSecurityInfo("kooperation.events.guard").declarePublic("writing_now")

_WRITING = threading.local()


@contextmanager
def writing():
    """While this runs, registration transitions are allowed; nothing else opens it."""
    depth = getattr(_WRITING, "depth", 0)
    _WRITING.depth = depth + 1
    try:
        yield
    finally:
        _WRITING.depth = depth


def writing_now():
    return getattr(_WRITING, "depth", 0) > 0
