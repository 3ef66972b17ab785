"""IDE hooks: decide whether an assistant's file write, or a user's prompt, may go ahead.

One module because every assistant's tool shapes map onto one decision; the per-assistant input and
output live in clients.py and answers.py, shell reading in shell.py, after-the-fact checks in effects.py.

One entry point, `run_hook`, serves Claude Code's `PreToolUse` (tools `Write`,
`Edit`, `MultiEdit`) and `UserPromptSubmit` hooks, and VS Code's agent hooks,
which send the same snake_case JSON with VS Code's tool names (`create_file`,
`replace_string_in_file`, `multi_replace_string_in_file`, `insert_edit_into_file`,
`apply_patch`, `editFiles`/`createFile` in the documentation) and ignore
matchers, so every tool call reaches the hook and tools that write no file are
allowed at once. Codex CLI sends the same JSON (its `apply_patch` patch is
applied to the current files); Cursor's and Gemini CLI's payloads are first read
into this shape (clients.py), with two events of Cursor's own: a write already
made (`afterFileEdit`, judged on what the file now holds) and a file about to be
read into the model (`beforeReadFile`, refused when it holds credentials).

A write is judged on the content the tool *would produce* (the current file
with the edits applied):

- blocking findings (or a credential) -> deny, with the findings and fixes;
- identity-related without a review tag for exactly this content, backed by
  the review record `guard_change` wrote -> deny: call `guard_change` first;
- anything else -> allow, silently (no output, exit 0).

Fail closed: an edit that cannot be applied, input that cannot be read, or
any error inside the hook denies with a one-line reason. Hooks run on every
edit, so this module imports only the standard library at the top; the
engine and policy load only when a write tool is seen, and the MCP SDK never.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from ..edits import EditError, apply_patch, apply_string_edits, require_text
from ..edits import first_field as _field
from ..files import InputError, read_text
from . import effects as hook_effects
from .answers import (
    POST_TOOL_USE,
    POST_WRITE,
    PRE_TOOL_USE,
    READ_FILE,
    SHELL_TOOLS,
    STOP_EVENTS,
    USER_PROMPT_SUBMIT,
    event_name,
    render,
)
from .clients import CURSOR_MCP_PREFIX, normalise
from .shell import judge_shell

HOOK_ACTOR = "hook"
MAX_FINDINGS_SHOWN = 8
# Only humans change what governs the assistant: policy, signers, reviews, approvals.
# Reading files, the audit append and the answer, on top of the guard pass's own limit.
HOOK_OVERHEAD_SECONDS = 1.5
READ_SCAN_BYTES = 8 << 20  # of a file about to be read into the model, when the payload does not carry it
PROTECTED_PREFIX = ".idguard/"

# Tool names -> how to read their input. Claude Code first, then VS Code (core and contributed names).
WHOLE_FILE_TOOLS = {"Write", "create_file", "createFile", "copilot_createFile", "write_file"}
# Gemini CLI's `replace` takes file_path, old_string, new_string and expected_replacements.
STRING_EDIT_TOOLS = {"Edit", "MultiEdit", "replace_string_in_file", "copilot_replaceString", "replace"}
# Codex CLI's apply_patch: the patch text in tool_input.command, applied to the current files.
PATCH_TOOLS = {"apply_patch"}
# VS Code's apply_patch: the same patch format in tool_input.input (absolute paths).
VSCODE_PATCH_TOOLS = {"apply_patch", "copilot_applyPatch"}
# MCP file tools Cursor reports through beforeMCPExecution (the reference filesystem server's names).
MCP_WRITE_TOOLS = {"write_file", "create_file"}
MCP_EDIT_TOOLS = {"edit_file"}
MULTI_FILE_EDIT_TOOLS = {"multi_replace_string_in_file", "copilot_multiReplaceString"}
# Tools whose input does not show the resulting file (a sketch with "...existing code...", a patch, a file list).
OPAQUE_EDIT_TOOLS = {
    "insert_edit_into_file",
    "copilot_insertEdit",
    "editFiles",
    "edit_files",
    "copilot_editFiles",
    "apply_patch",
    "copilot_applyPatch",
}


class HookError(Exception):
    """The hook cannot decide (bad input, an edit that does not apply): the answer is deny."""


@dataclass(frozen=True)
class Decision:
    event: str
    allow: bool
    reason: str = ""
    client: str = "claude-code"
    notice: str = ""  # for an allow: a message shown to the person (systemMessage), not to the assistant

    def output(self) -> dict[str, Any] | None:
        """The documented hook JSON for a deny or block; None for a silent allow (say nothing, exit 0)."""
        return render(self.event, self.client, self.allow, self.reason, self.notice)


@dataclass
class ProposedWrite:
    """One file a tool call would write: its path and resulting content (None when the tool hides it)."""

    path: Path
    content: str | None
    tool: str
    notes: list[str] = field(default_factory=list)
    deleted: bool = False  # the tool removes the file (a patch's Delete File, or the old path of a Move to)


def deny(reason: str, event: str = PRE_TOOL_USE) -> Decision:
    return Decision(event, False, reason)


def allow(event: str = PRE_TOOL_USE) -> Decision:
    return Decision(event, True)


# ---------------------------------------------------------------- payload -> proposed writes


def _text(value: Any, what: str) -> str:
    try:
        return require_text(value, what)
    except EditError as exc:
        raise HookError(str(exc)) from None


def _resolve(path_value: Any, cwd: Path) -> Path:
    path = Path(_text(path_value, "the file path"))
    return path if path.is_absolute() else cwd / path


def _read_current(path: Path) -> str | None:
    """The file as its runtime reads it (None when it does not exist yet); HookError when idguard cannot read it."""
    if not path.exists():
        return None
    try:
        return read_text(path, 1 << 31, path.name)
    except InputError as exc:
        raise HookError(f"{path.name}: {exc}; idguard cannot check the edit") from None


def _edited(current: str | None, edits: list[dict[str, Any]], name: str) -> str:
    try:
        return apply_string_edits(current, edits, name)
    except EditError as exc:
        raise HookError(str(exc)) from None


def _patch_paths(patch: str, cwd: Path) -> list[Path]:
    prefixes = ("*** Add File: ", "*** Update File: ", "*** Move to: ")
    return [_resolve(line.split(": ", 1)[1].strip(), cwd) for line in patch.splitlines() if line.startswith(prefixes)]


def _patched(patch: str, cwd: Path, tool: str) -> list[ProposedWrite]:
    """The files a patch would leave, from the files as they are now (HookError when it does not apply)."""
    try:
        files = apply_patch(patch, lambda rel: _read_current(_resolve(rel, cwd)))
    except EditError as exc:
        raise HookError(f"{tool}: {exc}") from None
    writes = []
    for patched in files:
        path = _resolve(patched.path, cwd)
        if patched.content is None:
            writes.append(ProposedWrite(path, None, tool, deleted=True))
        elif patched.move_to:
            writes.append(ProposedWrite(path, None, tool, deleted=True))
            writes.append(ProposedWrite(_resolve(patched.move_to, cwd), patched.content, tool))
        else:
            writes.append(ProposedWrite(path, patched.content, tool))
    return writes


def _expected_replacements(tool: str, edit: dict[str, Any]) -> dict[str, Any]:
    """Gemini's `replace`: `expected_replacements` occurrences, all replaced (the tool fails on another count)."""
    expected = edit.get("expected_replacements")
    if tool != "replace" or expected is None:
        return edit
    if not isinstance(expected, int) or isinstance(expected, bool) or expected < 1:
        raise HookError(f"{tool}: expected_replacements is not a positive number")
    return {**edit, "replace_all": expected > 1, "expected_replacements": expected}


def _mcp_writes(tool: str, tool_input: Any, cwd: Path) -> list[ProposedWrite]:
    """An MCP tool call that writes a file (write_file / create_file with path and content, edit_file with
    edits of oldText/newText); [] for any other MCP tool."""
    name = tool[len(CURSOR_MCP_PREFIX) :].rsplit("__", 1)[-1]
    if name not in MCP_WRITE_TOOLS | MCP_EDIT_TOOLS:
        return []
    if not isinstance(tool_input, dict):
        raise HookError(f"{name}: tool_input is not an object")
    target = _field(tool_input, "path", "file_path", "filePath")
    if target is None:
        return []
    path = _resolve(target, cwd)
    if name in MCP_WRITE_TOOLS:
        return [ProposedWrite(path, _text(_field(tool_input, "content"), "content"), tool)]
    edits = tool_input.get("edits")
    if not isinstance(edits, list) or not edits or not all(isinstance(e, dict) for e in edits):
        raise HookError(f"{tool}: no edits in tool_input")
    mapped = [{"old_string": e.get("oldText"), "new_string": e.get("newText")} for e in edits]
    return [ProposedWrite(path, _edited(_read_current(path), mapped, path.name), tool)]


def proposed_writes(tool: str, tool_input: Any, cwd: Path) -> list[ProposedWrite]:
    """What a tool call would write; [] for tools that write no file."""
    if tool.startswith(CURSOR_MCP_PREFIX):
        return _mcp_writes(tool, tool_input, cwd)
    if not isinstance(tool_input, dict):
        if tool in WHOLE_FILE_TOOLS | STRING_EDIT_TOOLS | MULTI_FILE_EDIT_TOOLS | OPAQUE_EDIT_TOOLS | PATCH_TOOLS:
            raise HookError(f"{tool}: tool_input is not an object")
        return []
    if tool in PATCH_TOOLS and "command" in tool_input:
        return _patched(_text(tool_input.get("command"), "the patch"), cwd, tool)
    if tool in VSCODE_PATCH_TOOLS and "input" in tool_input:
        return _patched(_text(tool_input.get("input"), "the patch"), cwd, tool)
    if tool in WHOLE_FILE_TOOLS:
        path = _resolve(_field(tool_input, "file_path", "filePath", "path"), cwd)
        return [ProposedWrite(path, _text(_field(tool_input, "content"), "content"), tool)]
    if tool in STRING_EDIT_TOOLS:
        path = _resolve(_field(tool_input, "file_path", "filePath", "path"), cwd)
        edits = tool_input.get("edits") if tool == "MultiEdit" else [_expected_replacements(tool, tool_input)]
        if not isinstance(edits, list) or not edits:
            raise HookError(f"{tool}: no edits in tool_input")
        current = _read_current(path)
        expected = edits[0].get("expected_replacements") if isinstance(edits[0], dict) else None
        if (
            expected is not None
            and current is not None
            and isinstance(edits[0].get("old_string"), str)
            and edits[0]["old_string"]
            and current.count(edits[0]["old_string"]) != expected
        ):
            raise HookError(
                f"{tool}: old_string does not occur expected_replacements times in {path.name}; "
                "the edit cannot be checked"
            )
        return [ProposedWrite(path, _edited(current, edits, path.name), tool)]
    if tool in MULTI_FILE_EDIT_TOOLS:
        replacements = tool_input.get("replacements")
        if not isinstance(replacements, list) or not replacements:
            raise HookError(f"{tool}: no replacements in tool_input")
        by_path: dict[Path, list[dict[str, Any]]] = {}
        for replacement in replacements:
            if not isinstance(replacement, dict):
                raise HookError(f"{tool}: a replacement is not an object")
            by_path.setdefault(_resolve(_field(replacement, "filePath", "file_path"), cwd), []).append(replacement)
        return [ProposedWrite(p, _edited(_read_current(p), edits, p.name), tool) for p, edits in by_path.items()]
    if tool in OPAQUE_EDIT_TOOLS:
        paths: list[Path] = []
        if (single := _field(tool_input, "filePath", "file_path")) is not None:
            paths.append(_resolve(single, cwd))
        files = tool_input.get("files")
        if isinstance(files, list):
            paths.extend(_resolve(f, cwd) for f in files)
        if isinstance(tool_input.get("input"), str):
            paths.extend(_patch_paths(tool_input["input"], cwd))
        if not paths:
            raise HookError(f"{tool}: cannot tell which files it writes")
        sketch = _field(tool_input, "code", "input")
        return [ProposedWrite(p, None, tool, [sketch] if isinstance(sketch, str) else []) for p in paths]
    return []


# ---------------------------------------------------------------- judging one write


def _finding_line(finding: Any) -> str:
    line = f"{finding.guard_id} line {finding.line}: {finding.message}"
    if finding.fix:
        line += f" Fix: {finding.fix}"
    return line


class WriteJudge:
    """Judges proposed writes against the workspace's policy and review records (each loaded once, on demand)."""

    def __init__(self, root: Path, client: str) -> None:
        from ..workspace import Workspace

        self.workspace = Workspace(root)
        self.actor = f"{HOOK_ACTOR}:{client}"
        self.floor_notice = ""  # set when the policy is loaded

    @cached_property
    def policy(self) -> Any:
        from ..policy import load_effective_policy
        from . import watchdog

        effective = load_effective_policy(self.workspace)
        policy = effective.policy
        # The gate fails on a policy that loosens the org floor; here the floor's values apply and the person is told.
        self.floor_notice = "\n".join(f"idguard: warning: {w}" for w in effective.warnings())
        # The guard pass gets the policy's per-file limit, plus a little for the rest of the hook.
        watchdog.tighten(policy.limits.guard_timeout_seconds + HOOK_OVERHEAD_SECONDS)
        return policy

    @cached_property
    def key(self) -> bytes:
        return self.workspace.fingerprint_key()

    def reviewed_as_is(self, rel: str, content: str) -> bool:
        """Content carrying a tag whose hash and review record (written by guard_change) match exactly.

        guard_change checked this exact content and recorded a review only because nothing blocked,
        so the hook need not load the engine again: the common "write tagged_content" step stays
        fast. The CI gate re-checks it under the base branch's policy.
        """
        from idguard.guards.tags import content_sha256, find_tag, strip_tags

        tag = find_tag(content)
        if tag is None or tag.sha256 != content_sha256(strip_tags(content)):
            return False
        try:
            record = json.loads((self.workspace.reviews_dir / f"{tag.review_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(record, dict) and record.get("path") == rel and record.get("content_sha256") == tag.sha256

    def judge(self, write: ProposedWrite) -> str | None:
        """None to allow, else the reason to deny."""
        from ..workspace import WorkspaceError

        try:
            rel = self.workspace.relative(write.path)
        except WorkspaceError:
            rel = None
        if rel is not None and (rel + "/").startswith(PROTECTED_PREFIX):
            return (
                f"{rel} is governed by humans (policy, allowed signers, reviews, approvals): the assistant must not "
                "write under .idguard/. Ask the user to make this change."
            )
        shown = rel or write.path.name
        if write.deleted:
            return self._deletion_problem(write, rel, shown)
        if rel is not None and write.content is not None and self.reviewed_as_is(rel, write.content):
            return None
        from idguard.guards.engine import check_code  # only now: the engine is the slow part to load

        if write.content is None:
            # The tool hides the resulting file: allow only what is plainly not identity code.
            texts = [_read_current(write.path) or "", *write.notes]
            if any(check_code(text, shown, None, self.policy, self.key).verdict != "pass" for text in texts):
                return (
                    f"{write.tool} does not show the resulting content of {shown}, an identity-related file, so idguard "
                    "cannot check it. Call the idguard MCP tool guard_change with the full new content, then write "
                    "tagged_content with a whole-file write (Write / create_file)."
                )
            return None

        result = check_code(write.content, rel or write.path.name, None, self.policy, self.key)
        active = [f for f in result.findings if not f.suppressed]
        blocking = [f for f in active if f.severity >= self.policy.block_threshold or f.guard_id == "IDG001"]
        if blocking:
            self._audit(
                "deny", rel, {"reason": "blocking-findings", "findings": sorted({f.guard_id for f in blocking})}
            )
            listed = "\n".join(f"- {_finding_line(f)}" for f in blocking[:MAX_FINDINGS_SHOWN])
            more = (
                f"\n- ... and {len(blocking) - MAX_FINDINGS_SHOWN} more" if len(blocking) > MAX_FINDINGS_SHOWN else ""
            )
            return (
                f"idguard blocked this write to {shown}: {len(blocking)} blocking finding(s).\n{listed}{more}\n"
                "Fix every finding, then call the idguard MCP tool guard_change with the full new content and write "
                "its tagged_content."
            )
        if result.verdict != "review":
            return None
        if rel is None:
            return (
                f"{write.path.name} is identity-related and outside the workspace {self.workspace.root}; idguard can "
                "record reviews only for files inside it."
            )
        problem, review_id = self._review_problem(rel, result.language, write.content)
        self._audit("deny" if problem else "allow", rel, {"reason": problem or "reviewed"}, review_id)
        if problem is None:
            return None
        return (
            f"{rel} is identity-related ({', '.join(result.categories) or 'findings to review'}) and {problem}. "
            "Call the idguard MCP tool guard_change(path, content, intent) with the full new content first, then "
            "write its tagged_content exactly as returned."
        )

    def _deletion_problem(self, write: ProposedWrite, rel: str | None, shown: str) -> str | None:
        """Removing identity code is an access change: it needs a deletion review first."""
        from idguard.guards.classify import classify

        current = _read_current(write.path)
        if current is None or not classify(current, rel or write.path.name, self.policy)[0]:
            return None
        if rel is not None and self.deletion_reviewed(rel):
            return None
        self._audit("deny", rel, {"reason": "deletion-unreviewed"})
        return (
            f"{write.tool} deletes {shown}, which holds identity code. Deleting it is an access change: call the "
            'idguard MCP tool guard_change(path, content="", intent, delete=true) and have the deletion reviewed.'
        )

    def deletion_reviewed(self, rel: str) -> bool:
        """Whether a deletion review of `rel` was recorded (the gate checks it is of exactly the base content)."""
        from ..review.store import ReviewStore

        return any(r.deletion and r.path == rel for r in ReviewStore(self.workspace).all())

    def _review_problem(self, rel: str, language: str, content: str) -> tuple[str | None, str | None]:
        """Why `content` is not bound to a review `guard_change` recorded, or (None, review id)."""
        from idguard.guards.languages import comment_prefix
        from idguard.guards.tags import content_sha256, find_tag, strip_tags

        from ..review.store import ReviewNotFound, ReviewStore

        store = ReviewStore(self.workspace)
        sha = content_sha256(strip_tags(content))
        if comment_prefix(language) is None:
            for record in store.all():
                if record.path == rel and record.content_sha256 == sha:
                    return None, record.id
            return "no review record binds this exact content (the format has no comments for a tag)", None
        tag = find_tag(content)
        if tag is None:
            return "has no idguard review tag", None
        if tag.sha256 != sha:
            return f"its review tag {tag.review_id} does not match this content (it changed after guard_change)", None
        try:
            record = store.load(tag.review_id)
        except ReviewNotFound:
            return f"its review tag names {tag.review_id}, which has no review record", None
        if record.path != rel or record.content_sha256 != sha:
            return f"review {tag.review_id} is bound to another path or content", None
        return None, record.id

    def _audit(self, verdict: str, rel: str | None, data: dict[str, Any], review_id: str | None = None) -> None:
        from ..audit.open import open_audit_log  # here: tools that write nothing never load the store

        open_audit_log(self.workspace).append(
            "hook", self.actor, {"decision": verdict, **data}, path=rel, review_id=review_id
        )


# ---------------------------------------------------------------- shell commands: judged by their effects


class ShellWatch:
    """The snapshot before a shell command and the judgement of what it changed (see effects.py)."""

    def __init__(self, root: Path, payload: dict[str, Any], client: str) -> None:
        self.root = root
        self.client = client
        session = str(payload.get("session_id") or payload.get("sessionId") or "")
        tool_use = str(payload.get("tool_use_id") or payload.get("toolUseId") or "")
        from .client import socket_dir

        runtime = socket_dir()
        self.path = hook_effects.snapshot_path(runtime, root, session, tool_use) if runtime and tool_use else None

    def _server(self) -> list[Any] | None:
        from .client import socket_path

        path = socket_path(str(self.root))
        try:
            info = os.stat(path) if path else None
        except OSError:
            return None
        return [info.st_ino, info.st_mtime_ns] if info else None

    def before(self) -> None:
        if self.path is None or not (self.root / ".git").exists():
            return
        try:
            snapshot = hook_effects.take_snapshot(self.root, hook_effects.audit_state(self.root), self._server())
            hook_effects.save_snapshot(self.path, snapshot)
        except OSError:
            return  # after() then compares with git's HEAD

    def after(self) -> list[str]:
        """What the command did that the assistant may not do; [] when nothing."""
        if not (self.root / ".git").exists():
            return []
        before = hook_effects.pop_snapshot(self.path) if self.path else None
        effects = hook_effects.effects_since(self.root, before)
        problems = []
        if effects.idguard:
            problems.append(
                f"changed {', '.join(effects.idguard[:8])} under .idguard/, which only humans change "
                "(policy, signers, reviews, approvals). Undo it and ask the user."
            )
        if before is not None and before.audit_head is not None:
            problem = self._audit_problem(before.audit_head)
            if problem:
                problems.append(problem)
        if before is not None and before.server is not None and self._server() not in (None, before.server):
            problems.append("replaced idguard's warm hook server socket. Hooks decide in-process until it restarts.")
            self._remove_server_socket()
        judge = WriteJudge(self.root, self.client)
        revision = (before.head if before is not None else None) or "HEAD"
        for rel in effects.files[: hook_effects.MAX_FILES_JUDGED]:
            reason = self._judge_file(judge, rel, revision)
            if reason:
                problems.append(f"wrote {rel} outside the Write/Edit tools: {reason}")
        if problems:
            judge._audit(
                "block",
                None,
                {
                    "reason": "shell-effects",
                    "problems": [p[:200] for p in problems],
                    "files": effects.files[:50],
                    "idguard": effects.idguard[:50],
                },
            )
        return problems

    def _judge_file(self, judge: WriteJudge, rel: str, revision: str) -> str | None:
        path = self.root / rel
        if path.exists():
            try:
                content = read_text(path, 1 << 31, rel)
            except InputError as exc:
                return f"idguard cannot read it ({exc})"
            return judge.judge(ProposedWrite(path, content, "Bash"))
        removed = hook_effects.committed_text(self.root, rel, revision)
        if removed is None:
            return None
        from idguard.guards.classify import classify

        if classify(removed, rel, judge.policy)[0]:
            return (
                'it deleted identity code. Deleting it is an access change: call guard_change(path, content="", '
                "intent, delete=true) and have the deletion reviewed."
            )
        return None

    def _audit_problem(self, before: tuple[int, str]) -> str | None:
        """Every entry the log held before the command must still be there, unchanged (appends are fine)."""
        if hook_effects.audit_state(self.root, before[0]) == tuple(before):
            return None
        return f"rewrote, deleted or truncated entries of the audit log (up to entry {before[0]})."

    def _remove_server_socket(self) -> None:
        from .client import socket_path

        path = socket_path(str(self.root))
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass


def untagged_identity_changes(root: Path, client: str) -> list[str]:
    """Files that differ from the base branch (committed or not) and need review but carry no review tag bound
    to a record; cheap (classification and tags, no guard pass), for the end of every turn."""
    from idguard.guards.classify import classify

    judge = WriteJudge(root, client)
    problems = []
    changed, base = hook_effects.changed_since_base(root)
    for rel in changed[: hook_effects.MAX_FILES_JUDGED]:
        if rel.startswith(".idguard/"):
            continue
        path = root / rel
        if not path.exists():
            removed = hook_effects.committed_text(root, rel, base)
            if removed is not None and classify(removed, rel, judge.policy)[0] and not judge.deletion_reviewed(rel):
                problems.append(f"{rel} (identity code deleted without a deletion review)")
            continue
        try:
            content = read_text(path, 1 << 31, rel)
        except InputError:
            problems.append(f"{rel} (unreadable)")
            continue
        if classify(content, rel, judge.policy)[0] and not judge.reviewed_as_is(rel, content):
            problems.append(rel)
    return problems


# ---------------------------------------------------------------- events


def _shell_command(payload: dict[str, Any], tool: str) -> str:
    tool_input = payload.get("tool_input", payload.get("toolArgs"))
    command = tool_input.get("command") if isinstance(tool_input, dict) else None
    if not isinstance(command, str):
        raise HookError(f"{tool} input has no command")
    return command


def _tool_name(payload: dict[str, Any]) -> str:
    tool = payload.get("tool_name") or payload.get("toolName")
    if not isinstance(tool, str):
        raise HookError("the hook input has no tool_name")
    return tool


def decide_pre_tool_use(payload: dict[str, Any], client: str) -> Decision:
    tool = _tool_name(payload)
    cwd = Path(payload.get("cwd") or os.getcwd())
    if tool in SHELL_TOOLS:
        reason = judge_shell(_shell_command(payload, tool))
        if reason:
            return deny(reason)
        from ..workspace import find_root

        ShellWatch(find_root(cwd), payload, client).before()
        return allow()
    writes = proposed_writes(tool, payload.get("tool_input", payload.get("toolArgs")), cwd)
    if not writes:
        return allow()
    from ..workspace import find_root

    judge = WriteJudge(find_root(cwd), client)
    reasons = [reason for write in writes if (reason := judge.judge(write)) is not None]
    if reasons:
        return deny("\n\n".join(reasons))
    return Decision(PRE_TOOL_USE, True, client=client, notice=judge.floor_notice) if judge.floor_notice else allow()


def decide_post_tool_use(payload: dict[str, Any], client: str) -> Decision:
    """After a shell command: judge what it changed (see effects.py). Other tools were judged before."""
    tool = _tool_name(payload)
    if tool not in SHELL_TOOLS:
        return allow(POST_TOOL_USE)
    from ..workspace import find_root

    problems = ShellWatch(find_root(Path(payload.get("cwd") or os.getcwd())), payload, client).after()
    if not problems:
        return allow(POST_TOOL_USE)
    return Decision(POST_TOOL_USE, False, "idguard: this shell command " + "\n\n".join(problems), client)


def decide_stop(payload: dict[str, Any], client: str, event: str) -> Decision:
    """Before the assistant ends its turn: no untagged identity change may be left in the tree unmentioned."""
    from ..workspace import find_root

    root = find_root(Path(payload.get("cwd") or os.getcwd()))
    problems = untagged_identity_changes(root, client)
    if not problems:
        return Decision(event, True, client=client)
    listed = "\n".join(f"- {p}" for p in problems[:MAX_FINDINGS_SHOWN])
    more = f"\n- ... and {len(problems) - MAX_FINDINGS_SHOWN} more" if len(problems) > MAX_FINDINGS_SHOWN else ""
    message = (
        f"idguard: {len(problems)} identity change(s) in the working tree have no matching review tag:\n"
        f"{listed}{more}\nRun the idguard MCP tool guard_change on each (or revert it) and write its "
        "tagged_content; the CI gate refuses them untagged."
    )
    if payload.get("stop_hook_active") is True:
        # Already asked once this turn: tell the person instead of looping the assistant.
        return Decision(event, True, client=client, notice=message)
    return Decision(event, False, message, client)


def decide_post_write(payload: dict[str, Any], client: str) -> Decision:
    """After a write the assistant already made (Cursor's afterFileEdit): judge what the file now holds, as the
    Write tool would have been judged before it."""
    cwd = Path(payload.get("cwd") or os.getcwd())
    path = _resolve(payload.get("file_path"), cwd)
    from ..workspace import find_root

    judge = WriteJudge(find_root(cwd), client)
    current = _read_current(path)
    if current is None:
        return allow(POST_WRITE)  # the edit removed the file: the stop check and the gate see a deletion
    reason = judge.judge(ProposedWrite(path, current, "afterFileEdit"))
    if reason is None:
        return allow(POST_WRITE)
    return deny(f"idguard: this edit already wrote {path.name}, which must not stay as it is: {reason}", POST_WRITE)


def decide_read_file(payload: dict[str, Any]) -> Decision:
    """Before a file is shown to the model (Cursor's beforeReadFile): a file holding credentials is not sent,
    as a prompt holding them is not (the kinds are named, never the values)."""
    content = payload.get("content")
    if not isinstance(content, str):
        # Cursor sends the content; without it, read the file's bytes (any file, binary too: it is only scanned).
        path = _resolve(payload.get("file_path"), Path(payload.get("cwd") or os.getcwd()))
        try:
            with path.open("rb") as handle:
                content = handle.read(READ_SCAN_BYTES).decode("utf-8", "replace")
        except OSError:
            content = ""
    from idguard.guards.secrets import find_secrets

    found = find_secrets(content)
    if not found:
        return allow(READ_FILE)
    kinds = sorted({match.kind for match in found})
    name = Path(str(payload.get("file_path") or "the file")).name
    return deny(
        f"idguard blocked reading {name}: it contains {len(found)} credential(s) ({', '.join(kinds)}), which "
        "would be sent to the model. Refer to them by name (an environment variable) or ask the user; the "
        "idguard MCP tool redact_prompt returns text with credentials replaced.",
        READ_FILE,
    )


def decide_user_prompt(payload: dict[str, Any]) -> Decision:
    prompt = payload.get("prompt")
    if not isinstance(prompt, str):
        raise HookError("the hook input has no prompt text")
    from idguard.guards.secrets import find_secrets

    found = find_secrets(prompt)
    if not found:
        return allow(USER_PROMPT_SUBMIT)
    kinds = sorted({match.kind for match in found})
    return deny(
        f"idguard blocked this prompt: it contains {len(found)} credential(s) ({', '.join(kinds)}). "
        "Remove them (refer to secrets by name, e.g. an environment variable) and send the prompt again; "
        "treat any credential already shared as exposed and rotate it.",
        USER_PROMPT_SUBMIT,
    )


def event_of(payload: dict[str, Any], forced: str | None) -> str:
    if forced:
        return forced
    event = event_name(payload)
    if event is None:
        name = payload.get("hook_event_name") or payload.get("hookEventName") or ""
        raise HookError(
            f"unsupported hook event {str(name)[:40]!r} (idguard handles PreToolUse, PostToolUse, "
            "UserPromptSubmit, Stop and SubagentStop, and each assistant's names for them)"
        )
    return event


def decide(payload: Any, client: str = "claude-code", forced_event: str | None = None) -> Decision:
    from dataclasses import replace

    payload = normalise(client, payload)  # Cursor's and Gemini's payloads in Claude Code's shape
    if not isinstance(payload, dict):
        raise HookError("the hook input is not a JSON object")
    event = event_of(payload, forced_event)
    if event == USER_PROMPT_SUBMIT:
        decision = decide_user_prompt(payload)
    elif event == POST_TOOL_USE:
        decision = decide_post_tool_use(payload, client)
    elif event in STOP_EVENTS:
        decision = decide_stop(payload, client, event)
    elif event == POST_WRITE:
        decision = decide_post_write(payload, client)
    elif event == READ_FILE:
        decision = decide_read_file(payload)
    else:
        decision = decide_pre_tool_use(payload, client)
    return replace(decision, client=client)  # rendered as this assistant reads it


def run_hook(
    stdin: IO[str], stdout: IO[str], stderr: IO[str], client: str = "claude-code", forced_event: str | None = None
) -> int:
    """Read one hook payload, write the decision; exit 0 with JSON (deny) or nothing (allow).

    Any failure denies. If even the JSON answer cannot be written, exit 2 with the reason on
    stderr, which Claude Code and VS Code also treat as a block.
    """
    event = forced_event or PRE_TOOL_USE
    try:
        raw = stdin.read()
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError:
            raise HookError("the hook input is not valid JSON") from None
        payload = normalise(client, payload)
        if isinstance(payload, dict):
            event = event_of(payload, forced_event)
        decision = decide(payload, client, forced_event)
    except HookError as exc:
        decision = Decision(event, False, f"idguard could not check this ({exc}); denied to fail closed.", client)
    except Exception as exc:  # noqa: BLE001 - any failure must deny, with a safe one-line reason
        from ..errors import describe

        decision = Decision(event, False, f"idguard hook error: {describe(exc)}; denied to fail closed.", client)
    output = decision.output()
    if output is None:
        return 0
    try:
        stdout.write(json.dumps(output) + "\n")
        stdout.flush()
    except Exception:
        print(decision.reason.splitlines()[0], file=stderr)
        return 2
    return 0
