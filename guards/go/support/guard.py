"""`GoGuard` and the single pass that runs every enabled Go guard over one file.

Fail closed as the other front ends do: a file the grammar cannot read (an ERROR or MISSING node in the tree),
a guard that crashes (the other guards' findings are kept) and a pass that runs past
`limits.guard_timeout_seconds` yield IDG000; input above `limits.max_file_bytes` is refused by the engine
before it gets here.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from ...failclosed import fail_closed_pass, incomplete_finding
from ...models import Finding, Severity
from ...policy import DEFAULT_POLICY, Policy
from ...registry import Guard
from .context import GoContext
from .tree import Node, parse_go

GO_LANGUAGES = ("go",)


class GoGuard(Guard):
    """A structural guard over Go. Subclasses define `visit_<node type>` methods (`visit_call_expression`,
    `visit_keyed_element`...) and call `self.report(node, ...)`; `self.ctx` answers name and value questions.
    Guards never touch the parser."""

    languages: ClassVar[tuple[str, ...]] = GO_LANGUAGES

    def __init__(self, ctx: GoContext) -> None:
        self.ctx = ctx
        self.findings: list[Finding] = []
        self._reported: set[int] = set()

    def report(
        self, node: Node, message: str | None = None, *, fix: str | None = None, severity: Severity | None = None
    ) -> None:
        """One finding per line and guard: a line holds one wrong value the reader fixes once."""
        start, end = node.start_point, node.end_point
        if start.row in self._reported:
            return
        self._reported.add(start.row)
        tree = self.ctx.tree
        self.findings.append(
            Finding(
                guard_id=self.id,
                title=self.title,
                severity=severity or self.meta.severity,
                confidence=self.meta.confidence,
                path=self.ctx.path,
                line=start.row + 1,
                column=tree.column(start.row, start.column),
                end_line=end.row + 1,
                end_column=tree.column(end.row, end.column),
                message=message or self.title,
                fix=fix if fix is not None else self.fix_hint,
                references=self.meta.references,
            )
        )


@cache
def _handler_names(guard_cls: type) -> tuple[tuple[str, str], ...]:
    """(node type, method name) for each `visit_*` a guard class defines, once per class."""
    found = []
    for cls in guard_cls.__mro__:
        if cls is GoGuard or not issubclass(cls, GoGuard):
            break
        for attr in cls.__dict__:
            if attr.startswith("visit_"):
                found.append((attr.removeprefix("visit_"), attr))
    return tuple(found)


class GoParseError(Exception):
    """The grammar could not read the file: where, and what it met."""

    def __init__(self, line: int, column: int, snippet: str) -> None:
        super().__init__(f"line {line}, column {column}")
        self.line, self.column, self.snippet = line, column, snippet


def run_go_guards(
    code: str, guards: list[type[GoGuard]], *, path: str | None = None, policy: Policy = DEFAULT_POLICY
) -> list[Finding]:
    """Parse once (cached), walk the index once, and dispatch each node to the guards that visit its type.

    Raises `GoParseError` when the tree holds a syntax error: what idguard cannot read it does not pass.
    """
    tree = parse_go(code)
    error = tree.first_error()
    if error is not None:
        row = error.start_point.row
        raise GoParseError(row + 1, tree.column(row, error.start_point.column), tree.text(error)[:40])
    if not guards:
        return []
    ctx = GoContext(tree, path, policy)
    instances = [guard(ctx) for guard in guards]
    handlers: dict[str, list[tuple[GoGuard, object]]] = {}
    for instance in instances:
        for node_type, attr in _handler_names(type(instance)):  # type: ignore[arg-type]  # a class is hashable; the stub's Hashable misses type objects
            handlers.setdefault(node_type, []).append((instance, getattr(instance, attr)))
    failed: dict[str, str] = {}
    for node_type, entries in handlers.items():
        nodes = tree.by_type.get(node_type, ())
        for instance, handler in entries:
            if instance.id in failed:
                continue
            try:
                for node in nodes:
                    handler(node)  # type: ignore[operator]  # tree-sitter nodes: the type is checked on this path, which mypy does not follow
            except RecursionError:
                raise
            except Exception as exc:  # noqa: BLE001 - a crashing guard must fail closed
                failed[instance.id] = type(exc).__name__
    ctx.shared.clear()
    findings: list[Finding] = []
    for instance in instances:
        if instance.id not in failed:
            findings.extend(instance.findings)
    for guard_id, failure in sorted(failed.items()):
        findings.append(
            incomplete_finding(
                path,
                f"Guard {guard_id} failed ({failure}); the file was not fully checked.",
                "Report this to the idguard maintainers; the change stays blocked until every guard runs.",
                policy,
            )
        )
    return findings


def check_go(code: str, guards: list[type[GoGuard]], path: str | None, policy: Policy) -> list[Finding]:
    """The engine's entry point: run the guards, turning what cannot be analysed into IDG000 (fail closed)."""

    def parse_finding(exc: Exception) -> Finding:
        assert isinstance(exc, GoParseError)
        return incomplete_finding(
            path,
            f"Go does not parse at line {exc.line}, column {exc.column}.",
            "Fix the syntax error so idguard can check the code; unparseable identity code is blocked.",
            policy,
            line=exc.line,
            column=exc.column,
        )

    return fail_closed_pass(
        lambda: run_go_guards(code, guards, path=path, policy=policy), path, policy, "Go", GoParseError, parse_finding
    )
