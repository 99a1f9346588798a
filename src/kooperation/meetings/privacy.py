"""Whether minutes name people who are not the network's staff (third-party data)."""

from kooperation import _
from kooperation.common.network import network_of
from kooperation.interfaces import IPerson
from kooperation.privacy.thirdparty import find_third_party_data
from kooperation.privacy.thirdparty import warning
from plone import api
from zope.i18n import translate


def known_people(context):
    """Names and contact data of the network's Person entries (staff who may be named)."""
    network = network_of(context)
    if network is None:
        return ()
    known = []
    for brain in api.content.find(context=network, object_provides=IPerson.__identifier__):
        person = brain.getObject()
        known.append(" ".join(x for x in (person.Title(), getattr(person, "email", None)) if x))
    return tuple(known)


def minutes_text(minutes):
    """The minutes as one HTML text: general text, text per agenda item, decisions, action items."""
    parts = [minutes.text.raw if minutes.text else ""]
    for item in minutes.agenda_texts or ():
        parts.append(f"<h3>{item.get('title', '')}</h3>{item.get('html', '')}")
    parts += [f"<p>{d}</p>" for d in minutes.decisions or ()]
    parts += [f"<p>{a.get('what', '')}</p>" for a in minutes.action_items or ()]
    return "\n".join(p for p in parts if p)


def privacy_warning(minutes, request):
    """(translated warning, findings) for the minutes; (None, ()) when nothing looks personal."""
    findings = find_third_party_data(minutes_text(minutes), known_people(minutes), html=True)
    found = warning(findings)
    if found is None:
        return None, ()
    msgid, default, mapping = found
    return translate(_(msgid, default=default, mapping=mapping), context=request), findings


def minutes_parts(minutes):
    """(where, HTML) of each part of the minutes that is checked, for naming the place."""
    parts = []
    if minutes.text and minutes.text.raw:
        parts.append((_("label_minutes_text", default="Minutes"), minutes.text.raw))
    for item in minutes.agenda_texts or ():
        where = _(
            "where_agenda_text",
            default="Text on “${title}”",
            mapping={"title": item.get("title", "")},
        )
        parts.append((where, f"<h3>{item.get('title', '')}</h3>{item.get('html', '')}"))
    for number, decision in enumerate(minutes.decisions or (), start=1):
        where = _("where_decision", default="Decision ${number}", mapping={"number": number})
        parts.append((where, f"<p>{decision}</p>"))
    for number, action in enumerate(minutes.action_items or (), start=1):
        where = _("where_action_item", default="Action item ${number}", mapping={"number": number})
        parts.append((where, f"<p>{action.get('what', '')}</p>"))
    return parts


def findings_by_place(minutes, request):
    """What blocks public publishing, where: [{"where", "text", "why"}] (translated)."""
    known = known_people(minutes)
    rows = []
    for where, html in minutes_parts(minutes):
        for finding in find_third_party_data(html, known, html=True):
            rows.append(
                {
                    "where": translate(where, context=request),
                    "text": finding.text,
                    "why": translate(_(finding.msgid, default=finding.default), context=request),
                }
            )
    return rows
