"""Go guards (.go), one per module, on the tree-sitter front end in `support/`."""
