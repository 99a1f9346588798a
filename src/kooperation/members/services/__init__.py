"""The REST services of members: one package per endpoint, its permission in ZCML."""
