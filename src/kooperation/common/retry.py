"""The pause before Zope publishes a request again after a write conflict.

Zope retries a request that lost a ``ConflictError`` (``max-conflict-retries`` in
zope.conf), but first sleeps a random time of up to 2**n seconds: up to one second before
the first retry, two before the second. The writes of this product that meet under a rush
(registrations for one event, see ``kooperation.events.registrations``) take tens of
milliseconds, and they conflict only when two want the same seat or address or meet in
one bucket of a catalog index; a second's pause makes a person wait for nothing. The pause
here starts at 50 ms and doubles up to one second, still random, so that contenders fall
out of step: ten retries wait at most 6.55 s in all.
"""

from ZPublisher.HTTPRequest import HTTPRequest

import random
import time


FIRST_SECONDS = 0.05
MAX_SECONDS = 1.0


def pause(retry_count, uniform=random.uniform):
    """Seconds to wait before retry number ``retry_count`` + 1."""
    return uniform(0, min(MAX_SECONDS, FIRST_SECONDS * 2**retry_count))


def delay_retry(request):
    time.sleep(pause(request.retry_count))


def install():
    HTTPRequest.delay_retry = delay_retry
