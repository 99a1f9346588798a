"""Corrections of approved minutes: the text stays locked, a correction is a new version.

Approval locks the minutes (nobody holds "Modify portal content" from then on). A
coordinator or an editor of the network may still correct an error: the correction
changes text and decisions in code, with a mandatory reason, and CMFEditions keeps
every version (the approved one is saved first, on approval). Public minutes stay
free of third-party data: a correction that adds some is refused.
"""

from kooperation import _
from kooperation.agreements.errors import KooperationError
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


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


def correct(minutes, reason, text=None, decisions=None, user=None):
    """Correct approved ``minutes``; return the new version's number.

    ``text`` (HTML) and ``decisions`` (list or lines) left None stay as they are.
    KooperationError: not allowed, not approved yet, no reason, nothing changed, or
    public minutes that would show third-party data.
    """
    from kooperation.meetings.browser import privacy_warning

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
    changed = (text is not None and text.strip() != old_text.strip()) or (
        decisions is not None and decisions != old_decisions
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
    if api.content.get_state(minutes) == "published_public":
        found, _findings = privacy_warning(minutes, minutes.REQUEST)
        if found:
            minutes.text = RichTextValue(old_text, "text/html", "text/x-html-safe")
            minutes.decisions = old_decisions
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
    from kooperation.audit import log_event

    log_event("minutes_corrected", obj=minutes, reason=reason)
    return len(versions(minutes)) - 1
