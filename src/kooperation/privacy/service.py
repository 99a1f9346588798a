"""GET and DELETE /@personal-data/<userid> (GET /@personal-data: one's own data)."""

from kooperation import _
from kooperation.audit.service import forbidden
from kooperation.common.csrf import check_write
from kooperation.common.errors import render
from kooperation.privacy import delete_personal_data
from kooperation.privacy import export_personal_data
from kooperation.privacy import find_user
from plone import api
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


# Who administers users in Plone (users and groups control panel): Manager, Site Administrator.
MANAGE_USERS = "Plone Site Setup: Users and Groups"
MESSAGES = (
    _("error_personal_data_forbidden", default="You may only see your own personal data."),
    _("error_personal_data_delete", default="Only administrators may delete personal data."),
    _("error_unknown_user", default="There is no user with this id."),
    _("error_delete_yourself", default="You cannot delete your own account here."),
)


@implementer(IPublishTraverse)
class PersonalDataService(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def error(self, status, kind, msgid, default):
        self.request.response.setStatus(status)
        return {"error": {"type": kind, "message": render(msgid, default, {}, self.request)}}

    def not_found(self):
        return self.error(404, "NotFound", "error_unknown_user", "There is no user with this id.")

    def userid(self):
        if not self.params:
            return api.user.get_current().getId()
        return self.params[0] if len(self.params) == 1 else None

    def may_manage(self):
        return api.user.has_permission(MANAGE_USERS, obj=self.context)


class PersonalDataGet(PersonalDataService):
    """The user themself or a user administrator."""

    def reply(self):
        if api.user.is_anonymous():
            return forbidden(
                self, "error_personal_data_forbidden", "You may only see your own personal data."
            )
        userid = self.userid()
        if userid != api.user.get_current().getId() and not self.may_manage():
            return forbidden(
                self, "error_personal_data_forbidden", "You may only see your own personal data."
            )
        member = find_user(userid)
        if member is None:
            return self.not_found()
        # A GET that appends to the audit log; the rights are checked above.
        check_write(self.request)
        data = export_personal_data(member, self.request, via="rest")
        data["@id"] = f"{self.context.absolute_url()}/@personal-data/{member.getId()}"
        return data


class PersonalDataDelete(PersonalDataService):
    """User administrators only; keeps signature records and the audit log."""

    def reply(self):
        if not self.may_manage():
            return forbidden(
                self,
                "error_personal_data_delete",
                "Only administrators may delete personal data.",
            )
        member = find_user(self.userid()) if self.params else None
        if member is None:
            return self.not_found()
        if member.getId() == api.user.get_current().getId():
            return self.error(
                400,
                "BadRequest",
                "error_delete_yourself",
                "You cannot delete your own account here.",
            )
        check_write(self.request)
        summary = delete_personal_data(member, self.request)
        return {"deleted": member.getId(), **summary}
