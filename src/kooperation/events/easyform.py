"""The registration form of an event: a collective.easyform form inside the event, with
default fields the coordinators may change through the web, and an action that hands each
submission to the registration service (the same rules as ``POST @registrations``)."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.config import FORM_ERROR_MARKER
from kooperation import _
from kooperation.events.form import FieldErrors
from kooperation.events.form import parse
from kooperation.events.interfaces import IYouthConference
from kooperation.registration import RegistrationError
from plone import api
from plone.supermodel.exportimport import BaseHandler
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate
from zope.interface import Interface


FORM_ID = "anmeldung"

_FIELD = """
    <field name="{name}" type="{type}">
      <title>{title}</title>
      <required>{required}</required>{extra}
    </field>"""

COMMON = (
    ("fullname", "zope.schema.TextLine", "Name", True, ""),
    ("email", "zope.schema.TextLine", "E-Mail", True, ""),
    (
        "partner",
        "zope.schema.Choice",
        "Partner",
        False,
        "\n      <vocabulary>kooperation.Partners</vocabulary>",
    ),
    ("organisation", "zope.schema.TextLine", "Organisation", False, ""),
    ("dietary", "zope.schema.TextLine", "Ernährung / Unverträglichkeiten", False, ""),
)
YOUTH = (
    ("birth_date", "zope.schema.Date", "Geburtsdatum", True, ""),
    ("school", "zope.schema.TextLine", "Schule / Einrichtung", False, ""),
    (
        "guardian_consent",
        "zope.schema.Bool",
        "Einwilligung der Sorgeberechtigten liegt vor (unter 16 Jahren nötig)",
        False,
        "",
    ),
)
CONSENT = (
    (
        "consent",
        "zope.schema.Bool",
        "Ich willige in die Verarbeitung meiner Daten für diese Veranstaltung ein.",
        True,
        "",
    ),
)


def fields_model(youth):
    rows = COMMON[:4] + (YOUTH if youth else COMMON[4:]) + CONSENT
    if youth:
        rows = (*COMMON[:2], YOUTH[0], YOUTH[1], COMMON[4], YOUTH[2], *CONSENT)
    fields = "".join(
        _FIELD.format(name=name, type=kind, title=title, required=str(required), extra=extra)
        for name, kind, title, required, extra in rows
    )
    return (
        '<model xmlns="http://namespaces.plone.org/supermodel/schema">\n'
        f"  <schema>{fields}\n  </schema>\n</model>"
    )


ACTIONS_MODEL = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="register" type="kooperation.events.easyform.Register">
      <title>Anmeldung speichern</title>
    </field>
  </schema>
</model>"""


class IRegister(Interface):
    """The easyform action that registers the submission."""


class Register(Action):
    """Registers the submission for the event the form is in; refusals (closed, full,
    duplicate) and bad fields are shown in the form, the outcome as a status message."""

    def onSuccess(self, fields, request):
        from kooperation.events import service
        from kooperation.services.registrations.post import rule_message

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
            return {FORM_ERROR_MARKER: rule_message(request, error)}
        text = rule_message(request, outcome.decision)
        if outcome.decision.refused:
            return {FORM_ERROR_MARKER: text}
        IStatusMessage(request).add(text, type="info")
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
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=event,
            type="EasyForm",
            id=FORM_ID,
            title="Anmeldung",
            fields_model=fields_model(youth),
            actions_model=ACTIONS_MODEL,
            submitLabel="Anmelden",
            thankstitle="Vielen Dank für Ihre Anmeldung",
            thanksdescription="Sie erhalten eine E-Mail mit allen Angaben.",
            showAll=False,
        )
        if youth:
            # Young people register without a login: the form (not the data) is public.
            api.content.transition(obj=form, transition="publish")
    return form
