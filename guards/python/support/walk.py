"""The tree index and walks over it: one pre-order walk per file records each node's
subtree span, so every later walk of a subtree is a list slice.
"""

from __future__ import annotations

import dataclasses
import threading
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any, TypeVar, overload

import libcst as cst

_N = TypeVar("_N", bound=cst.CSTNode)

# Fields that only hold whitespace, comments and punctuation: never walked.
_SKIPPED_FIELD_WORDS = (
    "whitespace",
    "lpar",
    "rpar",
    "leading_lines",
    "lines_after",
    "header",
    "footer",
    "comma",
    "semicolon",
    "newline",
    "indent",
    "equal",
    "colon",
    "dot",
)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _walk_fields(cls: type) -> tuple[str, ...]:
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = tuple(
            f.name for f in dataclasses.fields(cls) if not any(word in f.name for word in _SKIPPED_FIELD_WORDS)
        )
        _FIELDS[cls] = fields
    return fields


_IS_NODE: dict[type, bool] = {}
_NODE_TYPES: set[type] = set()  # the node classes seen so far: a set lookup, no call


def _is_node(value: object) -> bool:
    # CSTNode is an ABC: a cached subclass test per type is far cheaper than isinstance().
    kind = type(value)
    known = _IS_NODE.get(kind)
    if known is None:
        known = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
        if known:
            _NODE_TYPES.add(kind)
    return known


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The syntax children of `node` in the order of its libcst fields (whitespace and punctuation
    left out). That is source order for most nodes but not all: an `Arg` lists its value before its
    keyword, a `Subscript` its value before its slice. Guards must not depend on the difference."""
    found: list[cst.CSTNode] = []
    for name in _walk_fields(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            found.extend(value)  # libcst sequences hold nodes only
        elif kind in _NODE_TYPES or _is_node(value):
            found.append(value)
    return found


_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
SCOPE_TYPES = frozenset(_SCOPES)  # libcst node classes are ABCs: isinstance() on them is slow


class TreeIndex:
    """Every node of one module in pre-order, with each node's subtree span.

    Built once per file by one walk; afterwards walking any subtree is a list
    slice and finding the nodes of a type under it is a binary search, so guards
    that look inside functions, calls or statements do not re-walk the tree.
    """

    __slots__ = ("order", "spans", "_positions_of_type", "_matching")

    def __init__(self, root: cst.CSTNode) -> None:
        order: list[cst.CSTNode] = []
        spans: dict[int, tuple[int, int]] = {}
        # (node, start index) once its subtree is done; bare nodes to enter.
        stack: list = [root]
        while stack:
            item = stack.pop()
            if type(item) is tuple:
                node, begin = item
                spans[id(node)] = (begin, len(order))
                continue
            stack.append((item, len(order)))
            order.append(item)
            stack.extend(reversed(children(item)))
        self.order = order
        self.spans = spans
        self._positions_of_type: dict[type, list[int]] | None = None
        self._matching: dict[type | tuple[type, ...], list[list[int]]] = {}

    def span(self, node: cst.CSTNode) -> tuple[int, int] | None:
        found = self.spans.get(id(node))
        if found is None or self.order[found[0]] is not node:
            return None
        return found

    def subtree(self, start: int, end: int, into_scopes: bool) -> list[cst.CSTNode]:
        if into_scopes:
            return self.order[start:end]
        nodes, order, spans, index = [], self.order, self.spans, start
        while index < end:
            node = order[index]
            nodes.append(node)
            index = spans[id(node)][1] if index != start and type(node) in SCOPE_TYPES else index + 1
        return nodes

    def of_types(
        self, start: int, end: int, kinds: type | tuple[type, ...], into_scopes: bool = True
    ) -> list[cst.CSTNode]:
        """Nodes in [start, end) that are instances of `kinds`, in walk order; with
        `into_scopes=False`, none inside a function, class or lambda nested in the range's root."""
        if self._positions_of_type is None:
            table: dict[type, list[int]] = {}
            for position, node in enumerate(self.order):
                table.setdefault(type(node), []).append(position)
            self._positions_of_type = table
        matching = self._matching.get(kinds)
        if matching is None:
            matching = self._matching[kinds] = [
                positions for node_type, positions in self._positions_of_type.items() if issubclass(node_type, kinds)
            ]
        hits: list[int] = []
        for positions in matching:
            hits.extend(positions[bisect_left(positions, start) : bisect_left(positions, end)])
        if len(hits) > 1:
            hits.sort()
        if not into_scopes and hits:
            hits = self._outside_nested_scopes(start, end, hits)
        order = self.order
        return [order[position] for position in hits]

    def _outside_nested_scopes(self, start: int, end: int, hits: list[int]) -> list[int]:
        skipped: list[tuple[int, int]] = []  # spans of the outermost scopes nested in [start, end)
        for scope in self.of_types(start + 1, end, _SCOPES):
            begin, finish = self.spans[id(scope)]
            if not skipped or begin >= skipped[-1][1]:
                skipped.append((begin, finish))
        if not skipped:
            return hits
        kept, index = [], 0
        for position in hits:
            while index < len(skipped) and skipped[index][1] <= position:
                index += 1
            if index < len(skipped) and skipped[index][0] < position:
                continue  # inside a nested scope (the scope node itself is kept, as walk() yields it)
            kept.append(position)
        return kept


CURRENT = threading.local()  # the TreeIndex of the file being checked, per thread


def _located(node: cst.CSTNode) -> tuple[TreeIndex, int, int] | None:
    index: TreeIndex | None = getattr(CURRENT, "index", None)
    if index is None:
        return None
    span = index.span(node)
    return (index, *span) if span is not None else None


def node_span(node: cst.CSTNode) -> tuple[int, int] | None:
    """(start, end) pre-order positions of `node`'s subtree in the file being checked, or None
    outside a guard pass. Ordering two nodes by start is ordering them by source position."""
    located = _located(node)
    return (located[1], located[2]) if located is not None else None


def walk(node: cst.CSTNode, *, into_scopes: bool = True) -> Iterator[cst.CSTNode]:
    """Every syntax node under `node` (itself included), parents first, in field order (see `children`),
    without libcst's visitor machinery (which rebuilds each node and is several times
    slower). With `into_scopes=False`, nested functions, classes and lambdas are not entered.
    Inside a guard pass this is a slice of the file's `TreeIndex`."""
    located = _located(node)
    if located is not None:
        index, start, end = located
        return iter(index.subtree(start, end, into_scopes))
    return _walk_fresh(node, into_scopes)


def _walk_fresh(node: cst.CSTNode, into_scopes: bool) -> Iterator[cst.CSTNode]:
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_scopes and current is not node and isinstance(current, _SCOPES):
            continue
        stack.extend(reversed(children(current)))


def iter_calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    """Every call inside `node` (for guards that inspect a function body)."""
    return iter(findall(node, cst.Call))


@overload
def findall(tree: cst.CSTNode, matcher: type[_N]) -> list[_N]: ...
@overload
def findall(tree: cst.CSTNode, matcher: object) -> list[Any]: ...
def findall(tree: cst.CSTNode, matcher: object) -> list[Any]:
    """Nodes under `tree` that are of a node class (or a tuple of classes), or match a
    `libcst.matchers` matcher, found with `walk`: several times faster than libcst's own
    traversal, which rebuilds every node it passes. Node classes need no matchers import,
    which is slow to load (the IDE hook loads guards on every identity write)."""
    if isinstance(matcher, type) or (isinstance(matcher, tuple) and all(isinstance(k, type) for k in matcher)):
        return of_types(tree, matcher)
    import libcst.matchers as m

    if isinstance(matcher, m.TypeOf):
        # TypeOf of node classes or bare matcher classes: an isinstance filter.
        raw = getattr(matcher, "_raw_options", ())
        kinds = tuple(getattr(cst, k.__name__, None) if isinstance(k, type) else None for k in raw)
        if raw and all(isinstance(k, type) and issubclass(k, cst.CSTNode) for k in kinds):
            return of_types(tree, kinds)  # type: ignore[arg-type]  # matchers and node classes share this entry point; checked at run time
    wanted = getattr(type(matcher), "__name__", "")
    node_type = getattr(cst, wanted, None)
    if isinstance(node_type, type) and issubclass(node_type, cst.CSTNode):
        # A matcher class is named after its node class: reject other node types cheaply.
        return [n for n in of_types(tree, node_type) if m.matches(n, matcher)]  # type: ignore[arg-type]  # matchers and node classes share this entry point; checked at run time
    return [n for n in walk(tree) if m.matches(n, matcher)]  # type: ignore[arg-type]  # matchers and node classes share this entry point; checked at run time


def of_types(tree: cst.CSTNode, kinds: type | tuple[type, ...], into_scopes: bool = True) -> list[cst.CSTNode]:
    located = _located(tree)
    if located is not None:
        index, start, end = located
        return index.of_types(start, end, kinds, into_scopes)
    return [n for n in _walk_fresh(tree, into_scopes) if isinstance(n, kinds)]
