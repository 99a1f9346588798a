"""The content types of workspace: one module per type (schema + class)."""
