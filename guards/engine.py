"""The one engine every entry point calls: check a file's content, decide a verdict.

Fail closed (docs/architecture.md, principle 1): content that cannot be analysed
(does not parse, too large, a guard crashed) gets a blocking finding, and an
identity-related file in a language without structural guards is `review`,
never `pass`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .classify import classify
from .examples import Invalid, Valid
from .failclosed import AnalysisIncomplete, fail_closed_pass, guard_failed, incomplete_finding
from .languages import CONFIG_LANGUAGES, GO_LANGUAGES, JAVA_LANGUAGES, SCRIPT_LANGUAGES, detect_language
from .models import FileResult, Finding, GuardMeta, Severity
from .policy import DEFAULT_POLICY, Policy
from .registry import Guard, load_guards
from .source import analysable_text, classification_text, source_problems
from .suppress import parse_suppressions, suppression_for
from .tags import content_sha256, strip_tags
from .text.support import TextContext, TextGuard

if TYPE_CHECKING:
    from .python.support.guard import PythonGuard


class SuppressionWithoutReason(Guard):
    """
    ## What it does
    Reports an inline suppression (`# idguard: ignore[IDG101]`) that gives no
    reason. Such a suppression does not apply: the finding it names stays.

    ## Why is this bad?
    A silenced identity finding is an access decision. Reviewers and auditors
    need to read why it was accepted; an assistant must not be able to quiet a
    guard with a bare comment.

    ## Example
    ```python
    claims = jwt.decode(token, options={"verify_signature": False})  # idguard: ignore[IDG101]
    ```

    ## Use instead
    ```python
    header = jwt.get_unverified_header(token)  # idguard: ignore[IDG101] only reads kid to pick the JWKS key
    ```
    """

    id = "IDG002"
    name = "suppression-without-reason"
    title = "Suppression without a reason"
    languages = ("*",)
    always_run = True
    meta = GuardMeta(
        cwe=["CWE-1078"],
        owasp_nhi=[],
        nist_csf=["GV.PO-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
    )
    VALID = [
        Valid(
            """
            x = 1  # idguard: ignore[IDG108] internal CA, see ADR-12
            """
        ),
        Valid(
            """
            # idguard: ignore[IDG001] documented test fixture value
            x = 2
            """
        ),
        Valid(
            """
            x = 3  # an ordinary comment
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            x = 1  # idguard: ignore[IDG108]
            """,
            line=1,
        ),
        Invalid(
            """
            # idguard: ignore[IDG001]
            x = 2
            """,
            line=1,
        ),
        Invalid(
            """
            x = 3  // idguard: ignore[IDG105]
            """,
            line=1,
        ),
    ]


def decide(identity_related: bool, findings: list[Finding], policy: Policy) -> str:
    active = [f for f in findings if not f.suppressed]
    if any(f.severity >= policy.block_threshold for f in active):
        return "block"
    if identity_related or active:
        return "review"
    return "pass"


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while one file is checked.

    A libcst parse allocates hundreds of thousands of objects that all survive
    until the check ends; with the default thresholds the collector runs
    thousands of times per large file and re-scans them each time (about a
    third of the whole check, measured on the scan benchmark). The tree holds
    no cycles that need collecting mid-check; collection resumes after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_code(
    code: str,
    path: str | None = None,
    language: str | None = None,
    policy: Policy = DEFAULT_POLICY,
    key: bytes | None = None,
) -> FileResult:
    """Check one file's content and decide its verdict."""
    with _collector_paused():
        return _check_code(code, path, language, policy, key)


def _check_code(code: str, path: str | None, language: str | None, policy: Policy, key: bytes | None) -> FileResult:
    language = detect_language(path, language, code)
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > policy.limits.max_file_bytes:
        finding = incomplete_finding(
            path,
            f"Input is {size} bytes, above the limit of {policy.limits.max_file_bytes} bytes "
            "(limits.max_file_bytes); it was not analysed.",
            "Split the change into smaller files, or raise limits.max_file_bytes in the policy.",
            policy,
        )
        return FileResult(
            path=path, language=language, identity_related=True, categories=[], verdict="block", findings=[finding]
        )

    original, code = code, analysable_text(code, language)
    body = strip_tags(code)
    identity_related, categories = classify(classification_text(body), path, policy)
    # Every guard runs on every file it can read: classification decides whether a change needs human
    # review, never whether code is checked. A guard's triggers (words its findings cannot do without)
    # keep this fast.
    needed = ["idguard.guards.text"]
    if language == "python" or language in CONFIG_LANGUAGES:
        needed += ["idguard.guards.python", "idguard.guards.config"]
    if language in SCRIPT_LANGUAGES:
        needed.append("idguard.guards.typescript")
    if language in GO_LANGUAGES:
        needed.append("idguard.guards.go")
    if language in JAVA_LANGUAGES:
        needed.append("idguard.guards.java")
    guards = load_guards(tuple(needed))
    findings: list[Finding] = []

    if language in SCRIPT_LANGUAGES:
        # IDG001 reads TS/JS literals from the tree-sitter parse; importing the front end registers it.
        from .typescript.support import secret_literals  # noqa: F401
    if language in JAVA_LANGUAGES:
        # IDG001 reads Java string literals from the tree-sitter parse; importing the front end registers it.
        from .java.support import secret_literals as _java_secret_literals  # noqa: F401

    if language in GO_LANGUAGES:
        # IDG001 reads Go literals from the tree-sitter parse; importing the front end registers it.
        from .go.support import secret_literals as _go_secret_literals  # noqa: F401

    text_ctx = TextContext(text=code, path=path, language=language, policy=policy, key=key)
    for guard_cls in guards.values():
        if not issubclass(guard_cls, TextGuard) or not policy.guard_enabled(guard_cls.id):
            continue
        if "*" not in guard_cls.languages and language not in guard_cls.languages:
            continue
        try:
            findings.extend(guard_cls().check(text_ctx))
        except Exception as exc:  # noqa: BLE001 - a crashing guard must fail closed
            findings.append(guard_failed(guard_cls, exc, path, policy))

    if language == "python":
        from .python.support.guard import PythonGuard

        lowered = code.lower()
        python_guards = [
            g
            for g in guards.values()
            if issubclass(g, PythonGuard)
            and policy.guard_enabled(g.id)
            and (not g.triggers or any(t in lowered for t in g.triggers))
        ]
        findings.extend(_run_python(code, python_guards, path, policy))

    if language in SCRIPT_LANGUAGES:
        from .typescript.support.guard import ScriptGuard, check_script  # late: tree-sitter loads only when needed

        lowered = code.lower()
        script_guards = [
            g
            for g in guards.values()
            if issubclass(g, ScriptGuard)
            and language in g.languages
            and policy.guard_enabled(g.id)
            and (not g.triggers or any(t in lowered for t in g.triggers))
        ]
        findings.extend(check_script(code, script_guards, language, path, policy))

    if language in GO_LANGUAGES:
        from .go.support.guard import GoGuard, check_go  # late: tree-sitter-go loads only when needed

        lowered = code.lower()
        go_guards = [
            g
            for g in guards.values()
            if issubclass(g, GoGuard)
            and policy.guard_enabled(g.id)
            and (not g.triggers or any(t in lowered for t in g.triggers))
        ]
        findings.extend(check_go(code, go_guards, path, policy))
    if language in JAVA_LANGUAGES:
        from .java.support.guard import JavaGuard, check_java  # late: tree-sitter-java loads only when needed

        lowered = code.lower()
        java_guards = [
            g
            for g in guards.values()
            if issubclass(g, JavaGuard)
            and policy.guard_enabled(g.id)
            and (not g.triggers or any(t in lowered for t in g.triggers))
        ]
        findings.extend(check_java(code, java_guards, path, policy))

    if language in CONFIG_LANGUAGES:
        from .config.support.guard import run_config_guards  # late: config parsers load only when needed

        findings.extend(run_config_guards(code, language, path, policy, identity_related, guards))

    findings.extend(
        incomplete_finding(path, problem.message, problem.fix, policy, line=problem.line)
        for problem in source_problems(original, language)
    )
    findings = _apply_policy_and_suppressions(code, findings, policy, path)
    if findings and not identity_related and any(f.severity >= Severity.medium for f in findings if not f.suppressed):
        identity_related = True
        for f in findings:
            for category in _categories_of(f.guard_id, guards):
                if category not in categories:
                    categories.append(category)
    findings.sort(key=lambda f: (f.line, f.column, f.guard_id))
    return FileResult(
        path=path,
        language=language,
        identity_related=identity_related,
        categories=categories,
        verdict=decide(identity_related, findings, policy),
        findings=findings,
        content_sha256=content_sha256(strip_tags(original)),
    )


def _categories_of(guard_id: str, guards: dict[str, type[Guard]]) -> list[str]:
    guard = guards.get(guard_id)
    return list(guard.meta.categories) if guard is not None else []


def _too_deep_for_libcst(code: str) -> str | None:
    """Why `code` must not reach libcst, whose native parser overflows its stack (and kills the
    process) on very deep nesting or very long operator chains; CPython's own parser refuses those
    cleanly and fast. Other syntax errors are left to libcst, which knows newer grammars."""
    from .secrets.python_code import parse_python  # the tree IDG001 read already: Python is parsed once

    try:
        parse_python(code)
    except (RecursionError, MemoryError):
        return "Python is nested too deeply (or chains too many operators) to analyse."
    except SyntaxError as exc:
        if "too many nested" in str(exc.msg) or "too many levels" in str(exc.msg):
            return f"Python is nested too deeply to analyse ({exc.msg})."
    except ValueError:
        return None  # NUL bytes: libcst reports them as a syntax error
    return None


def _run_python(code: str, guards: list[type[PythonGuard]], path: str | None, policy: Policy) -> list[Finding]:
    import libcst as cst

    from .python.support.guard import run_python_guards

    too_deep = _too_deep_for_libcst(code)
    if too_deep is not None:
        return [
            incomplete_finding(
                path,
                too_deep,
                "Flatten the deeply nested expression; idguard blocks what it cannot read.",
                policy,
            )
        ]

    def parse_finding(exc: Exception) -> Finding:
        assert isinstance(exc, cst.ParserSyntaxError)
        return incomplete_finding(
            path,
            f"Python does not parse at line {exc.raw_line}, column {exc.raw_column}: "
            f"{str(exc.message).splitlines()[0][:200]}",
            "Fix the syntax error so idguard can check the code; unparseable identity code is blocked.",
            policy,
            line=max(exc.raw_line, 1),
            column=max(exc.raw_column, 1),
        )

    return fail_closed_pass(
        lambda: run_python_guards(code, guards, path=path, policy=policy),
        path,
        policy,
        "Python",
        cst.ParserSyntaxError,
        parse_finding,
    )


def _apply_policy_and_suppressions(
    code: str, findings: list[Finding], policy: Policy, path: str | None
) -> list[Finding]:
    suppressions = parse_suppressions(code)
    result: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for finding in findings:
        if not policy.guard_enabled(finding.guard_id) and finding.guard_id != AnalysisIncomplete.id:
            continue
        key = (finding.guard_id, finding.line, finding.column)
        if key in seen:
            continue
        seen.add(key)
        severity = policy.severity_for(finding.guard_id, finding.severity)
        update: dict[str, object] = {"severity": severity}
        suppression = suppression_for(suppressions, finding.guard_id, finding.line)
        if suppression is not None and suppression.reason and finding.guard_id != AnalysisIncomplete.id:
            update.update(suppressed=True, suppression_reason=suppression.reason)
        result.append(finding.model_copy(update=update))
    for suppression in suppressions:
        if not suppression.reason and policy.guard_enabled(SuppressionWithoutReason.id):
            result.append(
                Finding(
                    guard_id=SuppressionWithoutReason.id,
                    title=SuppressionWithoutReason.title,
                    severity=policy.severity_for(SuppressionWithoutReason.id, SuppressionWithoutReason.meta.severity),
                    path=path,
                    line=suppression.line,
                    message=f"Suppression of {', '.join(sorted(suppression.ids))} gives no reason, so it does not apply.",
                    fix="Add the reason after the bracket: `# idguard: ignore[IDG101] why this is safe`.",
                    references=SuppressionWithoutReason.meta.references,
                )
            )
    return result
