"""plone.app.content's ``@@getVocabulary`` with its parameters checked (issue 14).

The stock view feeds ``query``, ``batch`` and ``attributes`` straight into ``json.loads``,
``query["criteria"]``, the registry (``<operator>.operation``), ``int()`` and the catalog: a
criterion with an unknown operator is a ``KeyError``, bad JSON a ``ValueError``, a batch of
more than 500 a bare ``Exception`` -- all 5xx. Here they are checked first and answered with
400 and a translated message; what passes is handed to the stock view unchanged, except
that the catalog vocabulary without ``attributes`` answers id (UID) and text (title)
instead of failing on its brains.
"""

from DateTime.interfaces import DateTimeError
from kooperation import _
from plone import api
from plone.app.content.browser import vocabulary as stock
from zExceptions import BadRequest
from zope.i18n import translate

import json


SCALARS = (str, int, float, bool, type(None))
# Its factory takes the query as criteria only, and its terms' values are brains.
CATALOG = "plone.app.vocabularies.Catalog"
# Without ``attributes`` the stock view reads a term's value as text (a 500 for a brain):
# the catalog vocabulary answers in the stock shape, id and text.
CATALOG_ATTRIBUTES = "id:UID,text:Title"


def _json(value):
    """The parsed value if ``value`` looks like JSON (as the stock view decides), else itself."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped[:1] + stripped[-1:] in ("{}", "[]"):
            return json.loads(stripped)
    return value


def _is_int(value, minimum, maximum=None):
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return False
    if isinstance(value, (bool, float)):
        return False
    return number >= minimum and (maximum is None or number <= maximum)


def _valid_value(value):
    if isinstance(value, list):
        return all(isinstance(item, SCALARS) and not isinstance(item, bool) for item in value)
    return isinstance(value, SCALARS)


def _valid_criterion(row, indexes, registry):
    return (
        isinstance(row, dict)
        and isinstance(row.get("i"), str)
        and row["i"] in indexes
        and isinstance(row.get("o"), str)
        and f"{row['o']}.operation" in registry
        and _valid_value(row.get("v"))
    )


def _valid_query(query, indexes, registry, criteria_only=False):
    if isinstance(query, str):
        return not criteria_only
    if not isinstance(query, dict):
        return False
    criteria = query.get("criteria")
    if not isinstance(criteria, list):
        return False
    if not all(_valid_criterion(row, indexes, registry) for row in criteria):
        return False
    if "sort_on" in query and query["sort_on"] not in indexes:
        return False
    return query.get("sort_order", "ascending") in ("ascending", "descending", "reverse")


def _valid_batch(batch):
    if batch in ("", None):
        return True
    return (
        isinstance(batch, dict)
        and _is_int(batch.get("page"), 1)
        and _is_int(batch.get("size"), 1, stock.MAX_BATCH_SIZE)
    )


def _valid_attributes(attributes):
    if isinstance(attributes, str):
        return True
    return isinstance(attributes, list) and all(isinstance(item, str) for item in attributes)


class VocabularyView(stock.VocabularyView):
    def bad_request(self, name):
        raise BadRequest(
            translate(
                _(
                    "error_vocabulary_parameter",
                    default="The parameter '${name}' of this lookup is not understood.",
                    mapping={"name": name},
                ),
                context=self.request,
            )
        )

    def check_parameters(self):
        form = self.request.form
        catalog = api.portal.get_tool("portal_catalog")
        indexes = set(catalog.indexes())
        registry = api.portal.get_tool("portal_registry")
        catalog_vocabulary = form.get("name") == CATALOG
        checks = (
            ("name", lambda raw: isinstance(raw, (str, type(None)))),
            ("field", lambda raw: isinstance(raw, (str, type(None)))),
            ("query", lambda raw: _valid_query(_json(raw), indexes, registry, catalog_vocabulary)),
            ("batch", lambda raw: _valid_batch(_json(raw))),
            ("attributes", lambda raw: _valid_attributes(_json(raw))),
        )
        for name, valid in checks:
            raw = form.get(name)
            if raw is None:
                continue
            try:
                ok = isinstance(raw, (str, type(None))) and valid(raw)
            except (ValueError, RecursionError):
                ok = False
            if not ok:
                self.bad_request(name)

    def parsed_query(self):
        # The operators' own parsers (dates, paths, relative dates) may still refuse a value.
        try:
            return super().parsed_query()
        except (DateTimeError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            self.bad_request("query")

    def __call__(self):
        self.check_parameters()
        if self.request.form.get("name") == CATALOG and not self.request.form.get("attributes"):
            self.request.form["attributes"] = CATALOG_ATTRIBUTES
        return super().__call__()
