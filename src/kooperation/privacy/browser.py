"""@@my-data ("Meine Daten"): what the portal holds about the logged-in user, as a download."""

from kooperation.common.csrf import check_write
from kooperation.privacy import export_personal_data
from kooperation.privacy import personal_data
from plone import api
from Products.Five import BrowserView

import json


class MyDataView(BrowserView):
    data = None

    def __call__(self):
        member = api.user.get_current()
        member = api.user.get(userid=member.getId()) if member is not None else None
        if member is None:  # users of the Zope root have no member data in the site
            return self.index()
        if self.request.form.get("download"):
            return self.download(member)
        self.data = personal_data(member)
        return self.index()

    def download(self, member):
        # A download that also logs itself; only one's own data, so no token is needed.
        check_write(self.request)
        data = export_personal_data(member, self.request, via="classic")
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="personal-data-{member.getId()}.json"'
        )
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)

    def counts(self):
        data = self.data or {}
        return {name: len(data.get(name, ())) for name in SECTIONS}


SECTIONS = ("persons", "signatures", "content_created", "registrations", "local_roles", "audit")
