"""``@@kooperation-format``: the common formatter for templates."""

from kooperation.common import formatting
from kooperation.common import german
from Products.Five import BrowserView
from zope.i18n import translate


class Format(BrowserView):
    """``fmt nocall:context/@@kooperation-format`` then ``python:fmt.date(value)``."""

    def __call__(self):
        return self

    def date(self, value):
        return german.german_date(value)

    def datetime(self, value):
        return german.german_datetime(value)

    def number(self, value):
        return german.german_number(value)

    def version_reason(self, comment):
        return translate(formatting.version_reason(comment), context=self.request)
