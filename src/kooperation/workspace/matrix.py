"""Who may do what: the security matrix of the product, as one table.

Each row is a type in a workflow state (``sample`` names the object of the test
world, tests/security/world.py); each cell says what a persona holds there:

- letters: V view, M modify, A add content, D delete, S sign, B record a signature
  on behalf ("-" nothing),
- then the workflow transitions offered, then ``+Type`` for the types they may add.

tests/security/test_security_matrix.py checks every cell against the real
permission machinery; ``python -m kooperation.workspace.matrix`` renders the table
into docs/security.md. Changing a right means changing this table first.
"""

PERSONAS = {
    "anonymous": "Anonymous visitor",
    "outsider": "Staff of a partner in another network",
    "staff_a": "Staff of partner A",
    "staff_b": "Staff of partner B",
    "staff_c": "Staff of partner C",
    "editor": "Editor of the network",
    "coordinator": "Coordinator of the network",
    "signatory_a": "Signatory (management) of partner A",
    "manager": "Site manager",
}

SAMPLES = {
    "network": "the network",
    "network_published": "another network, published",
    "partner": "partner A",
    "partner_published": "partner B, published",
    "person": "a person of partner A",
    "person_published": "a person of partner B, published",
    "area": "the internal area of partner A",
    "case_note": "a case note of partner A naming partners A and B",
    "amendment_for_signature": "amendment for signature, partner C has not signed",
    "amendment_effective": "amendment signed by all, effective",
    "series": "a round table of partners A, B and C",
    "series_published": "another round table, published",
    "meeting": "a meeting of the round table, minutes taken by partner A",
    "meeting_published": "another meeting of the round table, published",
    "minutes_draft": "minutes of the meeting (minute-taker: partner A), draft",
    "project": "a project of the network (as a member of the association)",
    "project_published": "another project, published",
    "measure": "a measure of the project",
    "measure_published": "a measure of the published project, published",
    "report_draft": "a quarterly report written by the editor, draft",
}

# (type, state, sample, {persona: cell})
MATRIX = [
    (
        "Network",
        "internal",
        "network",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +Document +File +Folder +Image +Project +Report",
            "coordinator": (
                "VMAD publish +Agreement +Document +File +Folder +Image +MeetingSeries +Partner "
                "+Project +Report"
            ),
            "signatory_a": "V",
            "manager": (
                "VMAD publish +Agreement +Document +File +Folder +Image +MeetingSeries +Partner "
                "+Project +Report"
            ),
        },
    ),
    (
        "Partner",
        "internal",
        "partner",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD publish +Person",
            "signatory_a": "V",
            "manager": "VMAD publish +PartnerArea +Person",
        },
    ),
    (
        "Person",
        "internal",
        "person",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD publish",
            "signatory_a": "V",
            "manager": "VMAD publish",
        },
    ),
    (
        "PartnerArea",
        "internal",
        "area",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "VMAD +CaseNote +File +Image",
            "staff_b": "-",
            "staff_c": "-",
            "editor": "-",
            "coordinator": "-",
            "signatory_a": "VMAD +CaseNote +File +Image",
            "manager": "VMAD +CaseNote +File +Image",
        },
    ),
    (
        "Network",
        "published",
        "network_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": (
                "VMAD retract +Agreement +Document +File +Folder +Image +MeetingSeries +Partner "
                "+Project +Report"
            ),
        },
    ),
    (
        "Partner",
        "published",
        "partner_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD retract +Person",
            "signatory_a": "V",
            "manager": "VMAD retract +PartnerArea +Person",
        },
    ),
    (
        "Person",
        "published",
        "person_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD retract",
            "signatory_a": "V",
            "manager": "VMAD retract",
        },
    ),
    (
        "CaseNote",
        "confidential",
        "case_note",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "VMD",
            "staff_b": "VMD",
            "staff_c": "-",
            "editor": "-",
            "coordinator": "-",
            "signatory_a": "VMD",
            "manager": "-",
        },
    ),
    (
        "Agreement",
        "draft",
        "agreement_draft",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": (
                "VMAD cancel freeze_for_signature submit_for_consultation +Amendment +File +Image"
            ),
            "signatory_a": "V",
            "manager": (
                "VMAD cancel freeze_for_signature submit_for_consultation +Amendment +File +Image"
            ),
        },
    ),
    (
        "Agreement",
        "consultation",
        "agreement_consultation",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VMAD back_to_draft cancel freeze_for_signature +Amendment +File +Image",
            "signatory_a": "V",
            "manager": "VMAD back_to_draft cancel freeze_for_signature +Amendment +File +Image",
        },
    ),
    (
        "Agreement",
        "for_signature",
        "agreement_for_signature",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VAB cancel reopen +Amendment +File +Image",
            "signatory_a": "VS",
            "manager": "VASB cancel reopen +Amendment +File +Image",
        },
    ),
    (
        "Agreement",
        "in_force",
        "agreement_in_force",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VA give_notice +Amendment +File +Image",
            "signatory_a": "V",
            "manager": "VA give_notice +Amendment +File +Image",
        },
    ),
    (
        "Agreement",
        "terminated",
        "agreement_terminated",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VA +Amendment +File +Image",
            "signatory_a": "V",
            "manager": "VA +Amendment +File +Image",
        },
    ),
    (
        "Agreement",
        "ended",
        "agreement_ended",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": "V",
        },
    ),
    (
        "Agreement",
        "cancelled",
        "agreement_cancelled",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": "VD",
        },
    ),
    (
        "Amendment",
        "draft",
        "amendment_draft",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VMD freeze_for_signature submit_for_consultation withdraw",
            "signatory_a": "V",
            "manager": "VMD freeze_for_signature submit_for_consultation withdraw",
        },
    ),
    (
        "Amendment",
        "consultation",
        "amendment_consultation",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VMD back_to_draft freeze_for_signature reject withdraw",
            "signatory_a": "V",
            "manager": "VMD back_to_draft freeze_for_signature reject withdraw",
        },
    ),
    (
        "Amendment",
        "for_signature",
        "amendment_for_signature",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VB reject withdraw",
            "signatory_a": "VS",
            "manager": "VSB reject withdraw",
        },
    ),
    (
        "Amendment",
        "effective",
        "amendment_effective",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": "V",
        },
    ),
    (
        "Amendment",
        "rejected",
        "amendment_rejected",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": "V",
        },
    ),
    (
        "Amendment",
        "withdrawn",
        "amendment_withdrawn",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V",
            "signatory_a": "V",
            "manager": "VD",
        },
    ),
    (
        "MeetingSeries",
        "internal",
        "series",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +Document +File +Meeting",
            "coordinator": "VMAD publish +Document +File +Meeting",
            "signatory_a": "V",
            "manager": "VMAD publish +Document +File +Meeting",
        },
    ),
    (
        "MeetingSeries",
        "published",
        "series_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +Document +File +Meeting",
            "coordinator": "VMAD retract +Document +File +Meeting",
            "signatory_a": "V",
            "manager": "VMAD retract +Document +File +Meeting",
        },
    ),
    (
        "Meeting",
        "internal",
        "meeting",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +File",
            "coordinator": "VMAD publish +File +Minutes",
            "signatory_a": "V",
            "manager": "VMAD publish +File +Minutes",
        },
    ),
    (
        "Meeting",
        "published",
        "meeting_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +File",
            "coordinator": "VMAD retract +File +Minutes",
            "signatory_a": "V",
            "manager": "VMAD retract +File +Minutes",
        },
    ),
    (
        "Minutes",
        "draft",
        "minutes_draft",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "VM circulate",
            "staff_b": "-",
            "staff_c": "-",
            "editor": "-",
            "coordinator": "VMD circulate",
            "signatory_a": "VM circulate",
            "manager": "VMD circulate",
        },
    ),
    (
        "Minutes",
        "circulation",
        "minutes_circulation",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "VM back_to_draft",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V approve",
            "coordinator": "VMD approve back_to_draft",
            "signatory_a": "VM back_to_draft",
            "manager": "VMD approve back_to_draft",
        },
    ),
    (
        "Minutes",
        "approved",
        "minutes_approved",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V publish publish_public",
            "coordinator": "V publish publish_public",
            "signatory_a": "V",
            "manager": "V publish publish_public",
        },
    ),
    (
        "Minutes",
        "published",
        "minutes_published",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V publish_public retract",
            "coordinator": "V publish_public retract",
            "signatory_a": "V",
            "manager": "V publish_public retract",
        },
    ),
    (
        "Minutes",
        "published_public",
        "minutes_published_public",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V retract",
            "coordinator": "V retract",
            "signatory_a": "V",
            "manager": "V retract",
        },
    ),
    (
        "Project",
        "internal",
        "project",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +Measure",
            "coordinator": "VMAD publish +Measure",
            "signatory_a": "V",
            "manager": "VMAD publish +Measure",
        },
    ),
    (
        "Project",
        "published",
        "project_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA +Measure",
            "coordinator": "VMAD retract +Measure",
            "signatory_a": "V",
            "manager": "VMAD retract +Measure",
        },
    ),
    (
        "Measure",
        "internal",
        "measure",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD publish",
            "signatory_a": "V",
            "manager": "VMAD publish",
        },
    ),
    (
        "Measure",
        "published",
        "measure_published",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "VA",
            "coordinator": "VMAD retract",
            "signatory_a": "V",
            "manager": "VMAD retract",
        },
    ),
    (
        "Report",
        "draft",
        "report_draft",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "-",
            "staff_b": "-",
            "staff_c": "-",
            "editor": "VMD submit",
            "coordinator": "VMD submit",
            "signatory_a": "-",
            "manager": "VMD submit",
        },
    ),
    (
        "Report",
        "submitted",
        "report_submitted",
        {
            "anonymous": "-",
            "outsider": "-",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "VMD back_to_draft publish publish_public",
            "signatory_a": "V",
            "manager": "VMD back_to_draft publish publish_public",
        },
    ),
    (
        "Report",
        "published",
        "report_published",
        {
            "anonymous": "-",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V publish_public retract",
            "signatory_a": "V",
            "manager": "VMD publish_public retract",
        },
    ),
    (
        "Report",
        "public",
        "report_public",
        {
            "anonymous": "V",
            "outsider": "V",
            "staff_a": "V",
            "staff_b": "V",
            "staff_c": "V",
            "editor": "V",
            "coordinator": "V retract",
            "signatory_a": "V",
            "manager": "VMD retract",
        },
    ),
]


def render_markdown():
    """The matrix as Markdown, one table per type."""
    lines = [
        "# Security matrix",
        "",
        "Generated from `src/kooperation/workspace/matrix.py` by "
        "`python -m kooperation.workspace.matrix`; `make test` checks every cell against the "
        "real permission machinery.",
        "",
        "Letters: **V** view, **M** modify, **A** add content, **D** delete, **S** sign, "
        "**B** record a signature on behalf, **-** nothing; then the workflow transitions "
        "offered and the types that may be added (`+Type`).",
        "",
        "Personas: " + "; ".join(f"**{key}** – {title}" for key, title in PERSONAS.items()) + ".",
        "",
        "How roles arise: every network has the groups *members* (Reader), *editors* (Editor, "
        "Contributor, Reviewer) and *coordinators* (Coordinator, Reader, Contributor, Editor, "
        "Reviewer); every partner a *staff* group (inside the network's members; Reader, "
        "Contributor and Editor on the partner's internal area, which blocks all other roles) "
        "and a *signatories* group (Signatory on the network). A portal user joins a partner "
        "through a Person entry with their login; with the authority to sign, they join its "
        "signatories. Case notes block all acquired roles; the staff groups of the partners "
        "they name get the role CaseParticipant.",
    ]
    personas = list(PERSONAS)
    for portal_type in dict.fromkeys(row[0] for row in MATRIX):
        lines += ["", f"## {portal_type}", ""]
        lines.append("| state (sample) | " + " | ".join(personas) + " |")
        lines.append("| --- " * (len(personas) + 1) + "|")
        for _type, state, sample, cells in (row for row in MATRIX if row[0] == portal_type):
            row = [f"{state} ({SAMPLES.get(sample, sample.replace('_', ' '))})"]
            row += [cells[p].replace(" ", "<br>") for p in personas]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
