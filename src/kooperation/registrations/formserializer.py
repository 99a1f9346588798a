"""The registration form over REST: collective.easyform's serializer, with its permission
check fixed.

collective.easyform 5.0.2 (``serializer.SerializeToJson``) asks
``api.user.has_permission("collective.easyform.DownloadSavedInput")``. That is the id of the
Zope 3 permission; ``has_permission`` wants the Zope 2 title ("collective.easyform: Download
Saved Input"). Manager passes (an unknown permission is Manager's), everybody else gets
``InvalidParameterError`` and a 500 for ``GET <event>/anmeldung`` and for
``GET <event>?fullobjects=1`` (collective/collective.easyform#431). Here the title is asked;
rolemap.xml gives it to Manager, Site Administrator and Coordinator only, so only coordinators
read the saved registrations through the form.
"""

from collective.easyform.serializer import SerializeToJson
from plone import api


DOWNLOAD_SAVED_INPUT = "collective.easyform: Download Saved Input"


class FormToJson(SerializeToJson):
    def __call__(self, version=None, include_items=True):
        # plone.restapi's serializer, then easyform's saved data if the user may read it.
        result = super(SerializeToJson, self).__call__(version, include_items)
        if api.user.has_permission(DOWNLOAD_SAVED_INPUT, obj=self.context):
            self.serializeSavedData(result)
        return result
