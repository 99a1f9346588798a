"""Comments on minutes in circulation (plone.app.discussion): who reads them, who is told.

The workflows decide who may comment (``Reply to item``: only in circulation) and who
reads the comments (``View comments`` on the minutes, ``View`` on each comment through
``kooperation_comment_workflow``): the network, never Anonymous, even when the minutes
are public. plone.restapi's ``GET @comments`` checks only ``View`` on the content and
serializes a single comment without asking: on minutes it also asks ``View comments``
and ``View`` on the comment.

plone.app.discussion binds "Discussion Item" to its own (public) workflows whenever the
registry record ``moderation_enabled`` is written, by its control panel or by a profile
(also ours): ``keep_comment_workflow`` binds it back.

Minutes do not tell the catalog who commented (``commentators``: an index and a metadata
column that Anonymous can query on public minutes).

A new comment (or reply) on minutes in circulation is mailed to the minute-taker's
partner and the network's coordinators.
"""

from AccessControl import getSecurityManager
from kooperation import _
from kooperation.common.german import german_date
from kooperation.common.mail import MailError
from kooperation.common.mail import queue
from kooperation.meetings.interfaces import IMinutes
from kooperation.meetings.mail import compose
from kooperation.meetings.mail import partners_and_coordinators
from kooperation.meetings.mail import tr
from kooperation.meetings.series import _day
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.indexer import indexer
from plone.restapi.services.discussion.conversation import CommentsGet
from Products.ZCatalog.interfaces import IZCatalog
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component.hooks import getSite

import logging


logger = logging.getLogger("kooperation.meetings")

CIRCULATION = "circulation"
COMMENT_WORKFLOW = "kooperation_comment_workflow"


def _allowed(permission, obj):
    return bool(getSecurityManager().checkPermission(permission, obj))


class MinutesCommentsGet(CommentsGet):
    """``GET <minutes>/@comments[/<id>]``: 401/403 unless the user may read the comments."""

    def reply(self):
        if not _allowed("View comments", self.context):
            raise Unauthorized("You may not read the comments on these minutes.")
        if self.comment_id:
            conversation = IConversation(self.context)
            if self.comment_id not in conversation:
                raise NotFound(str(self.comment_id))
            if not _allowed("View", conversation[self.comment_id]):
                raise Unauthorized("You may not read this comment.")
        return super().reply()


@indexer(IMinutes, IZCatalog)
def no_commentators(minutes):
    """Who commented on minutes is not for the catalog (Anonymous searches it)."""
    raise AttributeError("commentators")


def correction_recipients(minutes):
    """The minute-taker's partner people and the network's coordinators."""
    meeting = minutes.__parent__
    minute_taker = (getattr(meeting, "duty_holders", None) or {}).get("minutes")
    return partners_and_coordinators(minutes, [minute_taker] if minute_taker else [])


def correction_mail(minutes, comment, to):
    meeting = minutes.__parent__
    day = _day(getattr(meeting, "start", None))
    mapping = {
        "minutes": minutes.Title(),
        "meeting": meeting.Title(),
        "series": meeting.__parent__.Title(),
        "day": german_date(day) if day else "",
        "author": comment.author_name or comment.author_username or "",
    }
    lines = [
        tr(_("reminder_greeting", default="Hello,")),
        "",
        tr(
            _(
                "minutes_comment_text",
                default="${author} suggests a correction to the minutes “${minutes}” of "
                "“${meeting}” (${series}, ${day}):",
                mapping=mapping,
            )
        ),
        "",
        *(comment.text or "").splitlines(),
        "",
        f"{minutes.absolute_url()}#{comment.id}",
    ]
    subject = tr(
        _(
            "minutes_comment_subject",
            default="Correction suggested for the minutes “${minutes}”",
            mapping=mapping,
        )
    )
    return compose(subject, to, lines, reply_to=_author_email(comment))


def _author_email(comment):
    user = api.user.get(userid=comment.author_username) if comment.author_username else None
    address = user.getProperty("email", None) if user is not None else None
    return address or None


def comment_added(minutes, event):
    """Subscriber of ICommentAddedEvent and IReplyAddedEvent on minutes."""
    if api.content.get_state(minutes) != CIRCULATION:
        return
    to = correction_recipients(minutes)
    if not to:
        logger.warning("Nobody to tell about a comment on %s", minutes.absolute_url())
        return
    try:
        message = correction_mail(minutes, event.comment, to)
    except MailError as error:  # no sender address: commenting must not fail for it
        logger.warning("Comment on %s not mailed: %s", minutes.absolute_url(), error)
        return
    queue(message)


def keep_comment_workflow(event):
    """Subscriber of IRecordModifiedEvent, after plone.app.discussion's (registered later)."""
    record = event.record
    if (
        getattr(record, "interfaceName", None) != IDiscussionSettings.__identifier__
        or record.fieldName != "moderation_enabled"
    ):
        return
    site = getSite()
    wftool = getattr(site, "portal_workflow", None)
    if wftool is None or COMMENT_WORKFLOW not in wftool.objectIds():
        return  # not installed (yet): the profile's workflows.xml binds it
    if wftool.getChainForPortalType("Discussion Item") != (COMMENT_WORKFLOW,):
        wftool.setChainForPortalTypes(("Discussion Item",), COMMENT_WORKFLOW)
    if record.value:
        logger.warning(
            "Comment moderation is not available: comments keep %s (never public)",
            COMMENT_WORKFLOW,
        )
