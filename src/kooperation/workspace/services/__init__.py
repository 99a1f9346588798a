"""The REST services of workspace: one package per endpoint, its permission in ZCML."""
