"""Stricter REST input for our content: a wrong JSON type is a 400, never a guess.

plone.restapi's default turns any string into a boolean (``"ja"`` becomes False);
for agreements that would silently drop a written-form requirement.
"""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IBool


@implementer(IFieldDeserializer)
@adapter(IBool, IKooperationContent, IBrowserRequest)
class StrictBoolDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if not isinstance(value, bool):
            raise ValueError(
                translate(
                    _(
                        "error_boolean",
                        default="'${field}' must be true or false.",
                        mapping={"field": self.field.__name__},
                    ),
                    context=self.request,
                )
            )
        self.field.validate(value)
        return value
