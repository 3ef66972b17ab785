"""The hook events idguard answers and the JSON each IDE reads for them.

Kept apart from the decisions (decide.py) because the hook client (cli/hook.py) needs only this much on every
call, including the warm path, which must not import the rest: the event a payload is for, whether the hook
process must decide it itself, and the answer it prints when time runs out.

Claude Code, VS Code and Codex CLI read the same JSON; Cursor reads `permission` / `continue` /
`followup_message`, Gemini CLI `decision: "deny"` with `reason` (see clients.py and docs/ide-hooks.md).
"""

from __future__ import annotations

import json
from typing import Any

PRE_TOOL_USE = "PreToolUse"
POST_TOOL_USE = "PostToolUse"
USER_PROMPT_SUBMIT = "UserPromptSubmit"
STOP_EVENTS = ("Stop", "SubagentStop")
POST_WRITE = "PostWrite"  # a write that already happened (Cursor's afterFileEdit)
READ_FILE = "ReadFile"  # a file about to be shown to the model (Cursor's beforeReadFile)
# Every tool that runs a shell command: Claude Code and Codex (`Bash`), VS Code's terminal tools under each name
# its documentation and releases have used, Gemini CLI (`run_shell_command`).
SHELL_TOOLS = frozenset(
    {"Bash", "run_in_terminal", "runInTerminal", "runTerminalCommand", "copilot_runInTerminal", "run_shell_command"}
)
EVENTS = {
    "userpromptsubmit": USER_PROMPT_SUBMIT,
    "pretooluse": PRE_TOOL_USE,
    "": PRE_TOOL_USE,
    "posttooluse": POST_TOOL_USE,
    "stop": "Stop",
    "subagentstop": "SubagentStop",
    "postwrite": POST_WRITE,
    "readfile": READ_FILE,
}


def event_name(payload: dict[str, Any]) -> str | None:
    """The payload's event (None when it is not one idguard handles)."""
    name = payload.get("hook_event_name") or payload.get("hookEventName") or ""
    return EVENTS.get(str(name).replace("_", "").lower())


def payload_event(raw: str, forced: str | None) -> str:
    """The event a raw payload is for (PreToolUse when it cannot be read: its deny is then the answer)."""
    if forced:
        return forced
    try:
        payload = json.loads(raw)
    except ValueError:
        return PRE_TOOL_USE
    return (event_name(payload) if isinstance(payload, dict) else None) or PRE_TOOL_USE


def decided_in_process(raw: str) -> bool:
    """Whether the hook process must decide this payload itself, never the warm server: shell commands, the
    check after them and the one at the end of a turn are the backstop for a server that is not what it claims."""
    try:
        payload = json.loads(raw)
    except ValueError:
        return False
    if not isinstance(payload, dict):
        return False
    tool = payload.get("tool_name") or payload.get("toolName")
    return event_name(payload) in (POST_TOOL_USE, POST_WRITE, *STOP_EVENTS) or tool in SHELL_TOOLS


def render(event: str, client: str, allow: bool, reason: str = "", notice: str = "") -> dict[str, Any] | None:
    """The documented hook JSON for a deny or block; None for a silent allow (say nothing, exit 0)."""
    if client == "cursor":
        return _cursor(event, allow, reason)
    if client == "gemini":
        # Gemini CLI parses stdout as JSON on exit 0: an allow is an empty object. A deny's reason goes to the
        # agent (BeforeTool: as the tool's error; AfterTool: in place of its output; AfterAgent: as a new prompt).
        if allow:
            return {"systemMessage": notice} if notice else {}
        return {"decision": "deny", "reason": reason}
    if allow:
        return {"systemMessage": notice} if notice else None
    if event == POST_TOOL_USE:
        # Both IDEs show `reason` to the assistant when `decision` is "block" (the tool already ran).
        return {
            "decision": "block",
            "reason": reason,
            "hookSpecificOutput": {"hookEventName": POST_TOOL_USE, "additionalContext": reason},
        }
    if event in STOP_EVENTS:
        answer: dict[str, Any] = {"decision": "block", "reason": reason}
        if client == "vscode":  # VS Code reads a Stop decision from hookSpecificOutput
            answer["hookSpecificOutput"] = {"hookEventName": event, "decision": "block", "reason": reason}
        return answer
    if event == USER_PROMPT_SUBMIT:
        # Claude Code reads decision/reason; VS Code's UserPromptSubmit honours the common
        # continue/stopReason fields. Both say the same thing: the prompt is not processed.
        return {"decision": "block", "reason": reason, "continue": False, "stopReason": reason}
    return {
        "hookSpecificOutput": {
            "hookEventName": PRE_TOOL_USE,
            "permissionDecision": "deny",
            "permissionDecisionReason": reason,
        }
    }


def _cursor(event: str, allow: bool, reason: str) -> dict[str, Any]:
    """Cursor's answers: `continue` for beforeSubmitPrompt, `followup_message` for stop (sent to the agent as the
    next message), `permission` for the before* events. afterFileEdit's answer is not read by Cursor (the write
    happened); idguard prints the same deny there, audits it, and the stop hook sends the follow-up."""
    if event == USER_PROMPT_SUBMIT:
        return {"continue": True} if allow else {"continue": False, "user_message": reason}
    if event in STOP_EVENTS:
        return {} if allow else {"followup_message": reason}
    if allow:
        return {}
    return {"permission": "deny", "user_message": reason, "agent_message": reason}


def timeout_answer(event: str, client: str = "claude-code") -> dict[str, object]:
    """The deny (or block) printed when the hook runs out of time or its server does not answer."""
    reason = (
        "idguard hook ran out of time (IDGUARD_HOOK_TIMEOUT or limits.guard_timeout_seconds); denied to fail closed."
    )
    return render(event, client, False, reason) or {}
