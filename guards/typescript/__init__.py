"""TypeScript and JavaScript guards (.ts .tsx .js .jsx .mjs .cjs), one per module, on the tree-sitter front end
in `support/`."""
