"""Walking the add and edit forms of the product's types (issue 16), shared by the
widget test and the hostile-form test (importable as ``forms_walk`` from this folder).

The types are read from portal_types: every FTI whose class lives in ``kooperation``,
so a new type is walked without anyone adding it here."""

from lxml import html as lxml_html
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.textfield.interfaces import IRichText
from plone.schema.jsonfield import IJSONField
from urllib.parse import urlparse
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import INPUT_MODE
from z3c.form.interfaces import ITextAreaWidget
from z3c.form.interfaces import ITextLinesWidget
from z3c.form.interfaces import ITextWidget
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDict
from zope.schema.interfaces import IObject

import re


# Roles for the walk: Manager everywhere; PartnerStaff is a local role only (the partner
# areas' workflow gives nothing to Manager), granted on each area.
ROLES = ["Manager", "Member"]
LOCAL_ONLY = ["PartnerStaff", "CaseParticipant"]

# Text a person would have to answer with an internal identifier or JSON.
ASKS_FOR_IDS = re.compile(r"\bjson\b|\buids?\b|\bids\b|\bid\s*\(|\(\s*ids?\s*\)", re.IGNORECASE)
# Field or input names that hold UIDs or lists of ids.
ID_NAME = re.compile(r"(^|[._])(uids?|[a-z]+_uids?|[a-z]+_ids)$", re.IGNORECASE)
STRUCTURED = (IJSONField, IDict, IObject)
TEXT_WIDGETS = (ITextWidget, ITextAreaWidget, ITextLinesWidget)


def product_types(portal):
    types = api.portal.get_tool("portal_types")
    return [
        fti.getId()
        for fti in types.objectValues()
        if (getattr(fti, "klass", "") or "").startswith("kooperation.")
    ]


def prepare(portal, request):
    """Log in with the walk's roles (German), open the partners' areas to the walker."""
    from kooperation.interfaces import IKooperationLayer
    from zope.interface import alsoProvides

    alsoProvides(request, IKooperationLayer)
    request["LANGUAGE"] = "de"
    setRoles(portal, TEST_USER_ID, ROLES)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="PartnerArea"):
        area = brain._unrestrictedGetObject()
        area.manage_setLocalRoles(TEST_USER_ID, LOCAL_ONLY)
        area.reindexObjectSecurity()
    login(portal, TEST_USER_NAME)


def _objects(portal):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(portal.getPhysicalPath())
    objs = [portal]
    for brain in catalog.unrestrictedSearchResults(path=path, sort_on="path"):
        if brain.getPath() != path:
            objs.append(brain._unrestrictedGetObject())
    return objs


def add_container(portal, type_name):
    """The first object (the portal first) whose add menu offers ``type_name``."""
    for obj in _objects(portal):
        try:
            allowed = [fti.getId() for fti in obj.allowedContentTypes()]
        except AttributeError:
            continue
        if type_name in allowed:
            return obj
    return None


def editable_instance(portal, type_name):
    """An instance the walker may edit; one made for the walk if none is."""
    for obj in _objects(portal):
        if getattr(obj, "portal_type", None) == type_name and api.user.has_permission(
            "Modify portal content", obj=obj
        ):
            return obj
    container = add_container(portal, type_name)
    if container is None:
        return None
    with api.env.adopt_roles(ROLES + LOCAL_ONLY):
        obj = api.content.create(
            container=container, type=type_name, title=f"Formular {type_name}", safe_id=True
        )
    obj.manage_setLocalRoles(TEST_USER_ID, LOCAL_ONLY + ["Owner"])
    obj.reindexObjectSecurity()
    return obj


def _follow(portal, request, view):
    """Render ``view``; a redirect (``++add++Amendment`` leads to its own form) is followed."""
    request.response.setStatus(200)
    request.response.setHeader("Location", "")
    result = view()
    location = request.response.getHeader("Location")
    if request.response.getStatus() in (301, 302, 303) and location:
        path = urlparse(location).path
        target = portal.unrestrictedTraverse(
            "/".join(portal.getPhysicalPath()[:-1]) + path.split("/plone", 1)[-1]
            if not path.startswith("/".join(portal.getPhysicalPath()))
            else path
        )
        request.response.setStatus(200)
        request.response.setHeader("Location", "")
        return target, target()
    return view, result


def render_form(portal, request, context, name):
    """(form or view, html) of ``context/name`` as GET."""
    request.form.clear()
    request.other.pop("form.widgets", None)
    request["REQUEST_METHOD"] = "GET"
    view = context.restrictedTraverse(name)
    request["PUBLISHED"] = view
    return _follow(portal, request, view)


def _widgets(form):
    form = getattr(form, "form_instance", form)
    managers = [getattr(form, "widgets", None)]
    managers += [group.widgets for group in getattr(form, "groups", ())]
    for manager in managers:
        if manager is None:
            continue
        yield from manager.values()


def _structured(field):
    if IRichText.providedBy(field):  # an Object field, edited in TinyMCE
        return False
    if any(iface.providedBy(field) for iface in STRUCTURED):
        return True
    if ICollection.providedBy(field):
        return _structured(getattr(field, "value_type", None))
    return False


def widget_problems(form):
    """Input widgets of z3c.form fields that expect JSON, UIDs or ids as text."""
    problems = []
    for widget in _widgets(form):
        if widget.mode != INPUT_MODE or widget.mode == HIDDEN_MODE:
            continue
        if not any(iface.providedBy(widget) for iface in TEXT_WIDGETS):
            continue
        field = widget.field
        if _structured(field):
            problems.append(f"{widget.name}: {type(field).__name__} as a text input")
        elif ID_NAME.search(field.__name__):
            problems.append(f"{widget.name}: a text input for ids ({field.__name__})")
    return problems


def _field_text(element):
    """The label and help text around an input (Plone's field div)."""
    node = element.getparent()
    while node is not None:
        classes = node.get("class") or ""
        if node.tag in ("div", "fieldset") and ("field" in classes.split() or "mb-3" in classes):
            return node.text_content()
        node = node.getparent()
    return ""


def html_problems(html):
    """Visible text inputs and text areas of the page that ask for JSON, UIDs or ids."""
    problems = []
    doc = lxml_html.fromstring(html)
    content = doc.get_element_by_id("content", None)
    if content is None:
        content = doc
    for element in content.iter("textarea", "input"):
        kind = (element.get("type") or "text").lower()
        if element.tag == "input" and kind not in ("text", "search", "url", "number"):
            continue
        if element.get("hidden") is not None or "hidden" in (element.get("class") or ""):
            continue
        name = element.get("name") or element.get("id") or "?"
        text = " ".join(
            (
                element.get("placeholder") or "",
                element.get("title") or "",
                _field_text(element),
            )
        )
        value = (element.text or element.get("value") or "").strip()
        if ID_NAME.search(name.split(":")[0]):
            problems.append(f"{name}: a text input for ids")
        elif ASKS_FOR_IDS.search(text):
            problems.append(f"{name}: its label or help asks for JSON or ids")
        elif element.tag == "textarea" and value[:1] in ("[", "{") and value[-1:] in ("]", "}"):
            problems.append(f"{name}: a text area holding JSON ({value[:40]})")
    return problems


def walk(portal, request):
    """{(type, "add"|"edit"): (context, form name)} of every product type's forms, and
    the types that have none (as text)."""
    forms = {}
    missing = []
    names = product_types(portal)
    # The containers first: instances made for the walk are drafts (an amendment is
    # proposed on an agreement in force, as the demo has one).
    containers = {type_name: add_container(portal, type_name) for type_name in names}
    for type_name in names:
        container = containers[type_name]
        if container is None:
            missing.append(f"{type_name}: no container offers ++add++{type_name}")
        else:
            forms[(type_name, "add")] = (container, f"++add++{type_name}")
        instance = editable_instance(portal, type_name)
        if instance is None:
            missing.append(f"{type_name}: no instance to edit")
        else:
            forms[(type_name, "edit")] = (instance, "@@edit")
    return forms, missing
