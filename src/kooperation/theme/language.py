"""A member's own language at login.

Plone negotiates the language from the cookie that the header's "Deutsch / English" switch
sets (``I18N_LANGUAGE``), then from the browser's ``Accept-Language``. A member who chose a
language in their personal preferences (the member property ``language``) gets it when
they log in: the cookie is set to it, so the header's switch still changes it for the
session, and a shared office computer's browser language does not decide for them.
"""

from plone import api
from zope.globalrequest import getRequest


COOKIE = "I18N_LANGUAGE"


def preferred_language(userid):
    """The member's chosen language if the site offers it, else None."""
    member = api.user.get(userid=userid) if userid else None
    if member is None:
        return None
    language = member.getProperty("language", "") or ""
    offered = api.portal.get_registry_record("plone.available_languages", default=[]) or []
    return language if language in offered else None


def language_at_login(event):
    request = getRequest()
    if request is None:
        return
    language = preferred_language(event.object.getId())
    if language:
        request.response.setCookie(COOKIE, language, path="/")
