"""Registration writes of one Zope process, one after the other.

The seat ledger makes concurrent registrations *safe* (they conflict, Zope retries), but
under a burst (200 at once) a request can lose more often than Zope's three retries
allow and end as an error. So within a process, the requests that write registrations
take a lock when publishing starts and give it back after commit (or failure), and they
start their transaction again once they hold it, so they read the latest committed state.
Across processes (two instances on RelStorage) the ledger's conflicts still decide; each
process then sends only one contender at a time.
"""

import threading
import transaction


LOCK = threading.Lock()
KEY = "kooperation.registration_lock"
WAIT_SECONDS = 60
WRITES = {
    "@registrations",
    "@@cancel-registration",
    "cancel-registration",
    "@@registrations",
    "@@my-registrations",
}


def _is_registration_write(request):
    method = request.get("REQUEST_METHOD", "GET")
    if method not in ("POST", "DELETE"):
        return False
    last = (request.get("PATH_INFO") or "").rstrip("/").rsplit("/", 1)[-1]
    if method == "DELETE":
        return last.startswith("registration-")
    # the EasyForm of an event is its registration form
    return last in WRITES or last == "anmeldung"


def start(event):
    request = event.request
    if not _is_registration_write(request):
        return
    if LOCK.acquire(timeout=WAIT_SECONDS):
        request.environ[KEY] = True
        # Nothing is read or written yet: begin again for the latest committed state.
        transaction.manager.begin()


def end(event):
    request = event.request
    if request.environ.pop(KEY, False):
        LOCK.release()
