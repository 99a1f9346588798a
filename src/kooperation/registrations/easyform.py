"""The registration form of an event: a collective.easyform form inside the event, with
default fields the coordinators may change through the web, and an action that hands each
submission to the registration service (the same rules as ``POST @registrations``)."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.config import FORM_ERROR_MARKER
from kooperation import _
from kooperation.registrations import service
from kooperation.registrations.form import FieldErrors
from kooperation.registrations.form import parse
from kooperation.registrations.interfaces import IRegistrationForm
from kooperation.registrations.interfaces import IYouthConference
from kooperation.registrations.rules import RegistrationError
from plone import api
from plone.base.interfaces import IWorkflowChain
from plone.supermodel.exportimport import BaseHandler
from Products.CMFCore.interfaces import IWorkflowTool
from Products.statusmessages.interfaces import IStatusMessage
from xml.sax.saxutils import escape
from zope.component import adapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer


FORM_ID = "anmeldung"

_FIELD = """
    <field name="{name}" type="{type}">
      <title>{title}</title>{description}
      <required>{required}</required>{extra}
    </field>"""

# The default fields: name (the REST field name, never translated), type, title,
# description (or None), required, extra XML. Titles and descriptions are messages,
# rendered in the site's default language when the form is created.
PARTNERS = "\n      <vocabulary>kooperation.Partners</vocabulary>"
FULLNAME = (
    "fullname",
    "zope.schema.TextLine",
    _("label_registration_name", default="Name"),
    None,
    True,
    "",
)
EMAIL = (
    "email",
    "zope.schema.TextLine",
    _("label_registration_email", default="E-mail"),
    _(
        "help_form_email",
        default="We send the confirmation and the link to cancel to this address.",
    ),
    True,
    "",
)
PARTNER = (
    "partner",
    "zope.schema.Choice",
    _("label_partner", default="Partner"),
    _("help_form_partner", default="The partner of the network you work for."),
    False,
    PARTNERS,
)
ORGANISATION = (
    "organisation",
    "zope.schema.TextLine",
    _("label_registration_organisation", default="Organisation"),
    None,
    False,
    "",
)
DIETARY = (
    "dietary",
    "zope.schema.TextLine",
    _("label_form_dietary", default="Dietary needs / intolerances"),
    None,
    False,
    "",
)
BIRTH_DATE = (
    "birth_date",
    "zope.schema.Date",
    _("label_registration_birth_date", default="Date of birth"),
    None,
    True,
    "",
)
SCHOOL = (
    "school",
    "zope.schema.TextLine",
    _("label_form_school", default="School / institution"),
    None,
    False,
    "",
)


def _guardian_consent(age):
    return (
        "guardian_consent",
        "zope.schema.Bool",
        _("label_form_guardian_consent", default="A guardian has given consent"),
        _(
            "help_form_guardian_consent",
            default="Needed for participants under ${age}.",
            mapping={"age": age},
        ),
        False,
        "",
    )


CONSENT = (
    "consent",
    "zope.schema.Bool",
    _(
        "label_form_consent",
        default="I agree to the processing of my data for this event.",
    ),
    _(
        "help_form_consent",
        default="Your data are used only to organise this event and are deleted "
        "after the retention period.",
    ),
    True,
    "",
)


def language():
    """The site's default language ("de" when none is set)."""
    return api.portal.get_default_language() or "de"


def _tr(message, lang):
    return escape(translate(message, target_language=lang))


def fields_model(youth, lang=None, age=16):
    """The supermodel XML of the default fields, in ``lang`` (default: the site's)."""
    lang = lang or language()
    if youth:
        rows = (FULLNAME, EMAIL, BIRTH_DATE, SCHOOL, DIETARY, _guardian_consent(age), CONSENT)
    else:
        rows = (FULLNAME, EMAIL, PARTNER, ORGANISATION, DIETARY, CONSENT)
    fields = "".join(
        _FIELD.format(
            name=name,
            type=kind,
            title=_tr(title, lang),
            description=""
            if description is None
            else f"\n      <description>{_tr(description, lang)}</description>",
            required=str(required),
            extra=extra,
        )
        for name, kind, title, description, required, extra in rows
    )
    return (
        '<model xmlns="http://namespaces.plone.org/supermodel/schema">\n'
        f"  <schema>{fields}\n  </schema>\n</model>"
    )


ACTION_TITLE = _("label_form_save_registration", default="Save the registration")
FORM_TITLE = _("Registration")
# The heading of the form names the event.
FORM_TITLE_EVENT = _("form_title_event", default="Registration: ${title}")
SUBMIT_LABEL = _("button_register", default="Register")
THANKS_TITLE = _("form_thanks_title", default="Thank you for registering")
# No promise of a mail here: whether one goes out is said in the status message.
THANKS_DESCRIPTION = _("form_thanks_saved", default="Your registration has been saved.")


def mail_note(email):
    """What the registrant is told about the confirmation mail: only what is true."""
    if api.portal.get_registry_record("plone.email_from_address", default=None) and email:
        return _(
            "text_mail_follows",
            default="You will receive an e-mail with all the details at ${email}.",
            mapping={"email": email},
        )
    return _(
        "text_no_mail",
        default="No e-mail will be sent: the portal has no sender address yet.",
    )


def actions_model(lang=None):
    title = _tr(ACTION_TITLE, lang or language())
    return f"""<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="register" type="kooperation.registrations.easyform.Register">
      <title>{title}</title>
    </field>
  </schema>
</model>"""


class Register(Action):
    """Registers the submission for the event the form is in; refusals (closed, full,
    duplicate) and bad fields are shown in the form, the outcome as a status message."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        event = form.aq_parent
        try:
            data = parse(event, dict(fields), service.partner_uids(event))
            outcome = service.register(event, data)
        except FieldErrors as error:
            return {
                name: translate(message, context=request) for name, message in error.errors.items()
            }
        except RegistrationError as error:
            return {FORM_ERROR_MARKER: service.rule_message(request, error)}
        text = service.rule_message(request, outcome.decision)
        if outcome.decision.refused:
            return {FORM_ERROR_MARKER: text}
        IStatusMessage(request).add(text, type="info")
        note = mail_note(getattr(outcome.registration, "email", None))
        IStatusMessage(request).add(translate(note, context=request), type="info")
        return None


RegisterAction = ActionFactory(
    Register,
    _("label_register_action", default="Register for the event"),
    "kooperation.ManageRegistrations",
)
RegisterHandler = BaseHandler(Register)


def create_form(event, created_event=None):
    """Subscriber: every new workshop or youth conference gets its registration form."""
    if FORM_ID in event.objectIds():
        return
    youth = IYouthConference.providedBy(event)
    age = getattr(event, "min_age_without_consent", None) or 16
    lang = language()
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=event,
            type="EasyForm",
            id=FORM_ID,
            title=translate(
                _(
                    FORM_TITLE_EVENT,
                    default=FORM_TITLE_EVENT.default,
                    mapping={"title": event.Title()},
                ),
                target_language=lang,
            ),
            fields_model=fields_model(youth, lang, age),
            actions_model=actions_model(lang),
            submitLabel=translate(SUBMIT_LABEL, target_language=lang),
            thankstitle=translate(THANKS_TITLE, target_language=lang),
            thanksdescription=translate(THANKS_DESCRIPTION, target_language=lang),
            showAll=False,
        )
        follow_event(form)
    return form


@adapter(IRegistrationForm, IWorkflowTool)
@implementer(IWorkflowChain)
def registration_form_chain(form, tool):
    """No workflow: a state of its own let the form be public while its event was not
    (a youth conference still an idea) and showed staff a red "Private"."""
    return ()


def follow_event(form):
    """Make ``form`` the event's registration form: its rights become the event's
    (acquired, so they change with the event's state); it no longer has a state."""
    wf_tool = api.portal.get_tool("portal_workflow")
    for workflow in wf_tool.getWorkflowsFor(form):
        for permission in workflow.permissions:
            form.manage_permission(permission, roles=[], acquire=1)
    alsoProvides(form, IRegistrationForm)
    form.reindexObject()  # all indexes, allowedRolesAndUsers too (the form holds nothing)
