"""`JavaGuard` and the single pass that runs every enabled Java guard over one file.

Fail closed as the other front ends do: a file the grammar cannot read (an ERROR or MISSING node in the tree), a
guard that crashes (the other guards' findings are kept) and a pass that runs past `limits.guard_timeout_seconds`
yield IDG000; input above `limits.max_file_bytes` is refused by the engine before it gets here.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from ...failclosed import fail_closed_pass, incomplete_finding
from ...models import Finding, Severity
from ...policy import DEFAULT_POLICY, Policy
from ...registry import Guard
from .context import JavaContext
from .tree import Node, parse_java

JAVA_LANGUAGES = ("java",)


class JavaGuard(Guard):
    """A structural guard over Java. Subclasses define `visit_<node type>` methods (`visit_method_invocation`,
    `visit_object_creation_expression`...) and call `self.report(node, ...)`; `self.ctx` answers name and value
    questions. Guards never touch the parser."""

    languages: ClassVar[tuple[str, ...]] = JAVA_LANGUAGES

    def __init__(self, ctx: JavaContext) -> None:
        self.ctx = ctx
        self.findings: list[Finding] = []
        self._reported: set[tuple[int, int]] = set()

    def report(
        self, node: Node, message: str | None = None, *, fix: str | None = None, severity: Severity | None = None
    ) -> None:
        start, end = node.start_point, node.end_point
        if (start.row, start.column) in self._reported:
            return
        self._reported.add((start.row, start.column))
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
    found = []
    for cls in guard_cls.__mro__:
        if cls is JavaGuard or not issubclass(cls, JavaGuard):
            break
        for attr in cls.__dict__:
            if attr.startswith("visit_"):
                found.append((attr.removeprefix("visit_"), attr))
    return tuple(found)


class JavaParseError(Exception):
    """The grammar could not read the file: where, and what it met."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}")
        self.line, self.column = line, column


def run_java_guards(
    code: str, guards: list[type[JavaGuard]], *, path: str | None = None, policy: Policy = DEFAULT_POLICY
) -> list[Finding]:
    """Parse once (cached), walk the index once, and dispatch each node to the guards that visit its type.

    Raises `JavaParseError` when the tree holds a syntax error: what idguard cannot read it does not pass.
    """
    tree = parse_java(code)
    error = tree.first_error()
    if error is not None:
        row = error.start_point.row
        raise JavaParseError(row + 1, tree.column(row, error.start_point.column))
    if not guards:
        return []
    ctx = JavaContext(tree, path, policy)
    instances = [guard(ctx) for guard in guards]
    handlers: dict[str, list[tuple[JavaGuard, object]]] = {}
    for instance in instances:
        for node_type, attr in _handler_names(type(instance)):  # type: ignore[arg-type]  # a class is hashable
            handlers.setdefault(node_type, []).append((instance, getattr(instance, attr)))
    failed: dict[str, str] = {}
    for node_type, entries in handlers.items():
        nodes = tree.by_type.get(node_type, ())
        for instance, handler in entries:
            if instance.id in failed:
                continue
            try:
                for node in nodes:
                    handler(node)  # type: ignore[operator]  # a bound visit_ method
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


def check_java(code: str, guards: list[type[JavaGuard]], path: str | None, policy: Policy) -> list[Finding]:
    """The engine's entry point: run the guards, turning what cannot be analysed into IDG000 (fail closed)."""

    def parse_finding(exc: Exception) -> Finding:
        assert isinstance(exc, JavaParseError)
        return incomplete_finding(
            path,
            f"Java does not parse at line {exc.line}, column {exc.column}.",
            "Fix the syntax error so idguard can check the code; unparseable identity code is blocked.",
            policy,
            line=exc.line,
            column=exc.column,
        )

    return fail_closed_pass(
        lambda: run_java_guards(code, guards, path=path, policy=policy),
        path,
        policy,
        "Java",
        JavaParseError,
        parse_finding,
    )
