"""Upgrade steps: one step per profile version, registered in configure.zcml."""
