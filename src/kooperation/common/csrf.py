"""The CSRF rule of the product's REST write services (issue 14).

plone.protect's automatic check does not fit a JSON API, so the services switch it off;
``check_write`` puts in its place one rule, called first by every product write service:

* Safe methods (GET, HEAD) and anonymous requests pass (nothing to forge a session for).
* Requests that carry their credentials in an ``Authorization`` header (Basic, Bearer
  token) pass: a browser never adds that header to a forged cross-site request.
* A cookie session passes with ``Content-Type: application/json`` (a cross-site page
  cannot send that without a CORS preflight, which the site does not grant).
* Any other cookie-authenticated write (``text/plain``, a form, multipart, no type) needs
  a valid ``_authenticator`` (form field) or ``X-CSRF-TOKEN`` (header) token; without one
  it is refused with 403 and a translated message.
"""

from kooperation import _
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_TYPES = ("application/json",)


def _media_type(request):
    value = request.getHeader("Content-Type") or ""
    return value.split(";", 1)[0].strip().lower()


def _valid_token(request):
    from plone.protect.authenticator import _verify_request

    try:
        return bool(_verify_request(request))
    except Exception:  # a malformed token is no token
        return False


def forged(request):
    """Whether ``request`` is a write that a foreign page could have sent with the
    user's cookie (see the module's docstring)."""
    if request.get("REQUEST_METHOD", "GET").upper() in SAFE_METHODS:
        return False
    if getattr(request, "_auth", None) or request.getHeader("Authorization"):
        return False
    if api.user.is_anonymous():
        return False
    media_type = _media_type(request)
    if media_type in JSON_TYPES or media_type.endswith("+json"):
        return False
    return not _valid_token(request)


def check_write(request):
    """Apply the rule: Forbidden (403, translated) for a forged write; otherwise switch
    plone.protect's automatic check off for this request, as the services did before."""
    if forged(request):
        raise Forbidden(
            translate(
                _(
                    "error_csrf",
                    default="This change needs a JSON request or the form's security "
                    "token. Please reload the page and try again.",
                ),
                context=request,
            )
        )
    alsoProvides(request, IDisableCSRFProtection)
