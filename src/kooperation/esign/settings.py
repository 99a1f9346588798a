"""What the site trusts for electronic signatures: a registry schema and its control panel.

Offline by default: the trust anchors (root certificates) and the qualified CAs (the
issuing CAs that a trusted list names as qualified trust services, "CA/QC") are pasted
here as PEM. Where an EU trusted list is available, save it (e.g. the German list, with
the certificates that sign it) beside the instance and name the files: its services
are read offline too (``validation.trusted_list``), in addition to the list here.
Records missing on a site not upgraded yet read as empty; the control panel registers
them when it is first opened (as the reminder settings do).
"""

from kooperation import _
from kooperation.esign.validation import load_certificates
from kooperation.esign.validation import trusted_list
from kooperation.esign.validation import TrustSettings
from pathlib import Path
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.protect.interfaces import IDisableCSRFProtection
from plone.registry.interfaces import IRegistry
from plone.supermodel import model
from zope import schema
from zope.component import getUtility
from zope.component import queryUtility
from zope.interface import alsoProvides
from zope.interface import Invalid

import logging


logger = logging.getLogger("kooperation.esign")


def _certificates(value):
    try:
        load_certificates(value or "")
    except (ValueError, TypeError) as error:
        raise Invalid(
            _(
                "error_esign_pem",
                default="Not a certificate in PEM or DER form: ${error}",
                mapping={"error": str(error)[:200]},
            )
        ) from None
    return True


class IEsignSettings(model.Schema):
    """Trust anchors and qualified trust services for the electronic form."""

    trust_anchors = schema.Text(
        title=_("label_esign_trust_anchors", default="Trust anchors (PEM)"),
        description=_(
            "help_esign_trust_anchors",
            default="Root certificates the certificate chains of signatures and timestamps "
            "must lead to, one or more PEM blocks.",
        ),
        required=False,
        default="",
        missing_value="",
        constraint=_certificates,
    )
    qualified_cas = schema.Text(
        title=_("label_esign_qualified_cas", default="Qualified trust services (PEM)"),
        description=_(
            "help_esign_qualified_cas",
            default="Certificates of the issuing CAs that the EU trusted lists name as "
            "qualified trust services for electronic signatures (CA/QC). Only their "
            "qualified certificates make a signature a qualified electronic signature.",
        ),
        required=False,
        default="",
        missing_value="",
        constraint=_certificates,
    )
    trusted_list_file = schema.TextLine(
        title=_("label_esign_trusted_list", default="Trusted list (file on the server)"),
        description=_(
            "help_esign_trusted_list",
            default="Optional: path of a saved EU trusted list (XML, ETSI TS 119 612), "
            "e.g. the German one. Its signature is checked against the certificates in "
            "the file of the same name with the ending .pem. Nothing is downloaded.",
        ),
        required=False,
        default="",
        missing_value="",
    )


def _record(registry, name):
    key = f"{IEsignSettings.__identifier__}.{name}"
    if registry is None or key not in registry:
        return IEsignSettings[name].default
    return registry[key] or ""


def _trusted_list_registry(path):
    if not path:
        return None
    xml, certs = Path(path), Path(path).with_suffix(".pem")
    try:
        registry, errors = trusted_list(
            xml.read_text(encoding="utf-8"), load_certificates(certs.read_bytes())
        )
    except (OSError, ValueError) as error:
        logger.warning("Trusted list %s not read: %s", path, error)
        return None
    for error in errors:
        logger.info("Trusted list %s: %s", path, error)
    return registry


def trust_settings():
    """The site's ``TrustSettings``."""
    registry = queryUtility(IRegistry)
    return TrustSettings.from_pem(
        _record(registry, "trust_anchors"),
        _record(registry, "qualified_cas"),
        registry=_trusted_list_registry(_record(registry, "trusted_list_file").strip()),
    )


def ensure_registered(registry=None):
    registry = registry if registry is not None else getUtility(IRegistry)
    prefix = IEsignSettings.__identifier__
    if all(f"{prefix}.{name}" in registry for name in IEsignSettings.names()):
        return False
    registry.registerInterface(IEsignSettings)
    return True


class EsignSettingsEditForm(RegistryEditForm):
    schema = IEsignSettings
    id = "kooperation-esign-settings"
    label = _("heading_esign_settings", default="Electronic signatures")
    description = _(
        "description_esign_settings",
        default="What the site trusts when it validates PDFs signed with qualified "
        "electronic signatures (§ 126a BGB). The server works offline: the revocation "
        "data must be in the signed PDF.",
    )

    def update(self):
        if ensure_registered():
            alsoProvides(self.request, IDisableCSRFProtection)
        super().update()


class EsignSettingsControlPanel(ControlPanelFormWrapper):
    form = EsignSettingsEditForm
