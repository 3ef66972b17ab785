"""`idguard hook CLIENT`: the IDE hook command (Claude Code, VS Code, Cursor, Codex CLI, Gemini CLI).

Reads one hook payload (JSON) on stdin. `PreToolUse` for file writes: deny
identity code with blocking findings or without a review tag from
`guard_change`; for shell commands: deny human acts and writes under
`.idguard/`, and snapshot the tree; `PostToolUse` after a shell command: block
on what it changed; `Stop`: do not end the turn over untagged identity
changes; `UserPromptSubmit`: block prompts that contain credentials. Allow is
silent (exit 0, no output); deny is the documented hook JSON. The event comes
from `hook_event_name` unless `--event` names it. Cursor's and Gemini CLI's
payloads are first read into Claude Code's shape (server/hook/clients.py), and
the answer is written as each assistant reads it.

File writes and prompts are asked of the repository's warm hook server when
one runs (server/hook/server.py: same answer, without loading the engine
again); else they are decided here and a server is started for the next call.
Shell commands, PostToolUse and Stop are always decided here: they are the
backstop for a server that is not what it claims. See docs/ide-hooks.md.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..hook.answers import timeout_answer
from ..hook.clients import CLIENTS, normalise_raw

EVENTS = {
    "pre-tool-use": "PreToolUse",
    "post-tool-use": "PostToolUse",
    "user-prompt-submit": "UserPromptSubmit",
    "stop": "Stop",
    "subagent-stop": "SubagentStop",
}
# Well below Claude Code's default hook timeout (60 s), past which the IDE lets the write through.
HOOK_TIMEOUT_SECONDS = 20.0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "hook",
        help="IDE hook: judge an assistant's file write or a prompt (JSON on stdin)",
        description="Assistant hook (Claude Code, VS Code, Cursor, Codex CLI, Gemini CLI). Reads the hook payload "
        "on stdin; prints the assistant's documented deny JSON, or its allow (nothing in Claude Code's format).",
    )
    parser.add_argument(
        "client",
        choices=CLIENTS,
        help="the assistant sending the payload (its payload and answer format; the name goes to the audit log)",
    )
    parser.add_argument("--event", choices=sorted(EVENTS), help="hook event (default: the payload's hook_event_name)")
    parser.set_defaults(func=run)


def parse_fast(argv: list[str]) -> argparse.Namespace | None:
    """`hook CLIENT [--event EVENT]` parsed without building the whole CLI (that imports every command).

    None for anything else (help, a typo): the full parser then answers as usual.
    """
    client, event, rest = None, None, list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--event" and rest:
            event = rest.pop(0)
        elif word.startswith("--event="):
            event = word.split("=", 1)[1]
        elif client is None and not word.startswith("-"):
            client = word
        else:
            return None
    if client not in CLIENTS or (event is not None and event not in EVENTS):
        return None
    return argparse.Namespace(command="hook", client=client, event=event, func=run)


def run(args: argparse.Namespace) -> int:
    """Ask the repository's warm hook server; without one, decide in-process and start one for next time."""
    import io
    import os
    import time

    from ..hook import answers as hook_answers
    from ..hook import client as hook_server
    from ..hook import watchdog
    from ..review import presence

    # The process that runs hooks is the assistant: `review approve` refuses to run beneath it.
    presence.record_hook_caller(args.client)
    forced = EVENTS[args.event] if args.event else None
    event = forced or hook_answers.PRE_TOOL_USE
    limit = float(os.environ.get("IDGUARD_HOOK_TIMEOUT", HOOK_TIMEOUT_SECONDS))
    started = time.monotonic()
    # The deadline covers everything: reading stdin, the server's answer, or the in-process decision.
    watchdog.arm(limit, timeout_answer(event, args.client))
    try:
        raw = sys.stdin.read()
    except Exception as exc:  # noqa: BLE001 - run_hook turns an unreadable input into its usual deny
        from ..hook.decide import run_hook

        return run_hook(_Unreadable(exc), sys.stdout, sys.stderr, client=args.client, forced_event=forced)  # type: ignore[arg-type]  # _Unreadable stands in for stdin: run_hook only calls its read()
    raw = normalise_raw(args.client, raw)  # Cursor's and Gemini's payloads in Claude Code's shape
    payload_event = hook_answers.payload_event(raw, forced)
    if payload_event != event:  # the timeout answer must be the one this event's IDE reads
        event = payload_event
        watchdog.arm(max(0.1, limit - (time.monotonic() - started)), timeout_answer(event, args.client))
    if not hook_answers.decided_in_process(raw):
        try:
            return _write(*hook_server.ask(raw, args.client, forced, limit))
        except hook_server.BadAnswer:
            return _write(json.dumps(timeout_answer(event, args.client)) + "\n", "", 0)  # fail closed
        except hook_server.Impostor:
            pass  # decided here; a server started now could not bind the socket the impostor holds
        except hook_server.NoServer:
            hook_server.start_in_background(raw)
    from ..hook.decide import run_hook

    return run_hook(io.StringIO(raw), sys.stdout, sys.stderr, client=args.client, forced_event=forced)


def _write(stdout: str, stderr: str, code: int) -> int:
    try:
        sys.stdout.write(stdout)
        sys.stdout.flush()
        sys.stderr.write(stderr)
    except Exception:  # noqa: BLE001 - as run_hook: an answer that cannot be written is a block (exit 2)
        return 2
    return code


class _Unreadable:
    """Stands in for a stdin whose read failed, so run_hook denies exactly as when it reads it itself."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def read(self) -> str:
        raise self.error
