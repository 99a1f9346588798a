"""Personal feed tokens: a calendar app cannot log in, so each user may have a secret
address for their calendar feeds. The token stands for the user and nothing else: the
feed runs the catalog as that user. Revoked or renewed, the old address answers 404;
a password change renews it (the new password is the user's way to cut off what leaked).
"""

from BTrees.OOBTree import OOBTree
from plone import api
from zope.annotation.interfaces import IAnnotations

import secrets


KEY = "kooperation.feed_tokens"


def _store(create=False):
    try:
        portal = api.portal.get()
    except api.exc.CannotGetPortalError:  # e.g. a user of the Zope root
        return None
    annotations = IAnnotations(portal)
    store = annotations.get(KEY)
    if store is None and create:
        store = annotations[KEY] = OOBTree({"by_user": OOBTree(), "by_token": OOBTree()})
    return store


def token_for(user_id):
    """The user's current token, or None."""
    store = _store()
    return None if store is None else store["by_user"].get(user_id)


def user_for(token):
    """The user a token stands for, or None (unknown, revoked, renewed)."""
    store = _store()
    if store is None or not token or len(token) > 100:
        return None
    return store["by_token"].get(token)


def revoke(user_id):
    store = _store()
    if store is None:
        return
    token = store["by_user"].pop(user_id, None)
    if token is not None:
        store["by_token"].pop(token, None)


def renew(user_id):
    """A new token for the user; the old one stops working. Returns the new token."""
    revoke(user_id)
    store = _store(create=True)
    token = secrets.token_urlsafe(32)
    store["by_user"][user_id] = token
    store["by_token"][token] = user_id
    return token


def credentials_updated(event):
    """Subscriber: a changed password renews an existing feed token."""
    principal = getattr(event, "principal", None)
    user_id = principal.getId() if principal is not None else None
    if user_id and token_for(user_id) is not None:
        renew(user_id)


def principal_deleted(event):
    """Subscriber: a deleted user's feeds end."""
    user_id = getattr(event, "principal", None)
    if isinstance(user_id, str):
        revoke(user_id)
