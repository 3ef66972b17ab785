"""What Java guards are built on: one tree-sitter parse, one indexed walk, name and value resolution.

- `tree`: the parse (cached per source), the pre-order index by node type, positions
- `context`: `JavaContext`, imports (single-type, on-demand, static) and fully-qualified names, `static final`
  constants and local variables of literals, literal values, call chains (builders, Spring Security DSL),
  annotations, enclosing methods and their catch clauses
- `guard`: `JavaGuard` and the single pass that runs every guard of one file
- `judge`: vocabulary several guards share (secret names, request input, Spring paths)
"""
