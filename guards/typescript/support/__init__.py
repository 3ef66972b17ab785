"""What TypeScript/JavaScript guards are built on: one tree-sitter parse, one indexed walk, name and value
resolution.

- `tree`: the parse (cached per source), the pre-order index by node type, positions
- `context`: `ScriptContext`, imports and `require` aliases, same-file constants, literal values,
  object-literal options (spreads merged), environment fallbacks, enclosing functions and catch paths
- `guard`: `ScriptGuard` and the single pass that runs every guard of one file
- `judge`: vocabulary several guards share (JWT calls, credential names, request input)
"""
