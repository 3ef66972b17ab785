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
    """Deny when the hook runs too long, before the IDE's own hook timeout (which lets the write through).

    A timer thread answers with the deny JSON while Python code is running; if native code holds the
    interpreter (a parser, a regular expression), faulthandler ends the process with status 1 a little
    later, which the hook command's `|| exit 2` turns into a block.
    """
    import faulthandler
    import json
    import os
    import threading

    limit = float(os.environ.get("IDGUARD_HOOK_TIMEOUT", HOOK_TIMEOUT_SECONDS))

    def deny() -> None:
        reason = f"idguard hook took longer than {limit:g} s (IDGUARD_HOOK_TIMEOUT); denied to fail closed."
        if event == "UserPromptSubmit":
            answer = {"decision": "block", "reason": reason, "continue": False, "stopReason": reason}
        else:
            answer = {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny",
                                             "permissionDecisionReason": reason}}
        try:
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
        finally:
            os._exit(0)

    timer = threading.Timer(limit, deny)
    timer.daemon = True
    timer.start()
    devnull = open(os.devnull, "w")  # noqa: SIM115 - must stay open for faulthandler until exit
    faulthandler.dump_traceback_later(limit + 2, exit=True, file=devnull)
