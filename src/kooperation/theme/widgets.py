"""Date fields shown the German way in display mode (20.05.2015, not the locale's 20.05.15)."""

from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.interface import implementer


class _GermanDisplay:
    shown = staticmethod(german_date)

    def render(self):
        if self.mode != "display" or not self.value:
            return super().render()
        converter = getMultiAdapter((self.field, self), IDataConverter)
        value = converter.toFieldValue(self.value)
        if value is self.field.missing_value:
            return ""
        return self.shown(value)


class GermanDateWidget(_GermanDisplay, DateWidget):
    pass


class GermanDatetimeWidget(_GermanDisplay, DatetimeWidget):
    shown = staticmethod(german_datetime)


@implementer(IFieldWidget)
def DateFieldWidget(field, request):
    return FieldWidget(field, GermanDateWidget(request))


@implementer(IFieldWidget)
def DatetimeFieldWidget(field, request):
    return FieldWidget(field, GermanDatetimeWidget(request))
