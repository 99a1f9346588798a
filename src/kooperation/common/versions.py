"""CMFEditions' version views on the product's layer (issue 14).

* ``@@history`` (``DiffView``) reads ``getHistoryMetadata(...).retrieve`` and fails with
  ``AttributeError: 'list' object has no attribute 'retrieve'`` (a 500) on everything that
  has no stored version yet, which is every product type that is not versioned; a ``one`` or
  ``two`` that names no version fails in the archivist (a 500 too). Here an object without
  versions shows CMFEditions' "no revision information", and a version that does not exist
  is a 400 with a translated message.
* ``@@versions_history_form`` is a ``zope2.View`` page whose template asks for the history:
  a visitor who may see the object but not its versions got a 401 carrying the template's
  expression, file name and line. Here the page itself needs "CMFEditions: Access previous
  versions" (ZCML), so Zope refuses before anything is rendered.
"""

from kooperation import _
from Products.CMFEditions.browser.diff import DiffView
from Products.CMFEditions.browser.views import VersionsHistoryForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zope.i18n import translate

import os
import Products.CMFEditions.browser


TEMPLATES = os.path.join(os.path.dirname(Products.CMFEditions.browser.__file__), "templates")
CURRENT = "current"


class HistoryView(DiffView):
    index = ViewPageTemplateFile(os.path.join(TEMPLATES, "diff.pt"))

    def _version_ids(self, metadata):
        if not metadata:
            return set()
        length = metadata.getLength(countPurged=False)
        return {str(metadata.getVersionId(i, countPurged=False)) for i in range(length)}

    def __call__(self):
        metadata = self.repo_tool.getHistoryMetadata(self.context)
        known = self._version_ids(metadata)
        for name in ("one", "two"):
            value = self.request.form.get(name, CURRENT)
            if value != CURRENT and (not isinstance(value, str) or value not in known):
                raise BadRequest(
                    translate(
                        _(
                            "error_no_such_version",
                            default="'${value}' is not a version of this item.",
                            mapping={"value": str(value)[:40]},
                        ),
                        context=self.request,
                    )
                )
        if metadata:
            return super().__call__()
        # Nothing versioned yet: the page says so ("This object has no revision information").
        self.history = []
        self.changeset = None
        self.changes = []
        return self.index()


class VersionsHistory(VersionsHistoryForm):
    index = ViewPageTemplateFile(os.path.join(TEMPLATES, "versions_history_form.pt"))

    def __call__(self):
        return self.index()
