"""The browser tab's title names the view, not only its object: "Fristen: Netzwerk … — Site"
instead of "Netzwerk … — Site" on every tool of a network. A screen reader announces the
title first when a page opens (WCAG 2.4.2, page titled)."""

from html import escape
from plone.app.layout.viewlets.common import TitleViewlet
from z3c.form.interfaces import IForm
from zope.i18n import translate


class ViewTitleViewlet(TitleViewlet):
    """Plone's title, with the view's own ``page_title()`` (or a form's label) before the
    site's."""

    def view_title(self):
        page_title = getattr(self.view, "page_title", None)
        if page_title is not None:
            return page_title() if callable(page_title) else page_title
        form = getattr(self.view, "form_instance", self.view)
        if IForm.providedBy(form) and getattr(form, "label", None):
            return translate(form.label, context=self.request)
        return None

    def update(self):
        super().update()
        title = self.view_title()
        if title:
            portal_title = self.site_title.rsplit(self.sep, 1)[-1]
            self.site_title = self.sep.join([escape(title), portal_title])
