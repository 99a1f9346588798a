"""Classic UI forms of amendments: propose or edit one without JSON (sections of the text
in force with their wording, the rich-text editor, the agreement's period widgets), with
the redline as a preview before saving; and a party's consent or objection.

Both write through the functions of ``POST @amendments`` and ``POST @consents``
(``proposal.check_proposal``/``create_proposal``, ``consents.record_consent``); the data
stored are those of the REST API.
"""

from kooperation import _
from kooperation.agreements.validity import IValidityRules
from kooperation.amendments import drafting
from kooperation.amendments import model
from kooperation.amendments import redline
from kooperation.amendments import texts
from kooperation.amendments.browser import message_text
from kooperation.amendments.browser import partner_title
from kooperation.amendments.consents import consent_parties
from kooperation.amendments.consents import consents
from kooperation.amendments.consents import DECISIONS
from kooperation.amendments.consents import MAX_COMMENT_CHARS
from kooperation.amendments.consents import record_consent
from kooperation.amendments.proposal import check_amendable
from kooperation.amendments.proposal import check_proposal
from kooperation.amendments.proposal import create_proposal
from kooperation.amendments.proposal import proposal_of
from kooperation.amendments.proposal import store_proposal
from kooperation.amendments.serialize import AmendmentUserError
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.formerrors import error_at
from plone import api
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from plone.dexterity.browser.add import DefaultAddView
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from types import SimpleNamespace
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope import schema
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import copy
import hashlib
import json


MAX_ROWS = 40
MAX_WORDING_CHARS = 100_000
MAX_TITLE_CHARS = 200
MAX_RATIONALE_CHARS = 5000
MAX_ITEMS = 50
MAX_ITEM_CHARS = 300
# The validity rules an amendment changes in the form (the entry into force is past).
SHOWN_RULES = (
    "initial_term",
    "end_date",
    "renewal_term",
    "notice_period",
    "notice_anchor",
    "written_form_amendments",
    "written_form_termination",
)
OPERATION_LABELS = {
    "replace": _("operation_replace", default="Reword this section"),
    "insert_after": _("operation_insert_after", default="Insert a new section after it"),
    "delete": _("operation_delete", default="Delete this section"),
}
# The widget an AmendmentError of texts is shown at, by msgid.
ERROR_WIDGETS = {
    "error_party_is_party": "parties_joining",
    "error_party_joins_and_leaves": "parties_leaving",
    "error_party_not_party": "parties_leaving",
    "error_too_few_parties": "parties_leaving",
}
LIST_WIDGETS = {
    ("legal_bases", "error_item_listed"): "legal_bases_added",
    ("legal_bases", "error_item_not_listed"): "legal_bases_removed",
    ("target_groups", "error_item_listed"): "target_groups_added",
    ("target_groups", "error_item_not_listed"): "target_groups_removed",
}


def key_token(key):
    """A section key as a vocabulary token (tokens are ASCII; keys may hold "§")."""
    return "s" + key.encode("utf-8").hex()


def token_key(token):
    """The section key of a token, or the token itself when it is none of ours."""
    try:
        return bytes.fromhex(token[1:]).decode("utf-8") if token.startswith("s") else token
    except ValueError:
        return token


def _vocabulary(items):
    """A vocabulary of (value, title) with tokens safe for any value."""
    return SimpleVocabulary(
        [
            SimpleTerm(value, "t" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:16], title)
            for value, title in items
        ]
    )


def _named(schema_field, name, default=None):
    """A copy of ``schema_field`` named ``name`` with ``default`` (the form's own field)."""
    copied = copy.copy(schema_field)
    copied.__name__ = name
    copied.interface = None
    copied.default = default
    return copied


def _rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe") if html else None


def _lines(values):
    """Lines without blanks and repetitions, in their order."""
    result = []
    for value in values or ():
        value = (value or "").strip()
        if value and value not in result:
            result.append(value)
    return result


def error_text(error, request):
    """An AmendmentError of ``texts`` in the reader's language, operations as words."""
    mapping = dict(error.mapping)
    if mapping.get("operation") in OPERATION_LABELS:
        mapping["operation"] = translate(OPERATION_LABELS[mapping["operation"]], context=request)
    return message_text(
        SimpleNamespace(msgid=error.msgid, mapping=mapping, default=error.default), request
    )


class ProposalForm(form.Form):
    """The form of an amendment proposal; ``ProposeAmendmentForm`` adds one to an
    agreement, ``EditAmendmentForm`` changes one."""

    template = ViewPageTemplateFile("templates/propose.pt")
    ignoreContext = True
    enableCSRFProtection = True
    enable_form_tabbing = False
    enable_autofocus = False
    css = redline.CSS
    preview = None
    fingerprint = ""

    # -- what the two forms differ in --------------------------------------------------------

    def agreement(self):
        raise NotImplementedError

    def base_version(self):
        raise NotImplementedError

    def stored(self):
        """The REST JSON of the amendment edited ({} for a new one)."""
        return {}

    def check_access(self):
        pass

    def save(self, body):
        raise NotImplementedError

    # -- setup -------------------------------------------------------------------------------

    def update(self):
        self.request.set("disable_border", True)
        self.check_access()
        self.base = self.base_version()
        self.sections = [s for s in texts.split_sections(self.base.html) if s.level > 0]
        self.body = self.stored()
        self.rows = self._row_count()
        self._pick()
        self.fields = self._fields()
        super().update()

    def _row_count(self):
        raw = self.request.form.get("form.rows")
        if raw is None:
            return min(len(self.body.get("changes") or ()) + 1, MAX_ROWS)
        try:
            count = int(raw)
        except (TypeError, ValueError):
            count = 1
        return max(1, min(count, MAX_ROWS))

    def _row_empty(self, index):
        raw = self.request.form.get(f"form.widgets.change_{index}_operation")
        if isinstance(raw, (list, tuple)):
            raw = raw[0] if raw else ""
        return raw in (None, "", "--NOVALUE--")

    def _pick(self):
        """A section's button ("reword", "insert after", "delete") fills a row with it."""
        if self.request.form.get("form.more") and self.rows < MAX_ROWS:
            self.rows += 1
            return
        for operation in drafting.ROW_OPERATIONS:
            token = self.request.form.get(f"form.pick.{operation}")
            if not token:
                continue
            section = next((s for s in self.sections if key_token(s.key) == token), None)
            if section is None:
                return
            index = self.rows - 1
            if not self._row_empty(index):
                if self.rows >= MAX_ROWS:
                    return
                index = self.rows
                self.rows += 1
            prefix = f"form.widgets.change_{index}"
            self.request.form[f"{prefix}_operation"] = [operation]
            self.request.form[f"{prefix}_key"] = [token]
            self.request.form[f"{prefix}_html"] = section.html if operation == "replace" else ""
            if self.rows < MAX_ROWS:
                self.rows += 1  # a blank row for the next change
            return

    def section_vocabulary(self):
        return SimpleVocabulary(
            [
                SimpleTerm(s.key, key_token(s.key), s.heading or s.key)
                for s in texts.split_sections(self.base.html)
                if s.level > 0
            ]
        )

    def operation_vocabulary(self):
        return SimpleVocabulary(
            [SimpleTerm(op, op, OPERATION_LABELS[op]) for op in drafting.ROW_OPERATIONS]
        )

    def _partners(self):
        factory = getUtility(IVocabularyFactory, name="kooperation.Partners")
        return [(term.value, term.title) for term in factory(self.agreement())]

    def _fields(self):
        body = self.body
        fields = self.base.fields
        keys = self.section_vocabulary()
        operations = self.operation_vocabulary()
        changes = list(body.get("changes") or ())
        result = [
            schema.TextLine(
                __name__="title",
                title=_("label_amendment_title", default="Title"),
                description=_("help_amendment_title", default="For example “2. Änderung”."),
                max_length=MAX_TITLE_CHARS,
                default=body.get("title"),
            ),
            schema.Text(
                __name__="rationale",
                title=_("label_rationale", default="Rationale"),
                description=_("help_rationale", default="Why the parties change the agreement."),
                required=False,
                max_length=MAX_RATIONALE_CHARS,
                default=body.get("rationale") or None,
            ),
        ]
        for index in range(self.rows):
            change = changes[index] if index < len(changes) else {}
            key = change.get("key")
            result += [
                schema.Choice(
                    __name__=f"change_{index}_operation",
                    title=_(
                        "label_change_operation",
                        default="Change ${number}",
                        mapping={"number": index + 1},
                    ),
                    vocabulary=operations,
                    required=False,
                    default=change.get("operation")
                    if change.get("operation") in drafting.ROW_OPERATIONS
                    else None,
                ),
                schema.Choice(
                    __name__=f"change_{index}_key",
                    title=_("label_change_section", default="Section"),
                    description=_(
                        "help_change_section",
                        default="Inserting without a section puts the new one before the "
                        "first section.",
                    ),
                    vocabulary=keys,
                    required=False,
                    default=key if key in keys else None,
                ),
                RichText(
                    __name__=f"change_{index}_html",
                    title=_("label_change_wording", default="New wording"),
                    description=_(
                        "help_change_wording",
                        default="Start with the heading to change it; without one the "
                        "section keeps its heading.",
                    ),
                    required=False,
                    max_length=MAX_WORDING_CHARS,
                    default_mime_type="text/html",
                    output_mime_type="text/x-html-safe",
                    allowed_mime_types=("text/html",),
                    default=_rich(change.get("html")),
                ),
            ]
        parties = set(fields.parties)
        joinable = [p for p in self._partners() if p[0] not in parties]
        result += [
            schema.List(
                __name__="parties_joining",
                title=_("label_parties_joining", default="Parties joining"),
                description=""
                if joinable
                else _(
                    "help_no_partner_to_join",
                    default="Every partner of the network is a party already.",
                ),
                value_type=schema.Choice(vocabulary=_vocabulary(joinable)),
                required=False,
                default=list(body.get("parties_joining") or []),
            ),
            schema.List(
                __name__="parties_leaving",
                title=_("label_parties_leaving", default="Parties leaving"),
                value_type=schema.Choice(
                    vocabulary=_vocabulary([(uid, partner_title(uid)) for uid in fields.parties])
                ),
                required=False,
                default=list(body.get("parties_leaving") or []),
            ),
        ]
        rules = self.rules_shown()
        for name in SHOWN_RULES:
            result.append(_named(IValidityRules[name], f"rule_{name}", getattr(rules, name)))
        for name, label_added, label_removed in (
            (
                "legal_bases",
                _("label_legal_bases_added", default="Legal bases added"),
                _("label_legal_bases_removed", default="Legal bases removed"),
            ),
            (
                "target_groups",
                _("label_target_groups_added", default="Target groups added"),
                _("label_target_groups_removed", default="Target groups removed"),
            ),
        ):
            current = list(getattr(fields, name))
            removed = [v for v in body.get(f"{name}_removed") or () if v in current]
            result += [
                schema.List(
                    __name__=f"{name}_added",
                    title=label_added,
                    description=_("help_one_per_line", default="One per line."),
                    value_type=schema.TextLine(max_length=MAX_ITEM_CHARS),
                    max_length=MAX_ITEMS,
                    required=False,
                    default=list(body.get(f"{name}_added") or []),
                ),
                schema.List(
                    __name__=f"{name}_removed",
                    title=label_removed,
                    value_type=schema.Choice(vocabulary=_vocabulary([(v, v) for v in current])),
                    required=False,
                    default=removed,
                ),
            ]
        result += [
            schema.Choice(
                __name__="effective_rule",
                title=_("label_amendment_effective_rule", default="Takes effect"),
                vocabulary="kooperation.EffectiveRules",
                default=body.get("effective_rule") or "on_signature",
                required=True,
            ),
            schema.Date(
                __name__="fixed_date",
                title=_("label_amendment_effective_date", default="Fixed date of effect"),
                description=_(
                    "help_amendment_effective_date",
                    default="Only for a fixed date; it must not lie before the last signature.",
                ),
                required=False,
                default=body.get("fixed_date_value"),
            ),
        ]
        form_fields = field.Fields(*result)
        for name in (
            "parties_joining",
            "parties_leaving",
            "legal_bases_removed",
            "target_groups_removed",
        ):
            form_fields[name].widgetFactory = CheckBoxFieldWidget
        return form_fields

    def updateWidgets(self):
        super().updateWidgets()
        for index in range(self.rows):
            self.widgets[f"change_{index}_operation"].noValueMessage = _(
                "option_no_change", default="– no change –"
            )
            self.widgets[f"change_{index}_key"].noValueMessage = _(
                "option_no_section", default="– before the first section –"
            )

    def rules_shown(self):
        """The rules the form starts with: those in force with the stored changes."""
        rules = self.base.fields.rules
        stored = self.body.get("rules") or {}
        try:
            return texts.rules_after(rules, {k: v for k, v in stored.items() if k in SHOWN_RULES})
        except texts.AmendmentError:
            return rules

    # -- the parts of the page ---------------------------------------------------------------

    def widget_groups(self):
        """(legend, widgets) of the fields after the changes to the text."""
        names = (
            (
                _("legend_parties", default="Parties"),
                ("parties_joining", "parties_leaving"),
            ),
            (
                _("legend_rules", default="Validity rules"),
                tuple(f"rule_{name}" for name in SHOWN_RULES),
            ),
            (
                _("legend_legal_bases", default="Legal bases and target groups"),
                (
                    "legal_bases_added",
                    "legal_bases_removed",
                    "target_groups_added",
                    "target_groups_removed",
                ),
            ),
            (
                _("legend_effect", default="Taking effect"),
                ("effective_rule", "fixed_date"),
            ),
        )
        return [
            {"legend": legend, "widgets": [self.widgets[n] for n in group if n in self.widgets]}
            for legend, group in names
        ]

    def change_rows(self):
        return [
            {
                "number": index + 1,
                "operation": self.widgets[f"change_{index}_operation"],
                "key": self.widgets[f"change_{index}_key"],
                "html": self.widgets[f"change_{index}_html"],
            }
            for index in range(self.rows)
        ]

    def section_items(self):
        return [
            {
                "key": s.key,
                "token": key_token(s.key),
                "heading": s.heading or s.key,
                "html": s.body_html,
            }
            for s in self.sections
        ]

    def changes_action(self):
        """The form's address with the anchor of the changes: a section's button and
        "Another change" come back to the rows, not to the top of the page."""
        return f"{self.request.getURL()}#proposal-changes"

    def can_save(self):
        return self.preview is not None or bool(self.request.form.get("form.fingerprint"))

    # -- reading and checking ----------------------------------------------------------------

    def field_error(self, name, message):
        """Show ``message`` at the widget ``name`` (or above the form)."""
        if error_at(self, name, message):
            return
        snippet = getMultiAdapter(
            (Invalid(message), self.request, None, None, self, self.context),
            IErrorViewSnippet,
        )
        snippet.update()
        self.widgets.errors += (snippet,)
        self.status = self.formErrorsMessage

    def amendment_error(self, error):
        """An AmendmentError of ``texts`` at the field it is about, in the reader's language."""
        if error.errors:  # contradicting rules: each at its rule
            for rule_error in error.errors:
                name = f"rule_{rule_error.field}"
                self.field_error(
                    name if name in self.widgets else "rule_notice_period",
                    render(rule_error.msgid, rule_error.default, rule_error.mapping, self.request),
                )
            return
        name = ERROR_WIDGETS.get(error.msgid) or LIST_WIDGETS.get((error.field, error.msgid))
        self.field_error(name, error_text(error, self.request))

    def collect(self):
        """The proposal as the REST JSON of an amendment, or None after showing the errors."""
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return None
        changes, rows = [], []
        for index in range(self.rows):
            name = f"form.widgets.change_{index}_key"
            raw = self.request.form.get(name)
            token = (raw[0] if raw else "") if isinstance(raw, (list, tuple)) else raw
            keys = self.widgets[f"change_{index}_key"].field.vocabulary
            if token and token != "--NOVALUE--" and token_key(token) not in keys:
                error = texts.AmendmentError(
                    "error_section_unknown", {"key": token_key(token)[:40]}, "changes"
                )
                self.field_error(f"change_{index}_key", error_text(error, self.request))
                return None
            html = data.get(f"change_{index}_html")
            change = drafting.row_change(
                data.get(f"change_{index}_operation"),
                data.get(f"change_{index}_key"),
                html.raw if html is not None else "",
            )
            if change is not None:
                changes.append(change)
                rows.append(index)
        bad = drafting.first_bad_change(self.base.html, changes)
        if bad is not None:
            index, part, error = bad
            self.field_error(f"change_{rows[index]}_{part}", error_text(error, self.request))
            return None
        stored_rules = self.body.get("rules") or {}
        body = {
            "title": data["title"].strip(),
            "rationale": data.get("rationale") or "",
            "changes": changes,
            "parties_joining": list(data.get("parties_joining") or []),
            "parties_leaving": list(data.get("parties_leaving") or []),
            "rules": drafting.rule_changes(
                self.base.fields.rules,
                {name: data.get(f"rule_{name}") for name in SHOWN_RULES},
                stored_rules,
            ),
            "legal_bases_added": _lines(data.get("legal_bases_added")),
            "legal_bases_removed": list(data.get("legal_bases_removed") or []),
            "target_groups_added": _lines(data.get("target_groups_added")),
            "target_groups_removed": list(data.get("target_groups_removed") or []),
            "effective_rule": data.get("effective_rule") or "on_signature",
            "fixed_date": data["fixed_date"].isoformat() if data.get("fixed_date") else None,
        }
        try:
            check_proposal(self.agreement(), body)
            texts.apply_amendment(self.base, proposal_of(body))
        except AmendmentUserError as error:
            self.amendment_error(error.error)
            return None
        except texts.AmendmentError as error:
            self.amendment_error(error)
            return None
        except KooperationError as error:
            self.field_error(error.field, error.message(self.request))
            return None
        return body

    def show_preview(self, body):
        proposal = proposal_of(body)
        clauses = texts.describe_amendment(self.base, proposal)
        self.preview = {
            "redline": redline.redline_changes(self.base.html, body["changes"]).html,
            "clauses": [
                {"text": message_text(clause.message, self.request), "html": clause.html}
                for clause in clauses
            ],
        }
        self.fingerprint = hashlib.sha256(
            json.dumps(body, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()
        self.actions.update()  # "Save" is offered once the preview is shown

    # -- buttons -----------------------------------------------------------------------------

    @button.buttonAndHandler(_("button_preview", default="Preview"), name="preview")
    def handle_preview(self, action):
        body = self.collect()
        if body is not None:
            self.show_preview(body)

    @button.buttonAndHandler(
        _("button_save", default="Save"),
        name="save",
        condition=lambda form: form.can_save(),
    )
    def handle_save(self, action):
        body = self.collect()
        if body is None:
            return
        previewed = self.request.form.get("form.fingerprint")
        self.show_preview(body)
        if previewed != self.fingerprint:
            self.status = translate(
                _(
                    "info_check_preview",
                    default="You changed the proposal after the preview: please check the "
                    "preview below and save again.",
                ),
                context=self.request,
            )
            return
        try:
            obj = self.save(body)
        except BadRequest as error:
            self.field_error(None, str(error))
            return
        api.portal.show_message(self.saved_message, request=self.request)
        self.request.response.redirect(obj.absolute_url())

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


class ProposeAmendmentForm(ProposalForm):
    """@@propose-amendment on an agreement in force (kooperation: Add Amendment)."""

    label = _("heading_propose_amendment", default="Propose an amendment")
    saved_message = _("info_amendment_proposed", default="The amendment has been saved as a draft.")

    def agreement(self):
        return self.context

    def check_access(self):
        try:
            check_amendable(self.context)
        except KooperationError as error:
            raise Forbidden(error.message(self.request)) from error

    def base_version(self):
        version = model.current_version(self.context)
        if version is None:
            raise Forbidden(
                translate(
                    _(
                        "error_amend_only_in_force",
                        default="Only an agreement in force can be amended; change a draft "
                        "directly.",
                    ),
                    context=self.request,
                )
            )
        return version

    def save(self, body):
        return create_proposal(self.context, body, self.request)


class EditAmendmentForm(ProposalForm):
    """@@edit of an amendment: the same form, filled with what it stores."""

    label = _("heading_edit_amendment", default="Edit the amendment")
    saved_message = _("info_amendment_saved", default="The amendment has been saved.")

    def agreement(self):
        return model.agreement_of(self.context)

    def check_access(self):
        if api.content.get_state(self.context) not in ("draft", "consultation"):
            raise Forbidden(
                translate(
                    _(
                        "error_amendment_frozen",
                        default="An amendment can be changed only as a draft or in consultation.",
                    ),
                    context=self.request,
                )
            )

    def base_version(self):
        return model.base_version(self.context)

    def stored(self):
        obj = self.context
        return {
            "title": obj.Title(),
            "rationale": obj.rationale or "",
            "changes": list(obj.changes or ()),
            "parties_joining": list(obj.parties_joining or ()),
            "parties_leaving": list(obj.parties_leaving or ()),
            "rules": dict(obj.rules or {}),
            "legal_bases_added": list(obj.legal_bases_added or ()),
            "legal_bases_removed": list(obj.legal_bases_removed or ()),
            "target_groups_added": list(obj.target_groups_added or ()),
            "target_groups_removed": list(obj.target_groups_removed or ()),
            "effective_rule": obj.effective_rule,
            "fixed_date_value": obj.fixed_date,
        }

    def save(self, body):
        return store_proposal(self.context, body, self.request)


class AddAmendmentView(DefaultAddView):
    """++add++Amendment leads to the proposal form (the "Add" menu)."""

    def __call__(self):
        return self.request.response.redirect(f"{self.context.absolute_url()}/@@propose-amendment")


class ConsentView(BrowserView):
    """@@consent: a party's consent or objection (with a reason) during consultation.

    GET shows the form for one party; POST records it through ``record_consent``, as
    ``POST @consents`` does. Only a decision maker of the party (or a coordinator) may.
    """

    template = ViewPageTemplateFile("templates/consent.pt")

    def __call__(self):
        self.errors = {}
        self.error = None
        form = self.request.form
        self.party = form.get("party") if isinstance(form.get("party"), str) else None
        self.decision = form.get("decision") if form.get("decision") in DECISIONS else "consent"
        self.comment = form.get("comment") if isinstance(form.get("comment"), str) else ""
        if not self.allowed_parties():
            self.request.response.setStatus(403)
            self.error = translate(
                _("error_may_not_consent", default="You may not record consent to this amendment."),
                context=self.request,
            )
            return self.template()
        if self.party not in self.allowed_parties():
            self.party = self.allowed_parties()[0]
        if self.request.get("REQUEST_METHOD") == "POST" and form.get("form.submitted"):
            return self.submit()
        return self.template()

    def for_any(self):
        return api.user.has_permission("Review portal content", obj=self.context)

    def allowed_parties(self):
        """The parties the current user may record a decision for, now."""
        if getattr(self, "_allowed", None) is None:
            self._allowed = consent_parties(self.context, api.user.get_current().getId())
        return self._allowed

    def party_options(self):
        done = consents(self.context)
        return [
            {
                "uid": uid,
                "title": partner_title(uid),
                "selected": uid == self.party,
                "decided": uid in done,
            }
            for uid in self.allowed_parties()
        ]

    def submit(self):
        try:
            CheckAuthenticator(self.request)
        except Forbidden:
            self.request.response.setStatus(403)
            self.error = translate(
                _(
                    "error_csrf",
                    default="This change needs a JSON request or the form's security "
                    "token. Please reload the page and try again.",
                ),
                context=self.request,
            )
            return self.template()
        comment = self.comment.strip()
        if self.decision == "objection" and not comment:
            self.errors["comment"] = translate(
                _("error_objection_reason", default="Give the reason for the objection."),
                context=self.request,
            )
        elif len(comment) > MAX_COMMENT_CHARS:
            self.errors["comment"] = translate(
                _(
                    "error_comment_too_long",
                    default="At most ${limit} characters, please.",
                    mapping={"limit": MAX_COMMENT_CHARS},
                ),
                context=self.request,
            )
        if self.errors:
            return self.template()
        try:
            record_consent(
                self.context,
                self.party,
                self.decision,
                comment,
                api.user.get_current().getId(),
                self.for_any(),
            )
        except KooperationError as error:
            self.errors[error.field] = error.message(self.request)
            return self.template()
        message = (
            _("info_consent_recorded", default="The consent has been recorded.")
            if self.decision == "consent"
            else _("info_objection_recorded", default="The objection has been recorded.")
        )
        api.portal.show_message(message, request=self.request)
        self.request.response.redirect(self.context.absolute_url())
        return ""
