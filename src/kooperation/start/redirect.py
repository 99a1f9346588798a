"""After login, a person lands on "Mein Überblick" unless they came from a page of their own."""

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.interface import implementer


@implementer(IRedirectAfterLogin)
class RedirectToOverview:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url()
        target = (came_from or "").split("?")[0].rstrip("/")
        generic = ("", portal_url, f"{portal_url}/login", f"{portal_url}/logged_out")
        if target in generic or target.endswith(("/login", "/logged_out", "/login_form")):
            return f"{portal_url}/@@my-overview"
        return came_from
