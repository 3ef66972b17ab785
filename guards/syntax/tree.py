"""One tree-sitter parse and one pre-order index per source, for every tree-sitter front end.

Grammars come from their wheels (`tree-sitter-typescript`, `-javascript`, `-go`, `-java`); nothing is built or
downloaded at run time. Each front end caches its parses, so every guard of a file and IDG001's literal scan
share one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

import tree_sitter

Node = tree_sitter.Node


@dataclass
class SyntaxTree:
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


def index_source(parser: tree_sitter.Parser, code: str) -> SyntaxTree:
    """Parse `code` and index every named node (iteratively: deep nesting cannot overflow a stack)."""
    source = code.encode("utf-8", "surrogatepass")
    root = parser.parse(source).root_node
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
                return SyntaxTree(source, root, order, dict(by_type))
