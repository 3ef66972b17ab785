"""Java identity guards (IDG5xx), one per module, on the tree-sitter front end in `support/`."""
