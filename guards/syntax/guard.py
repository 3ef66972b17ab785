"""`SyntaxGuard` and the single pass that runs a tree-sitter front end's enabled guards over one file.

Fail closed as every front end does: a file the grammar cannot read (an ERROR or MISSING node in the tree), a
guard that crashes (the other guards' findings are kept) and a pass that runs past
`limits.guard_timeout_seconds` yield IDG000; input above `limits.max_file_bytes` is refused by the engine
before it gets here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar

from ..failclosed import fail_closed_pass, incomplete_finding
from ..models import Finding, Severity
from ..policy import Policy
from ..registry import Guard
from .tree import Node, SyntaxTree


class SyntaxGuard(Guard):
    """A structural guard over a tree-sitter parse. Subclasses define `visit_<node type>` methods and call
    `self.report(node, ...)`; `self.ctx` (the front end's context) answers name and value questions. Guards
    never touch the parser."""

    # One finding per line and guard (a line holds one wrong value the reader fixes once), or per position.
    one_per_line: ClassVar[bool] = False

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.findings: list[Finding] = []
        self._reported: set[tuple[int, int]] = set()

    def report(
        self, node: Node, message: str | None = None, *, fix: str | None = None, severity: Severity | None = None
    ) -> None:
        start, end = node.start_point, node.end_point
        key = (start.row, 0 if self.one_per_line else start.column)
        if key in self._reported:
            return
        self._reported.add(key)
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
        if cls is SyntaxGuard or not issubclass(cls, SyntaxGuard):
            break
        for attr in cls.__dict__:
            if attr.startswith("visit_"):
                found.append((attr.removeprefix("visit_"), attr))
    return tuple(found)


class SyntaxParseError(Exception):
    """The grammar could not read the file: where, and what it met."""

    def __init__(self, line: int, column: int, snippet: str = "") -> None:
        super().__init__(f"line {line}, column {column}")
        self.line, self.column, self.snippet = line, column, snippet


def run_syntax_guards(
    tree: SyntaxTree, make_context: Callable[[], Any], guards: list[type[SyntaxGuard]], path: str | None, policy: Policy
) -> list[Finding]:
    """Walk the index once and dispatch each node to the guards that visit its type.

    Raises `SyntaxParseError` when the tree holds a syntax error: what idguard cannot read it does not pass.
    """
    error = tree.first_error()
    if error is not None:
        row = error.start_point.row
        raise SyntaxParseError(row + 1, tree.column(row, error.start_point.column), tree.text(error)[:40])
    if not guards:
        return []
    ctx = make_context()
    instances = [guard(ctx) for guard in guards]
    handlers: dict[str, list[tuple[SyntaxGuard, Callable[[Node], None]]]] = {}
    for instance in instances:
        for node_type, attr in _handler_names(type(instance)):  # type: ignore[arg-type]  # a class is hashable; the stub's Hashable misses type objects
            handlers.setdefault(node_type, []).append((instance, getattr(instance, attr)))
    # Walk only the node types some guard visits, in source order, from the index built with the parse.
    # A guard that crashes stops there and is reported (IDG000); the others still run, so their findings stay.
    failed: dict[str, str] = {}
    for node_type, entries in handlers.items():
        nodes = tree.by_type.get(node_type, ())
        for instance, handler in entries:
            if instance.id in failed:
                continue
            try:
                for node in nodes:
                    handler(node)
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


def check_syntax(
    run: Callable[[], list[Finding]], language_name: str, path: str | None, policy: Policy
) -> list[Finding]:
    """A front end's engine entry point: run its pass, turning what cannot be analysed into IDG000."""

    def parse_finding(exc: Exception) -> Finding:
        assert isinstance(exc, SyntaxParseError)
        return incomplete_finding(
            path,
            f"{language_name} does not parse at line {exc.line}, column {exc.column}.",
            "Fix the syntax error so idguard can check the code; unparseable identity code is blocked.",
            policy,
            line=exc.line,
            column=exc.column,
        )

    return fail_closed_pass(run, path, policy, language_name, SyntaxParseError, parse_finding)
