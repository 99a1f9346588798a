"""A message at a z3c.form widget, as the form's own validation would show it.

The product's forms check with the domain functions the REST services call; a
``KooperationError`` or a rule message then belongs at the field it names.
"""

from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope.interface import Invalid


def error_at(form, name, message):
    """Show ``message`` at the visible widget ``name``; False when there is none."""
    widget = form.widgets.get(name) if name else None
    if widget is None or widget.mode == HIDDEN_MODE:
        return False
    snippet = getMultiAdapter(
        (Invalid(message), form.request, widget, widget.field, form, form.context),
        IErrorViewSnippet,
    )
    snippet.update()
    widget.error = snippet
    form.widgets.errors += (snippet,)
    form.status = form.formErrorsMessage
    return True
