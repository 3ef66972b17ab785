"""Text and JSON renderings of check results (SARIF lives in gate/sarif.py)."""

from __future__ import annotations

import json
from collections import Counter

from idguard.guards.models import FileResult

_VERDICT_MARK = {"pass": "PASS  ", "review": "REVIEW", "block": "BLOCK "}


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


def render_json(results: list[FileResult], errors: list[dict[str, str]] | None = None,
                skipped: list[dict[str, str]] | None = None) -> str:
    payload: dict[str, object] = {
        "files": [r.model_dump(mode="json") for r in results],
        "summary": summary(results),
    }
    if errors:
        payload["errors"] = errors
    if skipped:
        payload["skipped"] = [{"path": s["path"], "reason": s["error"]} for s in skipped]
    return json.dumps(payload, indent=2)


def render_skipped(skipped: list[dict[str, str]], *, every: bool = False) -> str:
    """Binary files not checked: how many of each format, and each one with `every` (`--all`)."""
    from collections import Counter

    kinds = Counter(s["error"] for s in skipped)
    lines = [f"skipped {len(skipped)} binary file(s), not code: "
             + ", ".join(f"{n} {kind.removeprefix('binary file ').strip('()')}" for kind, n in kinds.most_common())]
    if every:
        lines += [f"    {s['path']}: {s['error']}" for s in skipped]
    return "\n".join(lines)


def render_text(results: list[FileResult], *, show_passing: bool = False) -> str:
    lines: list[str] = []
    for result in results:
        if result.verdict == "pass" and not show_passing:
            continue
        categories = f" [{', '.join(result.categories)}]" if result.categories else ""
        lines.append(f"{_VERDICT_MARK[result.verdict]} {result.path}{categories}")
        for f in result.findings:
            if f.suppressed:
                lines.append(f"    {f.line}:{f.column} {f.guard_id} suppressed: {f.suppression_reason}")
                continue
            lines.append(f"    {f.line}:{f.column} {f.guard_id} {f.severity.value}: {f.message}")
            if f.fix:
                lines.append(f"        fix: {f.fix}")
    s = summary(results)
    verdicts = s["verdicts"]
    assert isinstance(verdicts, dict)
    lines.append(
        f"{s['files']} files checked, {s['identity_related']} identity-related: "
        f"{verdicts['block']} block, {verdicts['review']} review, {verdicts['pass']} pass; {s['findings']} findings"
    )
    return "\n".join(lines)
