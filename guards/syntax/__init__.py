"""What the tree-sitter front ends (TypeScript/JavaScript, Go, Java) share: one parse and one pre-order index
per file (`tree.py`), and the guard base class with the single dispatching pass that fails closed (`guard.py`).
Each front end keeps its grammar, its context (names, values) and its guards."""
