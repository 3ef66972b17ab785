"""Text view of one review for `idguard review show`: what a reviewer reads before signing.

Diff-friendly: plain lines, stable order, the file shown with line numbers and
each finding marked under the line it concerns, then the checklist as boxes
and every decision with whether it counts.
"""

from __future__ import annotations

from idguard.guards.tags import strip_tags

from ..files import InputError, read_text
from ..workspace import Workspace
from .approvals import ReviewEvaluation
from .store import ReviewRecord, ReviewStore

MAX_SHOWN_LINES = 2000


def owners_text(evaluation: ReviewEvaluation) -> str:
    """Who may approve: one of each rule's owners, and where each rule comes from."""
    parts = []
    for index, owners in enumerate(evaluation.owners):
        source = evaluation.owners_from[index] if index < len(evaluation.owners_from) else "[owners] in the policy"
        parts.append(f"one of {', '.join(owners) or 'nobody'} ({source})")
    unresolved = (
        f"; not in allowed_signers, so they can approve nothing: {', '.join(evaluation.unresolved_owners)}"
        if evaluation.unresolved_owners
        else ""
    )
    return " and ".join(parts) + unresolved


def render_review_text(
    workspace: Workspace, record: ReviewRecord, evaluation: ReviewEvaluation, diff: str | None = None
) -> str:
    """The review as text; the file in full with findings marked, or `diff` (git's unified diff) when given."""
    out = [
        f"review   {record.id}",
        f"path     {record.path}" + ("  (DELETION: the review asks to remove this file)" if record.deletion else ""),
        f"state    {evaluation.state} ({len(evaluation.approvers)} of {evaluation.required_approvals} approvals"
        + (f": {', '.join(evaluation.approvers)}" if evaluation.approvers else "")
        + ")",
        *([f"owners   {owners_text(evaluation)}"] if evaluation.owners else []),
        f"author   {record.author.email or '?'} via {record.author.client or '?'}",
        f"created  {record.created}",
        f"sha256   {record.content_sha256}",
        f"intent   {record.intent}",
        f"categories {', '.join(record.categories) or '-'}",
        "",
    ]
    if evaluation.state == "stale" and record.deletion:
        out += [
            f"!! {record.path} exists again with other content than the deletion removes "
            f"(now {evaluation.current_sha256 or 'unreadable'}); do not approve, ask for a new review.",
            "",
        ]
    elif evaluation.state == "stale":
        out += [
            f"!! {record.path} no longer matches the reviewed content "
            f"(now {evaluation.current_sha256 or 'missing'}); do not approve, ask for a new review.",
            "",
        ]

    out.append(f"findings ({len(record.findings)})")
    for f in record.findings:
        mark = " (suppressed: " + (f.suppression_reason or "") + ")" if f.suppressed else ""
        out.append(f"  {f.line}:{f.column} {f.guard_id} {f.severity.value} {f.title}{mark}")
        out.append(f"      {f.message}")
        if f.fix:
            out.append(f"      fix: {f.fix}")
    out += ["", "checklist"]
    out += [f"  [ ] {item}" for item in record.checklist]
    if record.tests_needed:
        out += ["", "tests needed (changed identity units and their failure paths)"]
        for plan in record.tests_needed:
            out.append(f"  {plan.unit} (line {plan.line}, {', '.join(plan.categories)})")
            out += [f"      {path}" for path in plan.failure_paths] or ["      (no failure path)"]

    out += ["", f"decisions ({len(evaluation.decisions)})"]
    for d in evaluation.decisions:
        status = "counts" if d.valid else f"does not count: {d.reason}"
        out.append(f"  {d.decision or '?'} by {d.reviewer or '?'} at {d.time or '?'}: {status}")
        if d.note:
            out.append(f"      note: {d.note}")

    if diff is not None:
        out += ["", diff.rstrip("\n") or f"(no difference in {record.path})"]
        return "\n".join(out) + "\n"
    if record.deletion:
        out += ["", f"--- {record.path}: content to be deleted (sha256 {record.deleted_sha256}, tag line omitted)"]
        deleted = ReviewStore(workspace).deleted_text(record)
        if deleted is None:
            out.append("(no copy of the deleted content found in the workspace or git; read it in the base branch)")
            return "\n".join(out) + "\n"
        text = deleted
    else:
        out += ["", f"--- {record.path} (tag line omitted)"]
        try:
            text = strip_tags(read_text(workspace.root / record.path, 1 << 31, record.path))
        except InputError as exc:
            out.append(f"(cannot read: {exc})")
            return "\n".join(out) + "\n"
    by_line: dict[int, list[str]] = {}
    for f in record.findings:
        by_line.setdefault(f.line, []).append(f"{f.guard_id} {f.severity.value}: {f.title}")
    lines = text.splitlines()
    width = len(str(len(lines)))
    for number, line in enumerate(lines[:MAX_SHOWN_LINES], start=1):
        out.append(f"{number:>{width}} | {line}")
        for note in by_line.get(number, []):
            out.append(f"{' ' * width} ^ {note}")
    if len(lines) > MAX_SHOWN_LINES:
        out.append(f"... {len(lines) - MAX_SHOWN_LINES} more lines")
    return "\n".join(out) + "\n"
