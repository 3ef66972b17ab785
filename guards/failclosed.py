"""Fail closed: the IDG000 finding for content idguard could not fully analyse.

Every pass that runs guards (the engine for text and Python, the config pass) reports a parse
failure, a limit or a crashing guard through these helpers, so a file that was not fully checked
is blocked, never passed (docs/architecture.md, principle 1).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .examples import Invalid, Valid
from .models import Finding, GuardMeta, Severity
from .policy import Policy
from .registry import Guard


class AnalysisIncomplete(Guard):
    """
    ## What it does
    Reports content that idguard could not fully analyse: Python, TypeScript, JavaScript, Go or Java that does not
    parse, input above the size limit, a guard that failed, NUL bytes in a
    text file, or a Python source encoding other than UTF-8, ASCII or Latin-1
    (CPython would run other code than the text idguard reads).

    ## Why is this bad?
    A control that cannot read what it is asked to approve must not approve it.
    idguard fails closed: such content is blocked until it can be analysed.

    ## Example
    ```python
    def grant(user, role)
        user.roles.append(role)
    ```

    ## Use instead
    Fix the syntax error (or split the file) so every guard can run.
    """

    id = "IDG000"
    name = "analysis-incomplete"
    title = "Content could not be fully analysed"
    languages = ("*",)
    always_run = True
    meta = GuardMeta(
        cwe=["CWE-1188"],
        owasp_nhi=[],
        nist_csf=["PR.PS-06"],
        likelihood="high",
        impact="high",
        confidence="high",
    )
    VALID = [
        Valid(
            """
            def grant(user, role):
                user.roles.append(role)
            """
        ),
        Valid(
            """
            import jwt
            """
        ),
        Valid(
            """
            x = 1
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def grant(user, role)
                user.roles.append(role)
            """,
            line=2,
        ),
        Invalid(
            """
            token = jwt.encode({'sub': user.id}, key,
            """,
            line=1,
        ),
        Invalid(
            """
            if is_admin(user):
            return True
            """,
            line=2,
        ),
    ]


def incomplete_finding(
    path: str | None, message: str, fix: str, policy: Policy, line: int = 1, column: int = 1
) -> Finding:
    """The blocking IDG000 finding for content idguard could not fully analyse."""
    return Finding(
        guard_id=AnalysisIncomplete.id,
        title=AnalysisIncomplete.title,
        severity=policy.severity_for(AnalysisIncomplete.id, Severity.critical),
        path=path,
        line=line,
        column=column,
        message=message,
        fix=fix,
        references=AnalysisIncomplete.meta.references,
    )


def guard_failed(guard_cls: type[Guard], exc: BaseException, path: str | None, policy: Policy) -> Finding:
    """The blocking IDG000 finding for a guard that raised instead of answering."""
    # The exception type only: a message could quote the input, and the input may hold secrets.
    return incomplete_finding(
        path,
        f"Guard {guard_cls.id} failed ({type(exc).__name__}); the file was not fully checked.",
        "Report this to the idguard maintainers; the change stays blocked until every guard runs.",
        policy,
    )


def fail_closed_pass(
    run: Callable[[], list[Finding]],
    path: str | None,
    policy: Policy,
    language: str,
    parse_error: type[Exception],
    parse_finding: Callable[[Exception], Finding],
) -> list[Finding]:
    """Run one front end's guard pass; what it cannot analyse becomes IDG000 (fail closed): a syntax error
    (`parse_error`, described by `parse_finding`), nesting too deep, a crash, or a pass over the time limit."""
    started = time.monotonic()
    try:
        findings = run()
    except parse_error as exc:
        return [parse_finding(exc)]
    except RecursionError:
        return [
            incomplete_finding(
                path,
                f"{language} is nested too deeply to analyse.",
                "Flatten the deeply nested expression; idguard blocks what it cannot read.",
                policy,
            )
        ]
    except Exception as exc:  # noqa: BLE001 - a crashing guard must fail closed
        return [
            incomplete_finding(
                path,
                f"The {language} guard pass failed ({type(exc).__name__}); the file was not fully checked.",
                "Report this to the idguard maintainers; the change stays blocked until every guard runs.",
                policy,
            )
        ]
    elapsed = time.monotonic() - started
    if elapsed > policy.limits.guard_timeout_seconds:
        findings.append(
            incomplete_finding(
                path,
                f"The guard pass took {elapsed:.1f} s, above limits.guard_timeout_seconds "
                f"({policy.limits.guard_timeout_seconds} s).",
                "Split the file; idguard blocks what it cannot check in time.",
                policy,
            )
        )
    return findings
