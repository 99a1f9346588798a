"""A per-thread flag that trusted code raises for the span of a ``with`` block.

Used where a check must tell "this change comes from our own code path" from any other
caller in the same process: the registration workflow's guard, the partner groups' veto.
Re-entrant, so nested blocks keep it raised until the outermost one ends.
"""

from contextlib import contextmanager

import threading


class ThreadFlag:
    def __init__(self):
        self._local = threading.local()

    @contextmanager
    def raised(self):
        depth = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth

    def __bool__(self):
        return getattr(self._local, "depth", 0) > 0
