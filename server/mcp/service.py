"""The operations behind the MCP tools, as plain functions over `ServerState`.

The MCP layer (`app.py`) is a thin wrapper around these, so the CLI, tests and
the server share one implementation.
"""

from __future__ import annotations

from typing import Literal

from idguard.guards.languages import detect_language
from idguard.guards.models import FileResult, Finding
from idguard.guards.registry import GuardDoc, get_guard, load_guards
from idguard.guards.secrets import RedactionFinding, redact
from idguard.guards.tags import apply_tag, content_sha256, strip_tags
from pydantic import BaseModel, Field

from ..edits import EditError, apply_string_edits
from ..files import BinaryFile, InputError, read_text
from ..review.store import Author, ReviewRecord, TestPlan, new_review_id, removal_needs_review, test_plans
from .state import ServerState

MAX_INTENT_BYTES = 8000


class InputRejected(Exception):
    """Tool input idguard refuses before any work (too large, not encodable as UTF-8); the message says which."""


def _require_text(value: str, what: str, max_bytes: int, limit_name: str) -> None:
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError as exc:
        # JSON allows lone surrogates ("\udcff"); they are not text and cannot be stored or echoed.
        raise InputRejected(f"{what} is not valid Unicode text (lone surrogate at offset {exc.start})") from None
    if size > max_bytes:
        raise InputRejected(f"{what} is {size} bytes, above the limit of {max_bytes} bytes ({limit_name})")


class RedactPromptResult(BaseModel):
    redacted: str = Field(description="the text with every secret replaced by a placeholder")
    findings: list[RedactionFinding] = Field(description="kind, placeholder, line and keyed fingerprint of each secret")
    count: int


class GuardChangeResult(BaseModel):
    path: str
    verdict: Literal["pass", "review", "block"]
    identity_related: bool
    categories: list[str]
    findings: list[Finding]
    checklist: list[str] = Field(default_factory=list)
    review_id: str | None = None
    content_sha256: str | None = None
    tagged_content: str | None = Field(
        None, description="for verdict 'review': the content to write, with its review tag line"
    )
    sidecar_only: bool = Field(False, description="the format has no comments: only the review record binds it")
    review_record_path: str | None = Field(
        None, description="team server: where to write `review_record`, committed with the change"
    )
    review_record: str | None = Field(
        None, description="team server: the review record to write, exactly as returned, at review_record_path"
    )
    deletion: bool = Field(False, description="the request was to delete the file")
    tests_needed: list[TestPlan] = Field(
        default_factory=list,
        description="changed identity units and the failure paths their tests must exercise: "
        "write those tests in the same change",
    )
    message: str


class ReviewStatusResult(BaseModel):
    review_id: str
    path: str
    status: Literal["pending", "approved", "rejected", "stale"]
    content_sha256: str
    current_sha256: str | None


class GuardSummary(BaseModel):
    id: str
    name: str
    title: str
    severity: str
    languages: list[str]
    categories: list[str]


class GuardList(BaseModel):
    guards: list[GuardSummary]


class GuardExplanation(BaseModel):
    guard: GuardDoc
    markdown: str


def redact_prompt(state: ServerState, text: str, actor: str) -> RedactPromptResult:
    _require_text(text, "text", state.policy.limits.max_file_bytes, "limits.max_file_bytes")
    result = state.pool.redact(text, state.policy, state.key)
    state.audit.append(
        "redact",
        actor,
        {"count": result.count, "kinds": result.kinds(), "fingerprints": [f.fingerprint for f in result.findings]},
    )
    return RedactPromptResult(redacted=result.redacted, findings=result.findings, count=result.count)


def check_code(state: ServerState, code: str, path: str | None, language: str | None, actor: str) -> FileResult:
    rel = state.workspace.relative(path) if path else None
    _require_text(code, "code", state.policy.limits.max_file_bytes, "limits.max_file_bytes")
    result = state.pool.check(code, rel, language, state.policy, state.key)
    state.audit.append(
        "check",
        actor,
        {"verdict": result.verdict, "findings": [f.guard_id for f in result.findings], "sha256": result.content_sha256},
        path=rel,
    )
    return result


class StringEdit(BaseModel):
    """One edit of an existing file, as an assistant's Edit tool makes it."""

    old_string: str = Field(description="exact text to replace; empty only to create a new file")
    new_string: str = Field(description="the replacement text")
    replace_all: bool = Field(False, description="replace every occurrence (else old_string must occur once)")


def guard_change(
    state: ServerState,
    path: str,
    content: str,
    intent: str,
    author: Author,
    actor: str,
    delete: bool = False,
    edits: list[StringEdit] | None = None,
) -> GuardChangeResult:
    if delete:
        if edits:
            raise InputRejected("pass either delete=true or edits, not both")
        return guard_deletion(state, path, content, intent, author, actor)
    rel = state.workspace.relative(path)
    if edits and state.detached:
        raise InputRejected(
            "the team server does not see your working tree: pass the whole new content instead of edits"
        )
    if edits:
        if content:
            raise InputRejected("pass either the full content or edits, not both")
        content = _edited_content(state, rel, edits)
    _require_text(content, "content", state.policy.limits.max_file_bytes, "limits.max_file_bytes")
    # Refused rather than cut: a cut could split a secret so that its prefix is no longer detected and is stored.
    _require_text(intent, "intent", MAX_INTENT_BYTES, "the intent limit: one or two sentences")
    intent = redact(intent, state.key, state.policy).redacted
    language = detect_language(rel)
    result = state.pool.check(content, rel, language, state.policy, state.key)
    findings = result.findings
    has_secret = any(f.guard_id == "IDG001" and not f.suppressed for f in findings)
    verdict = "block" if has_secret else result.verdict
    common = dict(path=rel, identity_related=result.identity_related, categories=result.categories, findings=findings)
    if verdict == "block":
        state.audit.append(
            "guard_change",
            actor,
            {"verdict": "block", "findings": [f.guard_id for f in findings], "intent": intent},
            path=rel,
        )
        return GuardChangeResult(
            verdict="block",
            **common,
            message="Blocked: fix the findings (each has a fix hint) and call guard_change again. "
            "Do not write this content.",
        )
    if verdict == "pass":
        state.audit.append("guard_change", actor, {"verdict": "pass", "intent": intent}, path=rel)
        return GuardChangeResult(
            verdict="pass",
            **common,
            content_sha256=result.content_sha256,
            tagged_content=content,
            message="Not identity-related and nothing found: write the content as is.",
        )
    review_id = new_review_id()
    tagged, sha = apply_tag(content, language, review_id)
    # Line numbers of the file as it will be written (tag line included), as coverage data will name them.
    tests_needed = _tests_needed(state, rel, tagged if tagged is not None else content, language)
    record: ReviewRecord = state.reviews.create(
        result.model_copy(update={"verdict": "review"}),
        rel,
        intent,
        author,
        tests_needed=tests_needed,
        review_id=review_id,
    )
    state.audit.append(
        "guard_change",
        actor,
        {
            "verdict": "review",
            "findings": [f.guard_id for f in findings],
            "sha256": sha,
            "intent": intent,
            **_record_data(record),
        },
        path=rel,
        review_id=record.id,
    )
    return GuardChangeResult(
        verdict="review",
        **common,
        **_record_for_client(state, record),
        checklist=record.checklist,
        review_id=record.id,
        content_sha256=sha,
        tests_needed=record.tests_needed,
        tagged_content=tagged,
        sidecar_only=tagged is None,
        message=(
            f"Write tagged_content exactly as returned to {rel}. The change needs a signed human approval "
            f"(`idguard review approve {record.id}`) before CI accepts it; tell the user."
            if tagged is not None
            else f"Write the content unchanged to {rel}; this format has no comments, so review {record.id} "
            "binds it by hash. It needs a signed human approval before CI accepts it; tell the user."
        ),
    )


def _record_data(record: ReviewRecord) -> dict:
    """The review record inside its audit entry: the shared store then holds every record, so evidence across
    repositories and another team-server replica can read it."""
    return {"record": record.model_dump_json(), "record_sha256": record.record_sha256()}


def _record_for_client(state: ServerState, record: ReviewRecord) -> dict:
    """On the team server, the record the assistant must commit with the change (no checkout holds it)."""
    if not state.detached:
        return {}
    return {
        "review_record_path": f".idguard/reviews/{record.id}.json",
        "review_record": record.model_dump_json(indent=2) + "\n",
    }


def _tests_needed(state: ServerState, rel: str, content: str, language: str) -> list[TestPlan]:
    """The identity units this write adds or changes (against the file as it is now), with their failure paths."""
    if language != "python":
        return []
    from idguard.guards.units import changed_units

    target = state.workspace.root / rel
    try:
        current = read_text(target, state.policy.limits.max_file_bytes, rel) if target.exists() else None
    except InputError:
        current = None
    return test_plans(changed_units(content, current, rel, state.policy))


def _committed_text(state: ServerState, rel: str) -> str:
    """The last committed text of a file already deleted from the workspace (the assistant deleted it first)."""
    removed = next((text for text in state.reviews.committed_copies(rel) if text is not None), None)
    if removed is None:
        # Not quoted: the assistant chooses the path, and it may carry anything, a secret included.
        raise InputRejected("the path is neither a file in the workspace nor committed text in git: nothing to delete")
    _require_text(removed, "the committed file", state.policy.limits.max_file_bytes, "limits.max_file_bytes")
    return removed


MAX_EDITS = 1000


def _edited_content(state: ServerState, rel: str, edits: list[StringEdit]) -> str:
    """The file's content after `edits`, applied to what is in the workspace now, as the Edit tool would."""
    if len(edits) > MAX_EDITS:
        raise InputRejected(f"{len(edits)} edits, above the limit of {MAX_EDITS}: send the full content instead")
    for number, edit in enumerate(edits, 1):
        limit = state.policy.limits.max_file_bytes
        _require_text(edit.old_string, f"old_string of edit {number}", limit, "limits.max_file_bytes")
        _require_text(edit.new_string, f"new_string of edit {number}", limit, "limits.max_file_bytes")
    target = state.workspace.root / rel
    try:
        current = read_text(target, state.policy.limits.max_file_bytes, rel) if target.exists() else None
    except InputError as exc:
        raise InputRejected(f"cannot apply edits to {rel}: {exc}") from None
    try:
        return apply_string_edits(current, [edit.model_dump() for edit in edits], rel)
    except EditError as exc:
        raise InputRejected(str(exc)) from None


def guard_deletion(
    state: ServerState, path: str, content: str, intent: str, author: Author, actor: str
) -> GuardChangeResult:
    """Deleting identity code is an access change: classify the content being removed and record a
    deletion review for it; deleting anything else passes."""
    rel = state.workspace.relative(path)
    if content:
        raise InputRejected("to delete a file, pass delete=true with empty content")
    _require_text(intent, "intent", MAX_INTENT_BYTES, "the intent limit: one or two sentences")
    intent = redact(intent, state.key, state.policy).redacted
    target = state.workspace.root / rel
    try:
        removed = (
            read_text(target, state.policy.limits.max_file_bytes, rel)
            if target.exists()
            else _committed_text(state, rel)
        )
    except BinaryFile:
        # Binary files are not code; the gate skips them too (and fails them on identity paths).
        state.audit.append("guard_change", actor, {"verdict": "pass", "deletion": True, "intent": intent}, path=rel)
        return GuardChangeResult(
            verdict="pass",
            path=rel,
            deletion=True,
            identity_related=False,
            categories=[],
            findings=[],
            message=f"Binary file, not identity code: delete {rel}.",
        )
    except InputError as exc:
        # Unclassifiable content cannot be shown to pass; the gate fails closed on it as well.
        raise InputRejected(f"cannot classify the file before deleting it: {exc}") from None
    result = state.pool.check(removed, rel, detect_language(rel), state.policy, state.key)
    common = dict(
        path=rel,
        deletion=True,
        identity_related=result.identity_related,
        categories=result.categories,
        findings=result.findings,
    )
    if not removal_needs_review(result, removed, state.policy):
        state.audit.append("guard_change", actor, {"verdict": "pass", "deletion": True, "intent": intent}, path=rel)
        return GuardChangeResult(verdict="pass", **common, message=f"Not identity code: delete {rel}.")
    removed_sha = content_sha256(strip_tags(removed))
    record = state.reviews.create(
        result.model_copy(update={"verdict": "review"}), rel, intent, author, deleted_sha256=removed_sha
    )
    state.audit.append(
        "guard_change",
        actor,
        {
            "verdict": "review",
            "deletion": True,
            "deleted_sha256": removed_sha,
            "intent": intent,
            **_record_data(record),
        },
        path=rel,
        review_id=record.id,
    )
    return GuardChangeResult(
        verdict="review",
        **common,
        **_record_for_client(state, record),
        checklist=record.checklist,
        review_id=record.id,
        content_sha256=record.content_sha256,
        message=(
            f"Delete {rel} (and commit the deletion with .idguard/reviews/{record.id}.json). Removing identity "
            f"code is an access change: a named human other than the author must approve it with "
            f"`idguard review approve {record.id}` before CI accepts it; tell the user."
        ),
    )


def review_status(state: ServerState, review_id: str, actor: str) -> ReviewStatusResult:
    record = state.reviews.load(review_id)
    from ..review.authorship import review_state

    status = _stored_status(state, record) if state.detached else review_state(state.workspace, record, state.policy)
    state.audit.append("review_status", actor, {"status": status}, path=record.path, review_id=record.id)
    return ReviewStatusResult(
        review_id=record.id,
        path=record.path,
        status=status,
        content_sha256=record.content_sha256,
        current_sha256=state.reviews.current_sha(record),
    )


def _stored_status(state: ServerState, record: ReviewRecord) -> Literal["pending", "approved", "rejected", "stale"]:
    """A team-server answer from the decisions recorded in the shared store (the gate re-verifies each
    signature and owner): rejected on a recorded valid rejection, approved once enough distinct reviewers
    other than the author recorded valid approvals of this content, else pending."""
    decisions = state.audit.entries(review_id=record.id)
    valid = [
        e
        for e in decisions
        if e.event in ("approval", "rejection")
        and e.data.get("signature_valid") is True
        and e.data.get("content_sha256") == record.content_sha256
    ]
    if any(e.event == "rejection" for e in valid):
        return "rejected"
    reviewers = {e.actor for e in valid if e.event == "approval"}
    reviewers.discard(f"reviewer:{record.author.email}")
    return "approved" if len(reviewers) >= state.policy.review.required_approvals else "pending"


def list_guards() -> GuardList:
    return GuardList(
        guards=[
            GuardSummary(
                id=g.id,
                name=g.name,
                title=g.title,
                severity=g.meta.severity.value,
                languages=list(g.languages),
                categories=list(g.meta.categories),
            )
            for g in load_guards().values()
        ]
    )


def explain_guard(guard_id: str) -> GuardExplanation:
    doc = get_guard(guard_id).doc()
    return GuardExplanation(guard=doc, markdown=doc.markdown())
