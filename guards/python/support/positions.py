"""Source positions of nodes, computed only when a guard reports.

The same ranges as libcst's `PositionProvider`, from an offset-recording run of libcst's
own code generation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst._position import CodePosition
from libcst.metadata import CodeRange


def module_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """The same ranges as libcst's `PositionProvider`, at a fraction of its cost.

    PositionProvider regenerates the code while tracking line and column per token,
    with a generator-based context manager and two position objects per node: about
    nine times the cost of plain code generation. `_OffsetCodegen` runs the same
    code generation (so the same nodes get the same syntactic ranges, including the
    ranges libcst hoists from child nodes) but records character offsets, and turns
    only the offsets asked for into lines and columns.
    """
    state = _OffsetCodegen(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return _OffsetPositions(module, state)


class _OffsetCodegen(CodegenState):
    """libcst code generation that records each node's (start, end) character offsets."""

    __slots__ = ("offset", "popped", "ranges", "_starts")

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.offset = 0
        self.popped = ""
        self.ranges: dict[int, tuple[int, int]] = {}
        self._starts: list[int] = []

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def pop_trailing_newline(self) -> None:
        # libcst drops the file's last newline token without moving its position counter; so do we.
        if self.tokens:
            self.popped = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop()
        key = id(node)
        if key not in self.ranges:  # a syntactic range recorded inside the node wins
            self.ranges[key] = (start, self.offset)

    def record_syntactic_position(  # type: ignore[override]  # libcst's own signature, narrowed to the nodes we record
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> _SyntacticRange:
        return _SyntacticRange(self, node, start_node, end_node)


class _SyntacticRange:
    """What `PositionProvidingCodegenState.record_syntactic_position` does, without a generator."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _OffsetCodegen, node: cst.CSTNode, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = self.state.offset

    def __exit__(self, *exc: object) -> None:
        ranges = self.state.ranges
        start = ranges[id(self.start_node)][0] if self.start_node is not None else self.start
        end = ranges[id(self.end_node)][1] if self.end_node is not None else self.state.offset
        ranges[id(self.node)] = (start, end)


class _OffsetPositions(Mapping):
    """node -> CodeRange (1-based lines, 0-based columns, as libcst's PositionProvider)."""

    def __init__(self, module: cst.Module, state: _OffsetCodegen) -> None:
        self._module = module  # ranges are keyed by node id: the tree must outlive them
        self._ranges = state.ranges
        text = "".join(state.tokens) + state.popped
        self._line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]

    def _position(self, offset: int) -> CodePosition:
        line = bisect_right(self._line_starts, offset)
        return CodePosition(line, offset - self._line_starts[line - 1])

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        start, end = self._ranges[id(node)]
        return CodeRange(self._position(start), self._position(end))

    def __iter__(self):  # noqa: ANN204 - node ids are all that is kept
        raise TypeError("positions are looked up by node, not listed")

    def __len__(self) -> int:
        return len(self._ranges)


_NEWLINE = re.compile(r"\r\n?|\n")  # the line breaks libcst's position provider counts
