"""Content types: one module per type (schema + class)."""
