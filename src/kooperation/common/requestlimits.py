"""Limits on REST request bodies, checked before plone.restapi parses them (issue 14).

``json.loads`` raises ``RecursionError`` on a deeply nested body (50,000 ``[``), which
ended as 500 on every endpoint. Before traversal ends, the raw body of every REST request
(``Accept: application/json``) that will be read as JSON is checked:

* at most ``MAX_BODY_BYTES`` (32 MiB: an agreement PDF of 20 MiB, base64-encoded, fits);
* arrays and objects nested at most ``MAX_DEPTH`` (32) levels deep.

A body over a limit is answered with 400 and a translated message.

Two places apply the limits: ``plone.restapi.deserializer.json_body``, the one function
through which plone.restapi and the product read a JSON body, parses with
``LimitedJSON.loads`` (a body over a limit is a ``DeserializationError``, which every
caller answers with 400; the PAS plugin that looks for login data during traversal
ignores it), and the ``IPubAfterTraversal`` subscriber ``check_body`` answers REST
requests with a translated message before the service runs.
"""

from kooperation import _
from zExceptions import BadRequest
from zope.i18n import translate

import json
import re


MAX_BODY_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 32
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def json_depth(body, limit=MAX_DEPTH):
    """The nesting depth of ``body`` (bytes), counted up to ``limit + 1``; strings skipped."""
    depth = deepest = 0
    for match in _TOKENS.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _body(request):
    try:
        body = request.get("BODY")
    except Exception:
        return b""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    return body or b""


def problem(request):
    """A ``_()`` message when the request's body breaks a limit, else None."""
    if request.get("REQUEST_METHOD", "GET").upper() in ("GET", "HEAD"):
        return None
    media_type = (request.getHeader("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media_type in FORM_TYPES:
        return None
    length = request.getHeader("Content-Length")
    try:
        if length and int(length) > MAX_BODY_BYTES:
            return _too_big()
    except ValueError:
        pass
    body = _body(request)
    if len(body) > MAX_BODY_BYTES:
        return _too_big()
    if json_depth(body) > MAX_DEPTH:
        return _(
            "error_body_too_deep",
            default="The body is nested too deeply (at most ${depth} levels).",
            mapping={"depth": MAX_DEPTH},
        )
    return None


def _too_big():
    return _(
        "error_body_too_big",
        default="The body is too large (at most ${size} MiB).",
        mapping={"size": MAX_BODY_BYTES // (1024 * 1024)},
    )


def check_body(event):
    """IPubAfterTraversal: refuse a REST request whose body breaks a limit."""
    from plone.rest.interfaces import IAPIRequest

    request = event.request
    if not IAPIRequest.providedBy(request):
        return
    message = problem(request)
    if message is not None:
        raise BadRequest(translate(message, context=request))


class LimitedJSON:
    """Stands in for the ``json`` module in ``plone.restapi.deserializer``: ``loads``
    refuses a body over a limit with ``ValueError`` before parsing it."""

    def loads(self, text, *args, **kwargs):
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        if raw and (len(raw) > MAX_BODY_BYTES or json_depth(raw) > MAX_DEPTH):
            raise ValueError("The body is too large or nested too deeply.")
        return json.loads(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(json, name)


def limit_json_body():
    import plone.restapi.deserializer

    if not isinstance(plone.restapi.deserializer.json, LimitedJSON):
        plone.restapi.deserializer.json = LimitedJSON()


limit_json_body()


def bad_body_is_400():
    """plone.restapi raises ``DeserializationError`` for a body that is not JSON (its own
    services such as ``@comments`` do not catch it); Zope answered unknown exception names
    with 500. The status of the name is 400, as for ``BadRequest``."""
    from ZPublisher.HTTPResponse import status_codes

    status_codes.setdefault("deserializationerror", 400)


bad_body_is_400()
