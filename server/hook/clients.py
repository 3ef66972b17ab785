"""Each assistant's hook payload, read into the one shape the decisions use (Claude Code's).

Claude Code, VS Code and Codex CLI send Claude Code's JSON (`hook_event_name` PreToolUse / PostToolUse /
UserPromptSubmit / Stop, `tool_name`, `tool_input`, `cwd`), so their payloads pass through unchanged. Cursor and
Gemini CLI name their events and fields otherwise; `normalise` maps them, keeping the tool inputs as they are
(the tool names they carry are known to decide.py):

- Cursor (https://cursor.com/docs/agent/hooks): `beforeShellExecution` (`command`, `cwd`) is a shell command
  before it runs, `beforeMCPExecution` (`tool_name`, `tool_input`, possibly a JSON string) an MCP tool call,
  `beforeReadFile` (`file_path`, `content`) a file about to be shown to the model, `afterFileEdit`
  (`file_path`, `edits`) a write that already happened (Cursor has no hook before a write), `beforeSubmitPrompt`
  (`prompt`) and `stop` (`loop_count`). The repository comes from `cwd`, else `workspace_roots[0]`.
- Gemini CLI (https://geminicli.com/docs/hooks/reference): `BeforeTool` / `AfterTool` (`tool_name`,
  `tool_input`), `BeforeAgent` (`prompt`) and `AfterAgent` (`stop_hook_active`).

Standard library only: the hook client runs this on every call, before it asks the warm server.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

CLIENTS = ("claude-code", "vscode", "cursor", "codex", "gemini")
# Internal events beyond Claude Code's: a write already made (Cursor's afterFileEdit) and a file about to be
# read into the model (Cursor's beforeReadFile).
POST_WRITE = "PostWrite"
READ_FILE = "ReadFile"
MARK = "idguard_event"  # set on a normalised payload, so normalising twice changes nothing

CURSOR_EVENTS = {
    "beforeshellexecution": "PreToolUse",
    "beforemcpexecution": "PreToolUse",
    "beforereadfile": READ_FILE,
    "afterfileedit": POST_WRITE,
    "beforesubmitprompt": "UserPromptSubmit",
    "stop": "Stop",
}
GEMINI_EVENTS = {
    "beforetool": "PreToolUse",
    "aftertool": "PostToolUse",
    "beforeagent": "UserPromptSubmit",
    "afteragent": "Stop",
}
CURSOR_MCP_PREFIX = "mcp:"


def _key(name: Any) -> str:
    return str(name or "").replace("_", "").lower()


def normalise(client: str, payload: Any) -> Any:
    """The payload in Claude Code's shape (unchanged for Claude Code, VS Code and Codex, and for anything that is
    not an object or names an event idguard does not know: the decision then denies it as usual)."""
    if not isinstance(payload, dict) or MARK in payload or client not in ("cursor", "gemini"):
        return payload
    name = payload.get("hook_event_name") or payload.get("hookEventName")
    if client == "cursor":
        return _cursor(payload, CURSOR_EVENTS.get(_key(name)), _key(name))
    return _gemini(payload, GEMINI_EVENTS.get(_key(name)))


def _cursor(payload: dict[str, Any], event: str | None, native: str) -> dict[str, Any]:
    if event is None:
        return payload
    roots = payload.get("workspace_roots")
    root = roots[0] if isinstance(roots, list) and roots and isinstance(roots[0], str) else None
    cwd = payload.get("cwd") if isinstance(payload.get("cwd"), str) and payload.get("cwd") else root
    out: dict[str, Any] = {
        MARK: native,
        "hook_event_name": event,
        "session_id": payload.get("conversation_id"),
        "cwd": cwd,
    }
    if native == "beforeshellexecution":
        # Read as Claude Code's Bash; the same reading of the command decides (shell.py).
        out.update(tool_name="Bash", tool_input={"command": payload.get("command")})
    elif native == "beforemcpexecution":
        tool_input = payload.get("tool_input")
        if isinstance(tool_input, str):
            try:
                tool_input = json.loads(tool_input)
            except ValueError:
                pass
        tool = payload.get("tool_name")
        out.update(tool_name=CURSOR_MCP_PREFIX + tool if isinstance(tool, str) else None, tool_input=tool_input)
    elif native in ("beforereadfile", "afterfileedit"):
        out.update(file_path=payload.get("file_path"), content=payload.get("content"), edits=payload.get("edits"))
    elif native == "beforesubmitprompt":
        out["prompt"] = payload.get("prompt")
    elif native == "stop":
        # Cursor counts the follow-ups it already sent this turn: after one, do not loop the agent. A turn the
        # user aborted (or that failed) is not restarted with a follow-up either; the gate still judges the tree.
        loops = payload.get("loop_count")
        status = payload.get("status")
        out["stop_hook_active"] = (isinstance(loops, int) and loops > 0) or status not in (None, "completed")
    return out


def _gemini(payload: dict[str, Any], event: str | None) -> dict[str, Any]:
    if event is None:
        return payload
    out = {**payload, MARK: payload.get("hook_event_name"), "hook_event_name": event}
    tool_input = payload.get("tool_input")
    if not payload.get("tool_use_id") and isinstance(tool_input, dict) and isinstance(tool_input.get("command"), str):
        # BeforeTool and AfterTool carry no call id: the command keys the snapshot between them.
        out["tool_use_id"] = (
            "cmd-" + hashlib.sha256(tool_input["command"].encode("utf-8", "surrogatepass")).hexdigest()[:24]
        )
    return out


def normalise_raw(client: str, raw: str) -> str:
    """`normalise` on the payload text (the text unchanged when it is not JSON: the decision denies it)."""
    if client not in ("cursor", "gemini"):
        return raw
    try:
        payload = json.loads(raw)
    except ValueError:
        return raw
    normalised = normalise(client, payload)
    return raw if normalised is payload else json.dumps(normalised)
