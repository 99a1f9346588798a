"""Batching parameters of the product's REST listings (issue 14).

plone.restapi's ``HypermediaBatch`` reads ``b_start`` and ``b_size`` from the query string
(or a JSON body) and checks only that they are integers: ``b_size=-1`` ends in an
``AssertionError`` of plone.batching (a 500), ``b_size=10**9`` wakes everything. Product
listings call ``batch`` instead: ``b_start`` is 0 or more, ``b_size`` between 1 and
``MAX_BATCH_SIZE``; anything else is a 400 with a translated message.
"""

from kooperation import _
from plone.restapi.batching import HypermediaBatch
from zExceptions import BadRequest
from zope.i18n import translate


# The largest page a product listing returns; ask for more pages with b_start.
MAX_BATCH_SIZE = 200


def _given(request, name):
    """The value of ``name`` from a JSON body object (as HypermediaBatch reads it first),
    else from the query string; None if neither has it."""
    from plone.restapi.deserializer import json_body
    from plone.restapi.exceptions import DeserializationError

    try:
        data = json_body(request)
    except DeserializationError:
        data = None
    if isinstance(data, dict) and data.get(name) not in (None, "", 0):
        return data[name]
    return request.form.get(name)


def _integer(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def check_batch(request, maximum=MAX_BATCH_SIZE):
    """Raise BadRequest (400, translated) unless b_start >= 0 and 1 <= b_size <= maximum."""
    start = _given(request, "b_start")
    size = _given(request, "b_size")
    if start is not None and (_integer(start) is None or _integer(start) < 0):
        raise BadRequest(
            translate(
                _("error_b_start", default="b_start is a whole number of 0 or more."),
                context=request,
            )
        )
    if size is not None and (_integer(size) is None or not 1 <= _integer(size) <= maximum):
        raise BadRequest(
            translate(
                _(
                    "error_b_size",
                    default="b_size is a whole number from 1 to ${maximum}.",
                    mapping={"maximum": maximum},
                ),
                context=request,
            )
        )


def batch(request, items, maximum=MAX_BATCH_SIZE):
    """plone.restapi's HypermediaBatch over ``items``, after ``check_batch``."""
    check_batch(request, maximum)
    return HypermediaBatch(request, items)
