"""Identity units: the functions of an identity file, and the failure paths a test must exercise.

Review tells a person what changed; it cannot tell them whether the deny branch of a role grant, the expiry
check of an invitation or the error handler of a revocation ever ran. An *identity unit* is a function or
method of a file that needs review whose own code is identity code (or whose file is, and which has failure
paths). Its *failure paths* are the places where it refuses or fails:

- `raise` (an exception is the refusal): `raise PermissionError(...)`, `raise HTTPException(403)`;
- a denying `return`: `False`, `None`, an empty collection, a 4xx/5xx response or status, `abort(403)`;
- the branch taken when an expiry, revocation, permission or verification check fails
  (`if invite.expires_at < now:` -> its body);
- every exception handler (`except ...:`), whatever it does: the path a failing dependency takes.

Units and paths are found with the standard `ast` module (lines are what coverage data speaks), so other
languages can provide the same shape from their own front ends.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

from .classify import classify
from .policy import DEFAULT_POLICY, Policy

FailureKind = Literal["raise", "deny-return", "failed-check", "handler"]

_CHECK_WORDS = re.compile(
    r"expir|revok|revoc|valid|verif|permit|permission|allowed|authori|authenti|is_active|active|disabled|locked|"
    r"exp\b|ttl|used|consumed|owner|admin|role|scope|grant|member|signature|token|nonce|state|mfa|otp|email|invitee|"
    r"tenant|org|match|equal|same|suspend|banned|blocked|deleted|enabled|deactivat|lock",
    re.IGNORECASE,
)
_DENY_CALLS = {"abort", "deny", "forbidden", "unauthorized", "permission_denied", "reject", "fail", "raise_for_status"}
_RESPONSE_CALLS = {
    "Response",
    "JSONResponse",
    "JsonResponse",
    "HttpResponse",
    "PlainTextResponse",
    "HTTPException",
    "jsonify",
    "make_response",
    "web.json_response",
    "json_response",
}
_STATUS_WORDS = {
    "HTTP_401_UNAUTHORIZED",
    "HTTP_403_FORBIDDEN",
    "HTTP_404_NOT_FOUND",
    "HTTP_400_BAD_REQUEST",
    "HTTP_409_CONFLICT",
    "HTTP_410_GONE",
    "HTTP_429_TOO_MANY_REQUESTS",
    "HTTP_500_INTERNAL_SERVER_ERROR",
    "HTTP_503_SERVICE_UNAVAILABLE",
    "UNAUTHORIZED",
    "FORBIDDEN",
}


@dataclass(frozen=True)
class FailurePath:
    line: int  # the first line that runs only when this path is taken
    kind: FailureKind
    description: str


@dataclass
class Unit:
    name: str  # qualified: `Class.method` or `function`
    start: int  # the `def` line (decorators excluded)
    end: int
    body_lines: tuple[int, ...]  # lines of statements in the body, for "did it run"
    categories: list[str]
    failure_paths: list[FailurePath] = field(default_factory=list)
    digest: str = ""  # of the unit's source, to tell a changed unit from an unchanged one


def _source_digest(code_lines: list[str], node: ast.stmt) -> str:
    start = node.lineno - 1
    end = getattr(node, "end_lineno", node.lineno)
    text = "\n".join(line.rstrip() for line in code_lines[start:end])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        inner = _call_name(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _is_error_status(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return 400 <= node.value <= 599
    if isinstance(node, (ast.Attribute, ast.Name)):
        last = node.attr if isinstance(node, ast.Attribute) else node.id
        return last in _STATUS_WORDS or bool(re.fullmatch(r"HTTP_(4|5)\d\d_\w+", last))
    return False


def _denying_value(value: ast.AST | None) -> str | None:
    """What makes a returned value a refusal, or None."""
    if value is None:
        return "returns nothing"
    if isinstance(value, ast.Constant) and value.value in (False, None):
        return f"returns {value.value}"
    if isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.Dict)) and not getattr(
        value, "elts", getattr(value, "keys", [1])
    ):
        return "returns an empty collection"
    if isinstance(value, ast.Tuple) and value.elts and _is_error_status(value.elts[-1]):
        return "returns an error status"
    if isinstance(value, ast.Call):
        name = _call_name(value).rsplit(".", 1)[-1]
        if name in _DENY_CALLS:
            return f"returns {name}()"
        if name in _RESPONSE_CALLS or name.endswith("Response"):
            for keyword in value.keywords:
                if keyword.arg in ("status", "status_code", "code") and _is_error_status(keyword.value):
                    return "returns an error response"
            if any(_is_error_status(arg) for arg in value.args[:2]):
                return "returns an error response"
    return None


class _PathFinder(ast.NodeVisitor):
    """Failure paths inside one function (not inside functions nested in it: those are units of their own)."""

    def __init__(self) -> None:
        self.paths: list[FailurePath] = []
        self.body_lines: set[int] = set()
        # Statements that run exactly when an already recorded path runs (the rest of a handler or of a failed
        # check's branch): not paths of their own.
        self._covered: set[int] = set()

    def _add(self, path: FailurePath, node: ast.stmt) -> None:
        if id(node) not in self._covered:
            self.paths.append(path)

    def _cover(self, block: list[ast.stmt]) -> None:
        self._covered.update(id(statement) for statement in block)

    def run(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for statement in fn.body:
            self.visit(statement)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.stmt):
            self.body_lines.add(node.lineno)
        super().generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:  # nested: its own unit
        self.body_lines.add(node.lineno)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]  # the same visitor serves both node kinds

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.body_lines.add(node.lineno)

    def visit_Raise(self, node: ast.Raise) -> None:
        raised = _call_name(node.exc) if node.exc is not None else "the current exception"
        self._add(FailurePath(node.lineno, "raise", f"raises {raised or 'an exception'}"), node)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        reason = _denying_value(node.value)
        if reason is not None:
            self._add(FailurePath(node.lineno, "deny-return", reason), node)
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call) and _call_name(node.value).rsplit(".", 1)[-1] in _DENY_CALLS:
            self._add(FailurePath(node.lineno, "deny-return", f"calls {_call_name(node.value)}()"), node)
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if _CHECK_WORDS.search(test) and node.body and self._refuses(node.body):
            self._add(FailurePath(node.body[0].lineno, "failed-check", f"when `{test[:80]}`"), node)
            self._cover(node.body)
        self.generic_visit(node)

    def visit_Try(self, node: ast.Try) -> None:
        for handler in node.handlers:
            caught = ast.unparse(handler.type) if handler.type is not None else "any exception"
            first = handler.body[0].lineno if handler.body else handler.lineno
            self.paths.append(FailurePath(first, "handler", f"handles {caught[:60]}"))
            self._cover(handler.body)
        self.generic_visit(node)

    visit_TryStar = visit_Try  # type: ignore[assignment]  # the same visitor serves both node kinds

    @staticmethod
    def _refuses(body: list[ast.stmt]) -> bool:
        """The branch ends in a refusal (raise, denying return, abort...): it is the failure side of the check."""
        for statement in body:
            if isinstance(statement, ast.Raise):
                return True
            if isinstance(statement, ast.Return) and _denying_value(statement.value) is not None:
                return True
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Call)
                and _call_name(statement.value).rsplit(".", 1)[-1] in _DENY_CALLS
            ):
                return True
        return False


_PREFERENCE = {"failed-check": 0, "handler": 1, "raise": 2, "deny-return": 3}


def _one_per_line(paths: list[FailurePath]) -> list[FailurePath]:
    """One path per line (a failed check whose branch raises is one path, described by its check)."""
    best: dict[int, FailurePath] = {}
    for path in paths:
        if path.line not in best or _PREFERENCE[path.kind] < _PREFERENCE[best[path.line].kind]:
            best[path.line] = path
    return [best[line] for line in sorted(best)]


def identity_units(code: str, path: str | None = None, policy: Policy = DEFAULT_POLICY) -> list[Unit]:
    """The identity units of a Python file (empty when it does not parse: the engine blocks that anyway)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    lines = code.splitlines()
    file_identity, file_categories = classify(code, path, policy)
    units: list[Unit] = []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                source = "\n".join(lines[node.lineno - 1 : node.end_lineno or node.lineno])
                own_identity, own_categories = classify(f"{node.name}\n{source}", None, policy)
                finder = _PathFinder()
                finder.run(node)
                if own_identity or (file_identity and finder.paths):
                    units.append(
                        Unit(
                            name=prefix + node.name,
                            start=node.lineno,
                            end=node.end_lineno or node.lineno,
                            body_lines=tuple(sorted(finder.body_lines)),
                            categories=own_categories or file_categories,
                            failure_paths=_one_per_line(finder.paths),
                            digest=_source_digest(lines, node),
                        )
                    )
                walk(node.body, f"{prefix}{node.name}.")

    walk(tree.body, "")
    return units


def changed_units(
    new_code: str, old_code: str | None, path: str | None = None, policy: Policy = DEFAULT_POLICY
) -> list[Unit]:
    """The identity units of `new_code` that are new or whose source differs from `old_code`'s unit of the
    same name (a new file: all of them)."""
    old = {u.name: u.digest for u in identity_units(old_code, path, policy)} if old_code else {}
    return [u for u in identity_units(new_code, path, policy) if old.get(u.name) != u.digest]
