"""`PythonGuard` and the single pass that runs every enabled guard over one file."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import libcst as cst
from libcst import BatchableCSTVisitor
from libcst.metadata import PositionProvider

from ...models import Finding, Severity
from ...policy import DEFAULT_POLICY, Policy
from ...registry import Guard
from .context import PythonContext
from .walk import CURRENT, SCOPE_TYPES, TreeIndex


class PythonGuard(Guard, BatchableCSTVisitor):
    """A structural guard over Python code. Subclasses define `visit_*` methods
    and call `self.report(node, ...)`; `self.ctx` answers name/value questions."""

    languages: ClassVar[tuple[str, ...]] = ("python",)
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.findings: list[Finding] = []

    def get_metadata(self, key, node, default=None):
        """Positions are computed once per file, and only when a guard asks for one."""
        if key is PositionProvider:
            return self.ctx.positions.get(node, default) if default is not None else self.ctx.positions[node]
        return super().get_metadata(key, node, default)

    def report(
        self,
        node: cst.CSTNode,
        message: str | None = None,
        *,
        fix: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        position = self.get_metadata(PositionProvider, node)
        self.findings.append(
            Finding(
                guard_id=self.id,
                title=self.title,
                severity=severity or self.meta.severity,
                confidence=self.meta.confidence,
                path=self.ctx.path,
                line=position.start.line,
                column=position.start.column + 1,
                end_line=position.end.line,
                end_column=position.end.column + 1,
                message=message or self.title,
                fix=fix if fix is not None else self.fix_hint,
                references=self.meta.references,
            )
        )


def _handlers(instances: list[PythonGuard]) -> tuple[dict[str, list], dict[str, list]]:
    """visit_X / leave_X methods the guards define themselves (not libcst's no-op stubs)."""
    visits: dict[str, list] = {}
    leaves: dict[str, list] = {}
    for instance in instances:
        for kind, node_type, attr in _handler_names(type(instance)):
            table = visits if kind == "visit" else leaves
            table.setdefault(node_type, []).append(getattr(instance, attr))
    return visits, leaves


@cache
def _handler_names(guard_cls: type) -> tuple[tuple[str, str, str], ...]:
    """(visit|leave, node type, method name) for each handler a guard class defines, once per class."""
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for cls in guard_cls.__mro__:
        if cls is PythonGuard or not issubclass(cls, PythonGuard):
            break
        for attr in cls.__dict__:
            if attr in seen or not (attr.startswith("visit_") or attr.startswith("leave_")):
                continue
            kind, node_type = attr.split("_", 1)
            if "_" in node_type:
                continue  # attribute visitors (visit_Call_func) are not supported
            seen.add(attr)
            found.append((kind, node_type, attr))
    return tuple(found)


def run_python_guards(
    code: str,
    guards: list[type[PythonGuard]],
    *,
    path: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> list[Finding]:
    """Parse once, index the tree once, and run every guard in one pass.

    Raises `cst.ParserSyntaxError` for code that does not parse; the engine
    turns that into a blocking finding (fail closed).
    """
    module = cst.parse_module(code)
    if not guards:
        return []
    ctx = PythonContext(module, path, policy, code)
    index = TreeIndex(module)
    outer = getattr(CURRENT, "index", None)
    CURRENT.index = index
    try:
        instances = [guard(ctx) for guard in guards]  # some guards read the tree when created
        _dispatch(index, ctx, *_handlers(instances))
    finally:
        CURRENT.index = outer
        ctx.shared.clear()
    findings: list[Finding] = []
    for instance in instances:
        findings.extend(instance.findings)
    return findings


def _dispatch(index: TreeIndex, ctx: PythonContext, visits: dict[str, list], leaves: dict[str, list]) -> None:
    # Pending leaves: (end of the node's subtree, node); a node is left when the walk passes its end.
    pending: list[tuple[int, cst.CSTNode]] = []
    spans = index.spans
    for position, node in enumerate(index.order):
        while pending and pending[-1][0] <= position:
            _leave(pending.pop()[1], ctx, leaves)
        kind = type(node)
        name = kind.__name__
        scope = kind in SCOPE_TYPES
        if scope:
            (ctx.class_stack if kind is cst.ClassDef else ctx.function_stack).append(node)  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
        for handler in visits.get(name, ()):
            handler(node)
        if scope or name in leaves:
            pending.append((spans[id(node)][1], node))
    while pending:
        _leave(pending.pop()[1], ctx, leaves)


def _leave(node: cst.CSTNode, ctx: PythonContext, leaves: dict[str, list]) -> None:
    kind = type(node)
    for handler in leaves.get(kind.__name__, ()):
        handler(node)
    if kind in SCOPE_TYPES:
        (ctx.class_stack if kind is cst.ClassDef else ctx.function_stack).pop()
