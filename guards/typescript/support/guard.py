"""`ScriptGuard` and the single pass that runs every enabled TypeScript/JavaScript guard over one file.

Fail closed as the Python front end does: a file the grammar cannot read (an ERROR or MISSING node in the
tree), a guard that crashes (the other guards' findings are kept) and a pass that runs past
`limits.guard_timeout_seconds` yield IDG000; input above `limits.max_file_bytes` is refused by the engine
before it gets here.
"""

from __future__ import annotations

from typing import ClassVar

from ...models import Finding
from ...policy import DEFAULT_POLICY, Policy
from ...syntax.guard import SyntaxGuard, SyntaxParseError, check_syntax, run_syntax_guards
from .context import ScriptContext
from .tree import dialect_for, parse_script

SCRIPT_LANGUAGES = ("typescript", "javascript")
# The grammar could not read the file (raised by `run_script_guards`, turned into IDG000 by `check_script`).
ScriptParseError = SyntaxParseError


class ScriptGuard(SyntaxGuard):
    """A structural guard over TypeScript/JavaScript. Subclasses define `visit_<node type>` methods
    (`visit_call_expression`, `visit_pair`...) and call `self.report(node, ...)`; `self.ctx` answers name and
    value questions. Guards never touch the parser."""

    languages: ClassVar[tuple[str, ...]] = SCRIPT_LANGUAGES
    ctx: ScriptContext


def run_script_guards(
    code: str,
    guards: list[type[ScriptGuard]],
    *,
    language: str,
    path: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> list[Finding]:
    """Parse once (cached), walk the index once, and dispatch each node to the guards that visit its type."""
    tree = parse_script(code, dialect_for(language, path))
    return run_syntax_guards(tree, lambda: ScriptContext(tree, path, policy, language), list(guards), path, policy)


def check_script(
    code: str, guards: list[type[ScriptGuard]], language: str, path: str | None, policy: Policy
) -> list[Finding]:
    """The engine's entry point: run the guards, turning what cannot be analysed into IDG000 (fail closed)."""
    name = "TypeScript" if language == "typescript" else "JavaScript"
    return check_syntax(
        lambda: run_script_guards(code, guards, language=language, path=path, policy=policy), name, path, policy
    )
