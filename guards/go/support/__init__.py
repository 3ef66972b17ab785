"""What Go guards are built on: one tree-sitter parse, one indexed walk, name and value resolution.

- `tree`: the parse (cached per source), the pre-order index by node type, positions
- `context`: `GoContext`, import paths and aliases, constants and `:=` of literals (scoped to the function),
  literal values, composite-literal fields (`&tls.Config{...}`), enclosing functions and their error paths
- `guard`: `GoGuard` and the single pass that runs every guard of one file
- `judge`: vocabulary several guards share (JWT libraries, secret names, request input, log calls)
- `durations`: `time.Duration` expressions and lifetimes against the policy's `limits.*`
- `secret_literals`: the Go front end of IDG001
"""
