"""`idguard hook claude-code`: the IDE hook command (Claude Code and VS Code agent hooks).

Reads one hook payload (JSON) on stdin. `PreToolUse` for file writes: deny
identity code with blocking findings or without a review tag from
`guard_change`; `UserPromptSubmit`: block prompts that contain credentials.
Allow is silent (exit 0, no output); deny is the documented hook JSON. The
event comes from `hook_event_name` unless `--event` names it. See
docs/ide-hooks.md.
"""

from __future__ import annotations

import argparse
import sys

EVENTS = {"pre-tool-use": "PreToolUse", "user-prompt-submit": "UserPromptSubmit"}
# Well below Claude Code's default hook timeout (60 s), past which the IDE lets the write through.
HOOK_TIMEOUT_SECONDS = 20.0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "hook",
        help="IDE hook: judge an assistant's file write or a prompt (JSON on stdin)",
        description="Claude Code / VS Code agent hook. Reads the hook payload on stdin; prints the documented "
        "deny JSON, or nothing to allow.",
    )
    parser.add_argument(
        "client",
        choices=("claude-code", "vscode"),
        help="the IDE sending the payload (both use Claude Code's hook JSON; the name goes to the audit log)",
    )
    parser.add_argument("--event", choices=sorted(EVENTS), help="hook event (default: the payload's hook_event_name)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .hooks import run_hook

    forced = EVENTS[args.event] if args.event else None
    _start_watchdog(forced or "PreToolUse")
    return run_hook(sys.stdin, sys.stdout, sys.stderr, client=args.client, forced_event=forced)


def _start_watchdog(event: str) -> None:
    """Deny before the IDE's own hook timeout, which lets the write through (see server/watchdog.py).

    The hook tightens this to the policy's `limits.guard_timeout_seconds` once it has read the policy.
    """
    import os

    from . import watchdog

    limit = float(os.environ.get("IDGUARD_HOOK_TIMEOUT", HOOK_TIMEOUT_SECONDS))
    reason = "idguard hook ran out of time (IDGUARD_HOOK_TIMEOUT or limits.guard_timeout_seconds); denied to fail closed."
    if event == "UserPromptSubmit":
        answer = {"decision": "block", "reason": reason, "continue": False, "stopReason": reason}
    else:
        answer = {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny",
                                         "permissionDecisionReason": reason}}
    watchdog.arm(limit, answer)
