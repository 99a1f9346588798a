"""The registration form is prefilled for a logged-in user: name and e-mail from the
user's profile, the partner from their confirmed Person entry in the event's network.

A z3c.form default-value adapter, more specific than collective.easyform's own (it
adapts the product's browser layer), for the ``anmeldung`` form of an event only; any
other form or field gets easyform's default.
"""

from collective.easyform.fields import FieldExtenderDefault
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import IEasyFormForm
from kooperation.interfaces import IKooperationLayer
from kooperation.registrations.easyform import FORM_ID
from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.service import staff_partners
from plone import api
from z3c.form.interfaces import IValue
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import IField


PREFILLED = ("fullname", "email", "partner")


def prefill_values(event):
    """{field: value} for the current user (nothing for an anonymous visitor)."""

    if api.user.is_anonymous():
        return {}
    user = api.user.get_current()
    values = {
        "fullname": user.getProperty("fullname") or None,
        "email": user.getProperty("email") or None,
    }
    partners = staff_partners(event, user.getId())
    if len(partners) == 1:
        values["partner"] = partners[0]
    return {k: v for k, v in values.items() if v}


@implementer(IValue)
@adapter(IEasyForm, IKooperationLayer, IEasyFormForm, IField, Interface)
class RegistrationPrefill(FieldExtenderDefault):
    def get(self):
        form = self.context
        event = getattr(form, "__parent__", None)
        if (
            form.getId() == FORM_ID
            and IRegistrationEvent.providedBy(event)
            and self.field.__name__ in PREFILLED
        ):
            value = prefill_values(event).get(self.field.__name__)
            if value is not None:
                return value
        return super().get()
