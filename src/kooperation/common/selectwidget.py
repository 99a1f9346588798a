"""A native select for a text field whose values come from a named vocabulary (issue 16).

The stored value stays the text it was (a partner's UID, a login name), so REST JSON is
unchanged; the form shows the vocabulary's titles instead of asking for the id. A stored
value the vocabulary no longer knows stays selectable, so saving the form loses nothing.
A native select, not select2 (screen readers, Products.CMFPlone#3383).
"""

from z3c.form.browser.select import SelectWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.term import ChoiceTermsVocabulary
from z3c.form.widget import FieldWidget
from zope.component import getUtility
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import hashlib


class VocabularySelectWidget(SelectWidget):
    """``vocabulary``: the name of an IVocabularyFactory, called with the form's context."""

    vocabulary = None
    prompt = True

    def _stored(self):
        try:
            return getattr(self.context, self.field.__name__, None)
        except Exception:  # noqa: BLE001 - add forms: the context is the container
            return None

    def updateTerms(self):
        if self.terms is None:
            vocabulary = getUtility(IVocabularyFactory, self.vocabulary)(self.context)
            terms = list(vocabulary)
            stored = self._stored() if not self.ignoreContext else None
            if isinstance(stored, str) and stored and stored not in vocabulary:
                token = "stored-" + hashlib.sha1(stored.encode("utf-8")).hexdigest()
                terms.append(SimpleTerm(stored, token, stored))
                vocabulary = SimpleVocabulary(terms)
            self.terms = ChoiceTermsVocabulary(
                self.context, self.request, self.form, self.field, vocabulary, self
            )
        return self.terms


@implementer(IFieldWidget)
def VocabularySelectFieldWidget(field, request):
    return FieldWidget(field, VocabularySelectWidget(request))
