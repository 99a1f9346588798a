"""Corrections of approved minutes: the text stays locked, a correction is a new version.

Approval locks the minutes (nobody holds "Modify portal content" from then on). A
coordinator or an editor of the network may still correct an error: the correction
changes text, decisions and the state of action items (done, due date) in code, with
a mandatory reason, and CMFEditions keeps
every version (the approved one is saved first, on approval). Public minutes stay
free of third-party data: a correction that adds some is refused.
"""

from datetime import date
from kooperation import _
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.meetings.privacy import privacy_warning
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import re


LOCKED_STATES = ("approved", "published", "published_public")
CORRECTORS = {"Manager", "Site Administrator", "Coordinator", "Editor"}
MAX_REASON = 500


def _save(minutes, comment):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        repository.save(obj=minutes, comment=comment)


def versions(minutes):
    """The kept versions, oldest first: {"version", "date" (DateTime), "by", "comment"}."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        try:
            history = repository.getHistoryMetadata(minutes)
        except Exception:
            history = None
        if not history:
            return []
        out = []
        for version_id in range(history.getLength(countPurged=False)):
            meta = history.retrieve(version_id, countPurged=False)["metadata"]["sys_metadata"]
            out.append(
                {
                    "version": version_id,
                    "timestamp": meta.get("timestamp"),
                    "by": meta.get("principal") or "",
                    "comment": meta.get("comment") or "",
                }
            )
        return out


def version_text(minutes, version_id):
    """The HTML text of a kept version (for comparing)."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        old = repository.retrieve(minutes, version_id).object
    return old.text.raw if old.text else ""


def minutes_approved(minutes, event):
    """Subscriber (IActionSucceededEvent): keep the approved text as the first version."""
    if getattr(event, "action", None) == "approve" and not versions(minutes):
        _save(minutes, "approved")


def may_correct(minutes, user=None):
    user = user or api.user.get_current()
    if user is None or api.user.is_anonymous():
        return False
    return bool(set(api.user.get_roles(user=user, obj=minutes)) & CORRECTORS)


def _decisions(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise KooperationError(
            "decisions",
            _("error_correction_decisions", default="Decisions must be a list of texts."),
        )
    return [v.strip() for v in value if v.strip()]


ACTION_KEYS = {"index", "done", "due"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bad_action(message=None):
    return KooperationError(
        "action_items",
        message
        or _(
            "error_correction_actions",
            default='Action items are a list of {"index": number, "done": true or false, '
            '"due": "YYYY-MM-DD" or null}.',
        ),
    )


def _iso_date(value):
    """``value`` as "YYYY-MM-DD" when it is a real date written so; None otherwise."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def _action_items(value, items):
    """The action items after the changes ``value`` (a list of {"index": n, "done": bool?,
    "due": "YYYY-MM-DD" or null?}); None when ``value`` is None. What and who stay."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise _bad_action()
    result = [dict(item) for item in items]
    seen = set()
    for change in value:
        if not isinstance(change, dict) or not set(change) <= ACTION_KEYS:
            raise _bad_action()
        index = change.get("index")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
            raise _bad_action(
                _(
                    "error_correction_action_index",
                    default="There is no action item ${index} (the minutes have ${count}, "
                    "counted from 0).",
                    mapping={"index": repr(index), "count": len(items)},
                )
            )
        if index in seen:
            raise _bad_action(
                _(
                    "error_correction_action_twice",
                    default="Action item ${index} is corrected twice.",
                    mapping={"index": index},
                )
            )
        seen.add(index)
        item = result[index]
        if "done" in change:
            if not isinstance(change["done"], bool):
                raise _bad_action(
                    _(
                        "error_correction_action_done",
                        default="done of action item ${index} must be true or false.",
                        mapping={"index": index},
                    )
                )
            item["done"] = change["done"]
        if "due" in change:
            due = change["due"]
            if due in (None, ""):
                if "due" in item:
                    item["due"] = None
            elif _iso_date(due) is None:
                raise _bad_action(
                    _(
                        "error_correction_action_due",
                        default="The due date of action item ${index} is not a date of the "
                        "form YYYY-MM-DD: ${value}",
                        mapping={"index": index, "value": repr(due)},
                    )
                )
            else:
                item["due"] = _iso_date(due)
    return result


def _state(item):
    return (bool(item.get("done")), item.get("due") or None)


def correct(minutes, reason, text=None, decisions=None, action_items=None, user=None):
    """Correct approved ``minutes``; return the new version's number.

    ``text`` (HTML), ``decisions`` (list or lines) and ``action_items`` (changes of done
    and due date by index, see ``_action_items``) left None stay as they are.
    KooperationError: not allowed, not approved yet, no reason, nothing changed, or
    public minutes that would show third-party data.
    """
    if not may_correct(minutes, user):
        raise KooperationError(
            "permission",
            _(
                "error_correction_not_allowed",
                default="Only the network's coordinators and editors may correct approved minutes.",
            ),
        )
    if api.content.get_state(minutes, default=None) not in LOCKED_STATES:
        raise KooperationError(
            "state",
            _(
                "error_correction_not_approved",
                default="These minutes are not approved yet: edit them instead.",
            ),
        )
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise KooperationError(
            "reason",
            _("error_correction_reason", default="Please give the reason for the correction."),
        )
    if len(reason) > MAX_REASON:
        raise KooperationError(
            "reason",
            _(
                "error_correction_reason_long",
                default="The reason is longer than ${max} characters.",
                mapping={"max": MAX_REASON},
            ),
        )
    if text is not None and not isinstance(text, str):
        raise KooperationError(
            "text", _("error_correction_text", default="The text must be HTML text.")
        )
    decisions = _decisions(decisions)
    old_text = minutes.text.raw if minutes.text else ""
    old_decisions = list(minutes.decisions or ())
    old_items = [dict(item) for item in minutes.action_items or ()]
    action_items = _action_items(action_items, old_items)
    changed = (
        (text is not None and text.strip() != old_text.strip())
        or (decisions is not None and decisions != old_decisions)
        or (
            action_items is not None
            and [_state(i) for i in action_items] != [_state(i) for i in old_items]
        )
    )
    if not changed:
        raise KooperationError(
            "text", _("error_correction_unchanged", default="The correction changes nothing.")
        )
    if not versions(minutes):
        _save(minutes, "approved")
    if text is not None:
        minutes.text = RichTextValue(text, "text/html", "text/x-html-safe")
    if decisions is not None:
        minutes.decisions = decisions
    if action_items is not None:
        minutes.action_items = action_items
    if api.content.get_state(minutes) == "published_public":
        found, _findings = privacy_warning(minutes, minutes.REQUEST)
        if found:
            minutes.text = RichTextValue(old_text, "text/html", "text/x-html-safe")
            minutes.decisions = old_decisions
            minutes.action_items = old_items
            raise KooperationError(
                "text",
                _(
                    "error_correction_third_party",
                    default="Public minutes must not show personal data of third parties: "
                    "${warning}",
                    mapping={"warning": found},
                ),
            )
    notify(ObjectModifiedEvent(minutes))
    _save(minutes, reason)

    log_event("minutes_corrected", obj=minutes, reason=reason)
    return len(versions(minutes)) - 1
