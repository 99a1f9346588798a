"""Rebuild the kooperation catalogs: `make i18n` (i18ndude rebuild-pot, then sync).

Messages that the extractor cannot see (the sentences of the Zope-free modules:
deadlines, amendment texts, rotation, third-party detector, registration rules,
reporting) are written to manual.pot first and merged.
"""

from kooperation.amendments.texts import MESSAGES as AMENDMENT_MESSAGES
from kooperation.deadlines import MESSAGES
from kooperation.esign.messages import MESSAGES as ESIGN_MESSAGES
from kooperation.meetings.rotation import MESSAGES as ROTATION_MESSAGES
from kooperation.members.reporting import MESSAGES as REPORTING_MESSAGES
from kooperation.privacy.thirdparty import MESSAGES as THIRDPARTY_MESSAGES
from kooperation.registrations.rules import MESSAGES as REGISTRATION_MESSAGES
from pathlib import Path

import subprocess
import sys


HERE = Path(__file__).resolve().parent
DOMAIN = "kooperation"
LANGUAGES = ("de", "en")
I18NDUDE = str(Path(sys.executable).parent / "i18ndude")


def _quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def write_manual_pot(path=HERE / "manual.pot"):
    sources = [("kooperation/deadlines/__init__.py", MESSAGES)]
    sources.append(("kooperation/amendments/texts.py", AMENDMENT_MESSAGES))
    sources.append(("kooperation/meetings/rotation/__init__.py", ROTATION_MESSAGES))
    sources.append(("kooperation/privacy/thirdparty.py", THIRDPARTY_MESSAGES))
    sources.append(("kooperation/registrations/rules.py", REGISTRATION_MESSAGES))
    sources.append(("kooperation/members/reporting/__init__.py", REPORTING_MESSAGES))
    sources.append(("kooperation/esign/messages.py", ESIGN_MESSAGES))
    entries = [
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n"Domain: kooperation\\n"\n'
    ]
    seen = set()
    for source, messages in sources:
        for msgid, default in sorted(messages.items()):
            if msgid in seen:
                continue
            seen.add(msgid)
            entries.append(
                f'#: {source}\n#. Default: "{_quote(default)}"\nmsgid "{msgid}"\nmsgstr ""\n'
            )
    path.write_text("\n".join(entries), encoding="utf-8")


def rebuild_pot(pot=HERE / f"{DOMAIN}.pot", manual=HERE / "manual.pot"):
    write_manual_pot(manual)
    subprocess.run(
        [
            I18NDUDE,
            "rebuild-pot",
            "--pot",
            str(pot),
            "--merge",
            str(manual),
            "--create",
            DOMAIN,
            str(HERE.parent),
        ],
        check=True,
        capture_output=True,
    )


def sync():
    for language in LANGUAGES:
        po = HERE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if not po.exists():
            po.write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                f'"Language-Code: {language}\\n"\n"Language-Name: {language}\\n"\n'
                f'"Preferred-Encodings: utf-8\\n"\n"Domain: {DOMAIN}\\n"\n',
                encoding="utf-8",
            )
        subprocess.run(
            [I18NDUDE, "sync", "--pot", str(HERE / f"{DOMAIN}.pot"), str(po)], check=True
        )


def main():
    rebuild_pot()
    sync()


if __name__ == "__main__":
    main()
