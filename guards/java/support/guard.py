"""`JavaGuard` and the single pass that runs every enabled Java guard over one file.

Fail closed as the other front ends do: a file the grammar cannot read (an ERROR or MISSING node in the tree), a
guard that crashes (the other guards' findings are kept) and a pass that runs past `limits.guard_timeout_seconds`
yield IDG000; input above `limits.max_file_bytes` is refused by the engine before it gets here.
"""

from __future__ import annotations

from typing import ClassVar

from ...models import Finding
from ...policy import DEFAULT_POLICY, Policy
from ...syntax.guard import SyntaxGuard, SyntaxParseError, check_syntax, run_syntax_guards
from .context import JavaContext
from .tree import parse_java

JAVA_LANGUAGES = ("java",)
# The grammar could not read the file (raised by `run_java_guards`, turned into IDG000 by `check_java`).
JavaParseError = SyntaxParseError


class JavaGuard(SyntaxGuard):
    """A structural guard over Java. Subclasses define `visit_<node type>` methods (`visit_method_invocation`,
    `visit_object_creation_expression`...) and call `self.report(node, ...)`; `self.ctx` answers name and value
    questions. Guards never touch the parser."""

    languages: ClassVar[tuple[str, ...]] = JAVA_LANGUAGES
    ctx: JavaContext


def run_java_guards(
    code: str, guards: list[type[JavaGuard]], *, path: str | None = None, policy: Policy = DEFAULT_POLICY
) -> list[Finding]:
    """Parse once (cached), walk the index once, and dispatch each node to the guards that visit its type."""
    tree = parse_java(code)
    return run_syntax_guards(tree, lambda: JavaContext(tree, path, policy), list(guards), path, policy)


def check_java(code: str, guards: list[type[JavaGuard]], path: str | None, policy: Policy) -> list[Finding]:
    """The engine's entry point: run the guards, turning what cannot be analysed into IDG000 (fail closed)."""
    return check_syntax(lambda: run_java_guards(code, guards, path=path, policy=policy), "Java", path, policy)
