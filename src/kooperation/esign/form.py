"""Is the written form met? And whose signature is an electronic one? (no Zope)

§ 126 (2) BGB / § 56 SGB X want every party's signature on the same document; § 126a BGB
lets a qualified electronic signature replace the handwritten one, for a contract each
party signing an identical electronic document (§ 126a (2); § 36a (2) SGB I for the
social-law bodies). Parties may mix: some sign on paper, some electronically. The form
is met when every party has signed, each either by hand (``written``) or with a
qualified electronic signature (``electronic``), and all electronic signatures are over
identical content.

``match_signer`` finds the Person a certificate names among those entitled to sign for a
party on the day of signing (name, and the organisation where the certificate has one).
"""

from dataclasses import dataclass
from datetime import date
from kooperation.esign.messages import EsignPhrase

import re
import unicodedata


WRITTEN = "written"
ELECTRONIC = "electronic"
FORMS = (WRITTEN, ELECTRONIC)


@dataclass(frozen=True)
class PartySignature:
    """A party's recorded signature as the form rule sees it."""

    party: str
    form: str = WRITTEN
    qualified: bool = False  # electronic: a qualified electronic signature
    content_hash: str | None = None  # electronic: what was signed
    name: str = ""
    party_title: str = ""


@dataclass(frozen=True)
class FormResult:
    met: bool
    messages: tuple = ()
    missing: tuple = ()
    insufficient: tuple = ()


def written_form(parties, signatures, titles=None):
    """The written form of a document with ``parties`` (ids) and their ``signatures``
    (PartySignature); ``titles`` {party id: name} names the parties in the messages."""
    by_party = {signature.party: signature for signature in signatures}
    missing = tuple(party for party in parties if party not in by_party)
    messages = []
    insufficient = []
    hashes = {}
    for party in parties:
        signature = by_party.get(party)
        if signature is None or signature.form == WRITTEN:
            continue
        if signature.form != ELECTRONIC or not signature.qualified:
            insufficient.append(party)
            messages.append(
                EsignPhrase(
                    "esign_form_not_qualified",
                    {"name": signature.name, "party": signature.party_title or party},
                )
            )
            continue
        hashes.setdefault(signature.content_hash, []).append(signature)
    if len(hashes) > 1:
        # The content most parties signed is the document; the others signed another one.
        majority = max(hashes.values(), key=len)
        for group in hashes.values():
            if group is majority:
                continue
            for signature in group:
                insufficient.append(signature.party)
                messages.append(
                    EsignPhrase(
                        "esign_form_content_differs",
                        {"party": signature.party_title or signature.party},
                    )
                )
    if missing:
        names = ", ".join((titles or {}).get(party) or party for party in missing)
        messages.append(EsignPhrase("esign_form_missing", {"parties": names}))
    met = not missing and not insufficient
    if met:
        messages.insert(0, EsignPhrase("esign_form_met"))
    return FormResult(met, tuple(messages), missing, tuple(insufficient))


@dataclass(frozen=True)
class Candidate:
    """A Person who may sign for ``party`` on the day in question."""

    uid: str
    name: str
    party: str
    party_title: str
    entitled: bool = True


_TITLES = re.compile(r"\b(dr|prof|dipl|ing|med|rer|nat|phil|jur|hc|mag|ba|ma)\b\.?", re.I)
_FOLD = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})


def normalise(text):
    """Lower case, umlauts spelled out, titles and punctuation dropped, words sorted."""
    text = (text or "").casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _TITLES.sub(" ", text)
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(sorted(words))


_STOPWORDS = {"an", "der", "die", "das", "den", "und", "fuer", "in", "im", "am", "von", "zu"}


def _words(text):
    return set(normalise(text).split()) - _STOPWORDS


def _organisation_fits(organisation, party_title):
    """The certificate's organisation names the party: the words of the shorter name
    (articles and prepositions aside) all appear in the longer one."""
    org, party = _words(organisation), _words(party_title)
    if not org or not party:
        return True
    shorter, longer = sorted((org, party), key=len)
    return shorter <= longer


def match_signer(name, organisation, candidates, day=None):
    """(Candidate or None, EsignPhrase): the entitled Person the certificate names.

    The name must match (given name and surname, titles and umlaut spelling aside);
    where the certificate names an organisation, it must fit the party's name.
    """
    wanted = normalise(name)
    fitting = [
        c
        for c in candidates
        if c.entitled
        and normalise(c.name) == wanted
        and _organisation_fits(organisation, c.party_title)
    ]
    if len({c.party for c in fitting}) == 1:
        chosen = fitting[0]
        return chosen, EsignPhrase(
            "esign_match_party", {"name": chosen.name, "party": chosen.party_title}
        )
    return None, EsignPhrase(
        "esign_match_none", {"name": name, "date": day if isinstance(day, date) else ""}
    )
