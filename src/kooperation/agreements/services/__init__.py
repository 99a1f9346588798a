"""The REST services of agreements: one package per endpoint, its permission in ZCML."""
