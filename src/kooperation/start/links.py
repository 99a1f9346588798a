"""The daily tools of a network, as links, each only for whom it works."""

from kooperation import _
from plone import api
from zope.i18n import translate


EVENT_TYPES = ("Workshop", "YouthConference")
# Spelled out so that the catalog extractor sees them.
TITLES = {
    "deadlines": _("tool_deadlines", default="Deadline dashboard"),
    "network-members": _("tool_network_members", default="Members and roles"),
    "registrations": _("tool_registrations", default="Registrations: ${title}"),
    "audit-log": _("tool_audit_log", default="Audit log"),
}


def network_tools(network, request):
    """[{"id", "title", "url"}] the current user may open on ``network``."""

    def tr(key, **mapping):
        message = TITLES[key]
        return translate(_(message, default=message.default, mapping=mapping), context=request)

    url = network.absolute_url()
    tools = []
    if api.user.has_permission("kooperation: Manage network members", obj=network):
        tools.append(
            {
                "id": "deadlines",
                "title": tr("deadlines"),
                "url": f"{url}/@@deadlines",
            }
        )
        tools.append(
            {
                "id": "network-members",
                "title": tr("network-members"),
                "url": f"{url}/@@network-members",
            }
        )
    for event in network.objectValues():
        if event.portal_type not in EVENT_TYPES:
            continue
        if api.user.has_permission("kooperation: Manage registrations", obj=event):
            tools.append(
                {
                    "id": f"registrations-{event.getId()}",
                    "title": tr("registrations", title=event.Title()),
                    "url": f"{event.absolute_url()}/@@registrations",
                }
            )
    if api.user.has_permission("kooperation: View network audit log", obj=network):
        tools.append(
            {
                "id": "audit-log",
                "title": tr("audit-log"),
                "url": f"{url}/@@audit-log",
            }
        )
    return tools
