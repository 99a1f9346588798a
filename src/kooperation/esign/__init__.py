"""The electronic form (§ 126a BGB, § 36a (2) SGB I): PAdES-signed PDFs as signatures.

``validation`` reads the signatures of an uploaded PDF with pyHanko (integrity, what each
covers, signing time, chain and revocation at that time, qualified or not), offline and
without Zope; ``form`` decides whether the written form is met by the parties' signatures,
each written (a handwritten original) or electronic. The Zope side (``portal``,
``browser``, ``services/``) records a counted signature through
``kooperation.agreements.signatures`` and keeps the report beside the signed original.
"""
