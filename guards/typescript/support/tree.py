"""One tree-sitter parse and one pre-order index per TypeScript/JavaScript source.

The grammars come from the `tree-sitter-typescript` and `tree-sitter-javascript` wheels; nothing is built or
downloaded at run time. A parsed tree is cached per (source, dialect), so every guard of a file, and the
benchmark that asks for statement spans, share one parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import cast

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

Node = tree_sitter.Node

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


@dataclass
class ScriptTree:
    """A parsed file: the source bytes, the root, every named node in pre-order and grouped by type."""

    source: bytes
    root: Node
    order: list[Node]
    by_type: dict[str, list[Node]] = field(default_factory=dict)
    _line_starts: list[int] | None = None

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def first_error(self) -> Node | None:
        """The first ERROR or MISSING node, or None when the file parsed cleanly."""
        if not self.root.has_error:
            return None
        cursor = self.root.walk()
        while True:
            node = cast(Node, cursor.node)  # a cursor on a tree always stands on a node
            if node.type == "ERROR" or node.is_missing:
                return node
            if node.has_error and cursor.goto_first_child():
                continue
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    return self.root
            # siblings without errors are skipped by the has_error test on the next round

    def column(self, row: int, byte_column: int) -> int:
        """1-based character column of a (row, byte column) point."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            position = find(b"\n")
            while position != -1:
                starts.append(position + 1)
                position = find(b"\n", position + 1)
            self._line_starts = starts
        start = self._line_starts[row] if row < len(self._line_starts) else 0
        return len(self.source[start : start + byte_column].decode("utf-8", "replace")) + 1


@lru_cache(maxsize=16)
def parse_script(code: str, dialect: str) -> ScriptTree:
    """Parse `code` once and index every named node (iteratively: deep nesting cannot overflow a stack)."""
    source = code.encode("utf-8", "surrogatepass")
    tree = _parser(dialect).parse(source)
    root = tree.root_node
    order: list[Node] = []
    by_type: dict[str, list[Node]] = defaultdict(list)
    cursor = root.walk()
    append = order.append
    while True:
        node = cast(Node, cursor.node)  # as above
        if node.is_named:
            append(node)
            by_type[node.type].append(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return ScriptTree(source, root, order, dict(by_type))


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
