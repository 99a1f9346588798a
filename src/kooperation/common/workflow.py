"""A workflow state as people read it."""

from plone import api
from zope.i18n import translate


def state_title(portal_type, state, request):
    """The title of ``state`` in the workflow of ``portal_type``, in the reader's language
    (our workflows' titles are in the kooperation catalog); "" for no state."""
    if not state:
        return ""
    workflow = api.portal.get_tool("portal_workflow")
    title = workflow.getTitleForStateOnType(state, portal_type)
    return translate(title, domain="kooperation", context=request)
