"""What Python guards are built on: one parse, one pass, cheap name and value resolution.

Each file is parsed once with libcst and indexed once (`walk.TreeIndex`: every node in
pre-order with its subtree span), and every enabled `guard.PythonGuard` runs in a single pass
over that index. Positions are computed only when a guard reports (`positions`).

- `context`: `PythonContext`, imports, assignments, class and instance attributes
- `guard`: `PythonGuard` and the pass that runs the guards of one file
- `walk`: the tree index, `walk`, `children`, `findall`
- `positions`: line and column of reported nodes
- `words`, `literals`, `lifetimes`: identifier words and credential names, literal values,
  credential lifetimes
- `values`, `flow`, `taint`: where values come from and go, function-level flow (handlers,
  default paths, calls on every path), request input
- `jwt`, `password_hashing`, `secret_refs`, `credential_literals`: judgement several guards share
"""
