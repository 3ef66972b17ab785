"""One tree-sitter parse and one pre-order index per TypeScript/JavaScript source.

The grammars come from the `tree-sitter-typescript` and `tree-sitter-javascript` wheels; nothing is built or
downloaded at run time. A parsed tree is cached per (source, dialect), so every guard of a file, and the
benchmark that asks for statement spans, share one parse.
"""

from __future__ import annotations

from functools import cache, lru_cache

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from ...syntax.tree import Node, SyntaxTree, index_source

FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)


@cache
def _parser(dialect: str) -> tree_sitter.Parser:
    if dialect == "tsx":
        language = tree_sitter_typescript.language_tsx()
    elif dialect == "typescript":
        language = tree_sitter_typescript.language_typescript()
    else:
        language = tree_sitter_javascript.language()
    return tree_sitter.Parser(tree_sitter.Language(language))


def dialect_for(language: str, path: str | None) -> str:
    """Which grammar reads the file: TSX for `.tsx`, TypeScript for other TypeScript, else JavaScript (with JSX)."""
    if path and path.lower().endswith(".tsx"):
        return "tsx"
    return "typescript" if language == "typescript" else "javascript"


ScriptTree = SyntaxTree


@lru_cache(maxsize=16)
def parse_script(code: str, dialect: str) -> ScriptTree:
    """Parse `code` once and index every named node."""
    return index_source(_parser(dialect), code)


def statement_spans(code: str, dialect: str) -> dict[int, range]:
    """First line -> the lines of the statement (or function header) starting there, 1-based.

    For a function, the header runs from its first line (decorators included) to the line its body opens on.
    """
    tree = parse_script(code, dialect)
    spans: dict[int, range] = {}
    for node in tree.order:
        first, last = node.start_point.row + 1, node.end_point.row + 1
        if node.type in FUNCTION_TYPES or node.type in ("class_declaration", "class"):
            body = node.child_by_field_name("body")
            end = body.start_point.row + 1 if body is not None else first
            spans.setdefault(first, range(first, end + 1))
        elif node.type.endswith("statement") or node.type.endswith("declaration") or node.type == "pair":
            block = _first_block(node)
            if block is not None:
                last = block.start_point.row + 1  # a handler or a branch: only its header is the statement
            spans.setdefault(first, range(first, last + 1))
    return spans


def _first_block(node: Node) -> Node | None:
    """The first statement block or class body inside `node`, in source order."""
    stack = list(reversed(node.named_children))
    while stack:
        child = stack.pop()
        if child.type in ("statement_block", "class_body"):
            return child
        stack.extend(reversed(child.named_children))
    return None
