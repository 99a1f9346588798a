"""The add and edit forms of workshops and youth conferences: the registration settings
checked together with the event's start and end, each message at its field (issue 16).

The rules are ``settings.settings_problems``, the same the schema's invariant gives REST
(PATCH answers 400 with the first message)."""

from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.settings import SETTINGS_FIELDS
from kooperation.registrations.settings import settings_problems
from kooperation.registrations.settings import SettingsInvalid
from kooperation.registrations.settings import taken_seats
from plone.app.event.dx.behaviors import StartBeforeEnd
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.z3cform import layout
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter


START = "IEventBasic.start"
END = "IEventBasic.end"


def _managers(form):
    return [form.widgets] + [group.widgets for group in getattr(form, "groups", ())]


def _replaced(error):
    """Form-level errors that the field-level messages below replace."""
    return isinstance(getattr(error, "error", None), (SettingsInvalid, StartBeforeEnd))


class SettingsFormMixin:
    """``extractData`` with the settings' problems at their fields."""

    def _event(self):
        return self.context if IRegistrationEvent.providedBy(self.context) else None

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        errors = tuple(error for error in errors or () if not _replaced(error))
        widgets = {}
        for manager in _managers(self):
            manager.errors = tuple(e for e in getattr(manager, "errors", ()) if not _replaced(e))
            widgets.update(manager)
        failed = {error.widget.__name__ for error in errors if error.widget is not None}
        event = self._event()

        def value(name):
            if name in data:
                return data[name]
            if event is None:
                return None
            return getattr(event, name.split(".")[-1], None)

        values = {name: value(name) for name in SETTINGS_FIELDS}
        problems = settings_problems(
            values, start=value(START), end=value(END), taken=taken_seats(event)
        )
        for name, message in problems:
            widget = widgets.get(name)
            if widget is None or name in failed:
                continue
            failed.add(name)
            snippet = getMultiAdapter(
                (
                    SettingsInvalid(name, message),
                    self.request,
                    widget,
                    widget.field,
                    self,
                    self.context,
                ),
                IErrorViewSnippet,
            )
            snippet.update()
            if setErrors:
                widget.error = snippet
            errors += (snippet,)
        return data, errors


class EventEditForm(SettingsFormMixin, DefaultEditForm):
    """Edit a workshop or youth conference."""


EventEditView = layout.wrap_form(EventEditForm)


class EventAddForm(SettingsFormMixin, DefaultAddForm):
    """Add a workshop or youth conference."""

    def _event(self):
        return None


class EventAddView(DefaultAddView):
    form = EventAddForm
