"""Settings of the deadline reminders: a registry schema and its Classic UI control panel.

The records live in the registry under ``kooperation.jobs.settings.IReminderSettings.*``
(profiles/default/registry.xml). Should they be missing (a site installed before they
existed and not upgraded yet), reading falls back to the defaults and the control panel
registers them the first time it is opened.
"""

from dataclasses import dataclass
from kooperation import _
from kooperation.common.emails import is_email
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.app.z3cform.widgets.text import TextLinesFieldWidget
from plone.autoform import directives
from plone.protect.interfaces import IDisableCSRFProtection
from plone.registry.interfaces import IRegistry
from plone.supermodel import model
from z3c.form import validator
from zope import schema
from zope.component import getUtility
from zope.component import queryUtility
from zope.interface import alsoProvides
from zope.interface import Invalid

import logging


logger = logging.getLogger("kooperation.jobs")

DEFAULT_REMINDER_DAYS = (90, 30, 7)


class IReminderSettings(model.Schema):
    """When and to whom the daily job sends reminders of notice deadlines."""

    directives.widget("reminder_days", TextLinesFieldWidget)
    reminder_days = schema.List(
        title=_("label_reminder_days", default="Reminders (days before the notice deadline)"),
        description=_(
            "help_reminder_days",
            default="One number per line (1 to 366). When several are due at once, "
            "only the most urgent reminder is sent.",
        ),
        value_type=schema.Int(min=1, max=366),
        default=list(DEFAULT_REMINDER_DAYS),
        missing_value=[],
        required=False,
    )

    directives.widget("coordinator_emails", TextLinesFieldWidget)
    coordinator_emails = schema.List(
        title=_("label_coordinator_emails", default="Further recipients"),
        description=_(
            "help_coordinator_emails",
            default="E-mail addresses that receive every reminder, one per line.",
        ),
        value_type=schema.TextLine(),
        default=[],
        missing_value=[],
        required=False,
    )

    sender_name = schema.TextLine(
        title=_("label_sender_name", default="Sender name"),
        description=_(
            "help_sender_name",
            default="Shown as the sender of the reminders; empty: the site's sender name. "
            "The address is the site's sender address.",
        ),
        default="",
        required=False,
    )


@dataclass(frozen=True)
class ReminderSettings:
    reminder_days: tuple = DEFAULT_REMINDER_DAYS  # descending, unique, 1..366
    coordinator_emails: tuple = ()
    sender_name: str = ""


def _record(registry, name):
    """The record's value; the field default while the record is not registered."""
    key = f"{IReminderSettings.__identifier__}.{name}"
    if registry is None or key not in registry:
        return IReminderSettings[name].default
    return registry[key]


def get_settings():
    """The reminder settings, cleaned: defaults where a record is not registered yet.

    Reads the registry directly: ``plone.api.portal.get_registry_record(name,
    interface=..., default=...)`` raises KeyError instead of returning the default
    when the interface's records are not registered.
    """
    registry = queryUtility(IRegistry)
    days = set()
    for value in _record(registry, "reminder_days") or ():
        if isinstance(value, int) and 1 <= value <= 366:
            days.add(value)
        else:
            logger.warning("Ignoring reminder day %r (not a number from 1 to 366)", value)
    emails = []
    for value in _record(registry, "coordinator_emails") or ():
        if is_email(value):
            emails.append(value.strip())
        elif value and value.strip():
            logger.warning("Ignoring further recipient %r (not an e-mail address)", value)
    return ReminderSettings(
        reminder_days=tuple(sorted(days, reverse=True)),
        coordinator_emails=tuple(emails),
        sender_name=(_record(registry, "sender_name") or "").strip(),
    )


def settings_registered(registry=None):
    registry = registry if registry is not None else getUtility(IRegistry)
    prefix = IReminderSettings.__identifier__
    return all(f"{prefix}.{name}" in registry for name in IReminderSettings.names())


def ensure_registered(registry=None):
    """Register the settings' records unless they exist; True when it registered them."""
    registry = registry if registry is not None else getUtility(IRegistry)
    if settings_registered(registry):
        return False
    registry.registerInterface(IReminderSettings)  # keeps values of existing records
    logger.info("Registered the records of %s", IReminderSettings.__identifier__)
    return True


class ReminderSettingsEditForm(RegistryEditForm):
    schema = IReminderSettings
    id = "kooperation-reminder-settings"
    label = _("heading_reminder_settings", default="Reminders of notice deadlines")
    description = _(
        "description_reminder_settings",
        default="The daily job (kooperation-admin daily) reminds the signatories of the "
        "parties and the coordinators of the network before the notice deadline of an "
        "agreement in force.",
    )

    def update(self):
        if ensure_registered():
            # A one-time write while showing the form (GET): not a forged request.
            alsoProvides(self.request, IDisableCSRFProtection)
        super().update()


class ReminderSettingsControlPanel(ControlPanelFormWrapper):
    form = ReminderSettingsEditForm


class EmailListValidator(validator.SimpleFieldValidator):
    """Every line of 'further recipients' is an e-mail address.

    Registered for the form, not for the field: marking the schema field (as a field
    discriminator does) would keep the registry from converting it to a persistent field.
    """

    def validate(self, value, force=False):
        super().validate(value, force)
        if getattr(self.field, "__name__", None) != "coordinator_emails":
            return
        wrong = [v for v in value or () if not is_email(v)]
        if wrong:
            raise Invalid(
                _(
                    "error_not_email_addresses",
                    default="Not an e-mail address: ${addresses}",
                    mapping={"addresses": ", ".join(wrong)},
                )
            )


validator.WidgetValidatorDiscriminators(EmailListValidator, view=ReminderSettingsEditForm)
