"""Renderings of `idguard check` results: text (ruff-style), JSON, GitHub annotations, statistics.

SARIF lives in `gate/sarif.py`. Text output shows each finding as `path:line:col: ID [severity] message`,
so terminals and editors make it clickable, with the source line and a caret under the span. A snippet
never shows a credential: secret-shaped values anywhere on the line, and the string literals a
hard-coded-credential finding points at, are masked before the line is printed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from idguard.guards.models import FileResult, Finding

# Findings about a credential written into the code: the literal they point at is masked in snippets.
CREDENTIAL_CWES = frozenset({"CWE-798", "CWE-259", "CWE-321", "CWE-522", "CWE-256", "CWE-260"})
MASK = "[redacted]"
_STRING = re.compile(r"""(?P<q>[rbfuRBFU]{0,2}(?P<d>"|'))(?P<body>(?:\\.|(?!(?P=d)).)*)(?P=d)""")
_SEVERITY_COLOUR = {"critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2"}


@dataclass
class Skipped:
    path: str
    reason: str
    kind: str  # "binary" or "too large"


@dataclass
class Report:
    """Everything one `check` run found, ready to render."""

    results: list[FileResult]
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # path -> masked source lines (findings only)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def summary(results: list[FileResult]) -> dict[str, object]:
    verdicts = Counter(r.verdict for r in results)
    severities = Counter(f.severity.value for r in results for f in r.findings if not f.suppressed)
    return {
        "files": len(results),
        "identity_related": sum(1 for r in results if r.identity_related),
        "verdicts": {v: verdicts.get(v, 0) for v in ("pass", "review", "block")},
        "findings": sum(severities.values()),
        "by_severity": dict(severities),
    }


def render_json(report: Report) -> str:
    payload: dict[str, object] = {
        "files": [r.model_dump(mode="json") for r in report.results],
        "summary": summary(report.results) | {"skipped": len(report.skipped)},
    }
    if report.errors:
        payload["errors"] = report.errors
    if report.skipped:
        payload["skipped"] = [{"path": s.path, "reason": s.reason} for s in report.skipped]
    return json.dumps(payload, indent=2)


def mask_line(line: str, findings: list[Finding], secret_spans: list[tuple[int, int]]) -> str:
    """`line` with secret spans (0-based columns) and the literals credential findings point at masked."""
    chars = list(line)
    for start, end in secret_spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = "\0"
    for finding in findings:
        if not CREDENTIAL_CWES.intersection(finding.references.cwe):
            continue
        start = max(0, finding.column - 1)
        end = finding.end_column - 1 if finding.end_line == finding.line and finding.end_column else len(line)
        literals = [m for m in _STRING.finditer(line) if m.end() > start and m.start() < max(end, start + 1)]
        if not literals:  # the span is a name or a call: every literal on the line
            literals = list(_STRING.finditer(line))
        for m in literals:
            for i in range(m.start("body"), m.end("body")):
                chars[i] = "\0"
    return re.sub("\0+", MASK, "".join(chars))


class Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text


def render_text(report: Report, *, colour: bool = False, show_passing: bool = False, quiet: bool = False) -> str:
    paint = Style(colour)
    out: list[str] = []
    for result in report.results:
        path = result.path or "<input>"
        source = report.lines.get(path, [])
        for f in sorted(result.findings, key=lambda f: (f.line, f.column, f.guard_id)):
            where = paint(f"{path}:{f.line}:{f.column}:", "1")
            if f.suppressed:
                if show_passing:
                    out.append(f"{where} {paint(f.guard_id, '2')} suppressed: {f.suppression_reason}")
                continue
            severity = f.severity.value
            out.append(f"{where} {paint(f.guard_id, _SEVERITY_COLOUR.get(severity, '0'))} [{severity}] {f.message}")
            if 0 < f.line <= len(source):
                text = source[f.line - 1]
                gutter = " " * len(str(f.line))
                width = 1
                if f.end_line == f.line and f.end_column and f.end_column > f.column:
                    width = f.end_column - f.column
                width = max(1, min(width, len(text) - (f.column - 1)))
                # Tabs stay tabs under the line, so the caret sits under the span whatever the tab width.
                indent = "".join("\t" if c == "\t" else " " for c in text[: f.column - 1])
                out.append(f"{gutter} {paint('|', '34')}")
                out.append(f"{paint(str(f.line), '34')} {paint('|', '34')} {text}")
                out.append(f"{gutter} {paint('|', '34')} {indent}{paint('^' * width, '1;31')}")
                if f.fix:
                    out.append(f"{gutter} {paint('=', '34')} fix: {f.fix}")
                out.append("")
            elif f.fix:
                out.append(f"    fix: {f.fix}")
    if quiet:
        return "\n".join(out).rstrip("\n")
    review = [r for r in report.results if r.verdict == "review"]
    for r in review:
        categories = f" [{', '.join(r.categories)}]" if r.categories else ""
        out.append(f"{paint('review', '33')} {r.path}{categories}: identity code, needs a signed human review")
    if show_passing:
        out += [f"{paint('pass', '32')} {r.path}" for r in report.results if r.verdict == "pass"]
    if report.skipped:
        kinds = Counter(
            s.reason.removeprefix("binary file ").strip("()") if s.kind == "binary" else "over the size limit"
            for s in report.skipped
        )
        out.append(
            f"Skipped {plural(len(report.skipped), 'file')}, not checked: "
            + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
        )
        if show_passing:
            out += [f"    {s.path}: {s.reason}" for s in report.skipped]
    verdicts = Counter(r.verdict for r in report.results)
    by_severity = Counter(f.severity.value for r in report.results for f in r.active_findings)
    severities = ", ".join(
        f"{by_severity[k]} {k}" for k in ("critical", "high", "medium", "low", "info") if by_severity[k]
    )
    out.append(
        f"Checked {plural(len(report.results), 'file')} "
        f"({sum(1 for r in report.results if r.identity_related)} identity-related): "
        f"{verdicts['block']} block, {verdicts['review']} review, {verdicts['pass']} pass; "
        f"{plural(sum(by_severity.values()), 'finding')}" + (f" ({severities})" if severities else "")
    )
    return "\n".join(out)


def render_statistics(results: list[FileResult]) -> str:
    """One line per guard: how many findings, its id, severity and title (ruff's `--statistics`)."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for r in results:
        for f in r.active_findings:
            counts[f.guard_id] += 1
            first.setdefault(f.guard_id, f)
    width = len(str(max(counts.values(), default=0)))
    return "\n".join(
        f"{n:>{width}}\t{gid}\t[{first[gid].severity.value}]\t{first[gid].title}"
        for gid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff."""
    out = []
    for r in report.results:
        for f in r.active_findings:
            props = [f"file={_escape_property(r.path or '')}", f"line={f.line}", f"col={f.column}"]
            if f.end_line:
                props.append(f"endLine={f.end_line}")
            if f.end_column and f.end_line == f.line:
                props.append(f"endColumn={f.end_column}")
            props.append(f"title={_escape_property(f'{f.guard_id} {f.title}')}")
            message = f.message + (f" Fix: {f.fix}" if f.fix else "")
            out.append(f"::{_GITHUB_LEVEL.get(f.severity.value, 'warning')} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out)
