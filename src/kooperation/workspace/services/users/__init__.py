"""POST @users/<login>/reset-password without a body: the same answer for every login.

plone.restapi answered 404 for an unknown login (which tells who has an account) and 500
when the mail could not be sent. Here the answer is always 204; a known user gets the
mail, and a failure to send it is logged, not shown (issue 14).
"""

from kooperation import logger
from plone.restapi.services.users.add import UsersPost as BaseUsersPost
from Products.CMFCore.utils import getToolByName
from ZODB.POSException import ConflictError

import transaction


class UsersPost(BaseUsersPost):
    def update_password(self, data):
        if list(data):
            return super().update_password(data)
        login = self.params[0]
        if self._get_user_by_login_name(login) is not None:
            registration = getToolByName(self.context, "portal_registration")
            try:
                registration.mailPassword(login, self.request)
                # The mail leaves when the transaction commits: commit here so that a
                # failure to send is caught, not answered with 500.
                transaction.commit()
            except ConflictError:
                raise
            except Exception:
                transaction.abort()
                logger.exception("Password reset mail for %r not sent", login)
        self.request.response.setStatus(204)
        return None
