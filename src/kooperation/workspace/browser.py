"""Classic UI of the workspace: the network's members, a person's hand-over."""

from datetime import date
from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.common.network import network_of
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from kooperation.vocabularies import LEGAL_SPHERES
from kooperation.vocabularies import PARTNER_KINDS
from kooperation.workspace import check_may_confirm
from kooperation.workspace import confirm_person
from kooperation.workspace import confirmation
from kooperation.workspace import effective_grant
from kooperation.workspace import group_ids
from kooperation.workspace import may_confirm
from kooperation.workspace import partner_admins
from kooperation.workspace import pending_fields
from kooperation.workspace.handover import leave
from kooperation.workspace.handover import move
from kooperation.workspace.handover import open_duties
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class HandoverView(BrowserView):
    """@@handover on a Person: open duties; leave on a date, or move to another partner."""

    errors = None

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            target = self._handle()
            if target is not None:
                self.request.response.redirect(target)
                return ""
        return self.index()

    def _handle(self):
        form = self.request.form
        try:
            if "form.leave" in form:
                day = _parse(form.get("date"))
                leave(self.context, day, form.get("successor") or None)
                api.portal.show_message(
                    _("msg_left", default="The hand-over has been recorded."), self.request
                )
                return f"{self.context.absolute_url()}/@@handover"
            if "form.move" in form:
                moved = move(self.context, form.get("partner") or None)
                api.portal.show_message(
                    _("msg_moved", default="The person has been moved."), self.request
                )
                return f"{moved.absolute_url()}/@@handover"
        except KooperationError as error:
            self.errors[error.field] = error.message(self.request)
        return None

    def duties(self):
        return open_duties(self.context)

    def successors(self):
        return [
            {"uid": obj.UID(), "title": obj.Title()}
            for obj in self.context.__parent__.objectValues()
            if IPerson.providedBy(obj) and obj.UID() != self.context.UID()
        ]

    def partners(self):
        network = network_of(self.context)
        if network is None:
            return []
        brains = api.content.find(
            context=network, object_provides=IPartner.__identifier__, sort_on="sortable_title"
        )
        current = self.context.__parent__.UID()
        return [{"uid": b.UID, "title": b.Title} for b in brains if current != b.UID]

    def today(self):
        return date.today().isoformat()


def _parse(value):
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise KooperationError(
            "date", _("error_leave_date", default="The day of leaving is missing.")
        ) from None


class NetworkMembersView(BrowserView):
    """@@network-members on a Network: who coordinates and edits; the partners' people.

    Coordinators add and remove portal users of the coordinators and editors groups
    here; the partners' staff and signatories follow from Person entries.
    """

    GROUPS = ("coordinators", "editors")
    errors = None

    def page_title(self):
        return translate(
            _("heading_network_members", default="Members of the network"), context=self.request
        )

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self._handle():
                self.request.response.redirect(f"{self.context.absolute_url()}/@@network-members")
                return ""
        return self.index()

    def _handle(self):
        form = self.request.form
        kind = form.get("group")
        if kind not in self.GROUPS:
            return False
        group_id = group_ids(self.context)[kind]
        user_id = (form.get("user_id") or "").strip()
        if "form.add" in form:
            if not user_id or api.user.get(userid=user_id) is None:
                self.errors[kind] = translate(
                    _(
                        "error_no_such_login",
                        default="There is no portal user '${user}'.",
                        mapping={"user": user_id},
                    ),
                    context=self.request,
                )
                return False
            api.group.add_user(groupname=group_id, username=user_id)
        elif "form.remove" in form and user_id:
            api.group.remove_user(groupname=group_id, username=user_id)
        else:
            return False
        api.portal.show_message(_("msg_saved", default="Changes saved."), self.request)
        return True

    def groups(self):
        ids = group_ids(self.context)
        portal_groups = api.portal.get_tool("portal_groups")
        result = []
        titles = {
            "coordinators": _("group_coordinators", default="Coordinators"),
            "editors": _("group_editors", default="Editors"),
        }
        for kind in self.GROUPS:
            group = portal_groups.getGroupById(ids[kind])
            users = []
            for member_id in group.getMemberIds() if group is not None else ():
                user = api.user.get(userid=member_id)
                if user is not None:
                    users.append(
                        {"id": member_id, "name": user.getProperty("fullname") or member_id}
                    )
            result.append({"kind": kind, "title": titles[kind], "users": users})
        return result

    def partners(self):
        """Partners with their people (catalog, no objects woken)."""
        brains = api.content.find(
            context=self.context,
            object_provides=IPartner.__identifier__,
            sort_on="sortable_title",
        )
        result = []
        for brain in brains:
            people = api.content.find(
                path=brain.getPath(),
                object_provides=IPerson.__identifier__,
                sort_on="sortable_title",
            )
            result.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "people": [{"title": p.Title, "url": p.getURL()} for p in people],
                }
            )
        return result


class ConfirmView(BrowserView):
    """@@confirm on a Person: the partner confirms who acts for it (see workspace)."""

    errors = None
    FIELD_TITLES = {
        "user_id": _("label_user_id", default="Portal user"),
        "may_sign": _("label_may_sign", default="Entitled to sign for the partner"),
        "signing_window": _("label_signing_window", default="Window of the authority to sign"),
        "partner_admin": _("label_partner_admin", default="Manages the partner's people"),
    }

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST" and "form.confirm" in self.request.form:
            CheckAuthenticator(self.request)
            if self._confirm():
                api.portal.show_message(
                    _("msg_person_confirmed", default="The entry is confirmed for the partner."),
                    self.request,
                )
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    def _confirm(self):
        from plone.namedfile.file import NamedBlobFile

        upload = self.request.form.get("evidence")
        evidence = None
        if upload is not None and getattr(upload, "filename", None):
            evidence = NamedBlobFile(
                data=upload.read(),
                filename=upload.filename,
                contentType=upload.headers.get("content-type") or "application/pdf",
            )
        note = (self.request.form.get("note") or "").strip()[:2000]
        user_id = api.user.get_current().getId()
        try:
            how = check_may_confirm(
                self.context,
                user_id,
                api.user.has_permission("kooperation: Manage network members", obj=self.context),
                evidence,
            )
        except KooperationError as error:
            self.errors[error.field] = error.message(self.request)
            return False
        confirm_person(self.context, by=user_id, how=how, evidence=evidence, note=note)
        return True

    def pending(self):
        return [
            translate(self.FIELD_TITLES[name], context=self.request)
            for name in pending_fields(self.context)
        ]

    def needs_evidence(self):
        return not partner_admins(self.context.__parent__)


class ConfirmationViewlet(ViewletBase):
    """On a Person: what counts of the entry, what waits for the partner, and the way
    to confirm it for those who may."""

    index = ViewPageTemplateFile("templates/confirmation_viewlet.pt")

    def update(self):
        super().update()
        self.record = confirmation(self.context)
        self.waiting = [
            translate(ConfirmView.FIELD_TITLES[name], context=self.request)
            for name in pending_fields(self.context)
        ]
        self.may_confirm = bool(self.waiting) and may_confirm(self.context)

    def confirmers(self):
        """Who of the partner may confirm: named for those who cannot, as the next step."""

        partner = self.context.__parent__
        persons = partner.persons() if IPartner.providedBy(partner) else []
        return [p.Title() for p in persons if effective_grant(p).partner_admin]

    def confirmed_on(self):
        when = self.record.get("confirmed_at")
        return german_date(when)


class PartnerView(BrowserView):
    """A partner's page: its facts that have a value, then its people as the visitor may
    see them, each with what counts of its entry (the part the partner confirmed)."""

    def facts(self):
        context = self.context
        rows = [
            (_("label_short_name", default="Short name"), context.short_name, None),
            (
                _("label_partner_kind", default="Kind of organisation"),
                _titles(PARTNER_KINDS, [context.partner_kind], self.request),
                None,
            ),
            (
                _("label_legal_spheres", default="Legal spheres"),
                _titles(LEGAL_SPHERES, context.legal_spheres or (), self.request),
                None,
            ),
            (_("label_address", default="Address"), context.address, None),
            (_("label_web", default="Web site"), context.web, context.web),
            (
                _("label_email", default="E-mail"),
                context.email,
                f"mailto:{context.email}" if context.email else None,
            ),
        ]
        return [
            {"label": translate(label, context=self.request), "value": value, "href": href}
            for label, value, href in rows
            if value
        ]

    def people(self):
        today = date.today()
        rows = []
        for brain in api.content.find(
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            portal_type="Person",
            sort_on="getObjPositionInParent",
        ):
            person = brain.getObject()
            grant = effective_grant(person)
            roles = []
            if person.is_contact:
                roles.append(_("label_is_contact", default="Contact person"))
            if grant.signs_on(today):
                roles.append(_("label_may_sign", default="Entitled to sign for the partner"))
            if grant.partner_admin:
                roles.append(_("label_partner_admin", default="Manages the partner's people"))
            if pending_fields(person):
                roles.append(
                    _(
                        "info_person_pending_short",
                        default="changes wait for the partner's confirmation",
                    )
                )
            rows.append(
                {
                    "name": brain.Title,
                    "url": brain.getURL(),
                    "position": person.position or "",
                    "roles": " · ".join(translate(r, context=self.request) for r in roles),
                }
            )
        return rows

    def areas(self):
        """The partner's internal area, for who may see it (its staff)."""
        return api.content.find(
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            portal_type="PartnerArea",
        )


def _titles(vocabulary, values, request):
    """The titles of ``values`` in one of the domain's fixed vocabularies, joined."""
    return ", ".join(
        translate(vocabulary.by_value[value].title, context=request)
        if value in vocabulary.by_value
        else str(value)
        for value in values
        if value
    )
