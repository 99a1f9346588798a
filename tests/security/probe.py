"""What the real permission machinery grants each persona (used by the matrix test)."""

from kooperation.interfaces import IPerson
from kooperation.interfaces import ISignable
from plone import api
from Products.CMFCore.interfaces import IFolderish


CHECKS = (
    ("V", "View"),
    ("M", "Modify portal content"),
    ("A", "Add portal content"),
    ("D", "Delete objects"),
    ("S", "kooperation: Sign"),
    ("B", "kooperation: Record signature on behalf"),
)


def _confirms(obj):
    """May confirm the Person entry for its partner (the right and the partner's rule)."""
    from kooperation.workspace import may_confirm

    return IPerson.providedBy(obj) and may_confirm(obj)


def _cell(obj):
    signable = ISignable.providedBy(obj)
    letters = "".join(
        letter
        for letter, perm in CHECKS
        if (signable or letter not in "SB") and api.user.has_permission(perm, obj=obj)
    )
    letters += "C" if _confirms(obj) else ""
    wf = api.portal.get_tool("portal_workflow")
    transitions = sorted(t["id"] for t in wf.getTransitionsFor(obj))
    adds = []
    if "A" in letters and IFolderish.providedBy(obj):
        adds = sorted(f"+{fti.getId()}" for fti in obj.allowedContentTypes())
    return " ".join([letters or "-", *transitions, *adds])


def cell(obj, persona):
    """'VMAD publish' style: permissions held on ``obj`` and transitions offered."""
    if persona == "anonymous":
        with api.env.adopt_roles(["Anonymous"]):
            from AccessControl.SecurityManagement import newSecurityManager
            from AccessControl.SpecialUsers import nobody

            newSecurityManager(None, nobody)
            return _cell(obj)
    with api.env.adopt_user(username=persona):
        return _cell(obj)
