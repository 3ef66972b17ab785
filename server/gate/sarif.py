"""SARIF 2.1.0 rendering of findings and gate problems, in the shape GitHub code scanning accepts.

One run, tool `idguard`: a rule per guard (help text generated from the
guard's own documentation, CWE tags, `security-severity` so code scanning
ranks it) plus a rule per gate problem (missing tag, missing approvals...).
Findings never carry secret values, so neither does the SARIF.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import quote

from idguard.guards.models import FileResult, Finding, Severity
from idguard.guards.registry import get_guard, load_guards

from .run import PROBLEM_HELP, GateProblem

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
GATE_RULE_PREFIX = "idguard-gate/"

LEVEL_BY_SEVERITY = {
    Severity.critical: "error",
    Severity.high: "error",
    Severity.medium: "warning",
    Severity.low: "note",
    Severity.info: "note",
}
# GitHub code scanning buckets: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9.
SECURITY_SEVERITY = {
    Severity.critical: "9.5",
    Severity.high: "8.0",
    Severity.medium: "5.5",
    Severity.low: "3.0",
    Severity.info: "1.0",
}


def _guard_rule(guard_id: str) -> dict:
    try:
        doc = get_guard(guard_id).doc()
    except KeyError:
        return {"id": guard_id, "shortDescription": {"text": guard_id}, "properties": {"tags": ["security"]}}
    tags = ["security", "identity", *doc.categories, *doc.owasp_nhi]
    tags += [f"external/cwe/{cwe.lower()}" for cwe in doc.cwe]
    return {
        "id": doc.id,
        "name": doc.name,
        "shortDescription": {"text": doc.title},
        "fullDescription": {"text": doc.sections.get("What it does", doc.title)},
        "help": {"text": doc.markdown(), "markdown": doc.markdown()},
        "defaultConfiguration": {"level": LEVEL_BY_SEVERITY[doc.severity]},
        "properties": {
            "tags": tags,
            "precision": {"high": "high", "medium": "medium", "low": "low"}[doc.confidence],
            "security-severity": SECURITY_SEVERITY[doc.severity],
            "nist-csf": doc.nist_csf,
        },
    }


def _gate_rule(kind: str) -> dict:
    title, help_text = PROBLEM_HELP[kind]
    return {
        "id": GATE_RULE_PREFIX + kind,
        "name": kind,
        "shortDescription": {"text": title},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": f"**{title}**\n\n{help_text}"},
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["security", "identity", "review"],
            "security-severity": SECURITY_SEVERITY[Severity.high],
        },
    }


def _location(
    path: str | None, line: int, column: int = 1, end_line: int | None = None, end_column: int | None = None
) -> dict:
    region: dict = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line is not None and end_line >= region["startLine"]:
        region["endLine"] = end_line
        if end_column is not None and (end_line > region["startLine"] or end_column > region["startColumn"]):
            region["endColumn"] = end_column
    return {"physicalLocation": {"artifactLocation": {"uri": quote(path or "unknown", safe="/")}, "region": region}}


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def _finding_result(finding: Finding, path: str | None, rule_index: int) -> dict:
    text = finding.message + (f" Fix: {finding.fix}" if finding.fix else "")
    result = {
        "ruleId": finding.guard_id,
        "ruleIndex": rule_index,
        "level": LEVEL_BY_SEVERITY[finding.severity],
        "message": {"text": text},
        "locations": [_location(path, finding.line, finding.column, finding.end_line, finding.end_column)],
        "partialFingerprints": {"idguardFinding/v1": _fingerprint(finding.guard_id, path, finding.message)},
        "properties": {"severity": finding.severity.value, "confidence": finding.confidence},
    }
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppression_reason or ""}]
    return result


def render_sarif(
    results: Iterable[FileResult],
    problems: Iterable[GateProblem] = (),
    *,
    version: str = "0",
    skipped: Iterable[tuple[str, str]] = (),
) -> dict:
    """A SARIF 2.1.0 log with one run holding every finding and gate problem; files not checked (`skipped`:
    path and reason) are tool execution notifications of the run's invocation, so no format hides them."""
    results = list(results)
    problems = list(problems)
    rules: list[dict] = []
    index: dict[str, int] = {}

    def rule_index(rule_id: str, make) -> int:
        if rule_id not in index:
            index[rule_id] = len(rules)
            rules.append(make())
        return index[rule_id]

    for guard_id in load_guards():
        rule_index(guard_id, lambda gid=guard_id: _guard_rule(gid))

    sarif_results: list[dict] = []
    for result in results:
        for finding in result.findings:
            i = rule_index(finding.guard_id, lambda gid=finding.guard_id: _guard_rule(gid))
            sarif_results.append(_finding_result(finding, finding.path or result.path, i))
    for problem in problems:
        rule_id = GATE_RULE_PREFIX + problem.kind
        i = rule_index(rule_id, lambda kind=problem.kind: _gate_rule(kind))
        sarif_results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": i,
                "level": "error",
                "message": {"text": problem.message},
                "locations": [_location(problem.path, problem.line)],
                "partialFingerprints": {"idguardGate/v1": _fingerprint(problem.kind, problem.path)},
            }
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "idguard",
                        "semanticVersion": version,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "idguard/gate/"},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {
                                "level": "note",
                                "message": {"text": f"not checked: {reason}"},
                                "locations": [_location(path, 1)],
                            }
                            for path, reason in skipped
                        ],
                    }
                ],
                "results": sarif_results,
            }
        ],
    }
