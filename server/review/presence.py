"""Is a human at the keyboard? The checks `idguard review approve|reject` makes before it signs.

Approval is a human act (separation of duties): an assistant may request a review, never decide one. The
command refuses to run

- without a controlling terminal (an assistant's shell tool runs commands with pipes, not a terminal);
- where an assistant's session announces itself in the environment (`CLAUDECODE`, `VSCODE_AGENT`,
  `CURSOR_AGENT`, `GEMINI_CLI`, `CODEX_SANDBOX`, ... and the proposed `AGENT` / `AI_AGENT`);
- as a descendant of a process that idguard's hook saw as an assistant (the hook records the assistant
  process that runs it, by pid and start time, in the per-user runtime directory).

These are speed bumps, not a boundary: a process running as the same user can fake a terminal and scrub its
environment. What an assistant cannot fake is a touch on a FIDO security key (policy
`review.require_security_key`) and, in CI, the gate's refusal of any approval by an author of the change.
"""

from __future__ import annotations

import json
import os
import sys

# Variables assistants set in the commands they run (documented by each tool, or seen in its source).
ASSISTANT_ENVIRONMENT = {
    "CLAUDECODE": "Claude Code",
    "VSCODE_AGENT": "VS Code agent mode",
    "CURSOR_AGENT": "Cursor agent",
    "GEMINI_CLI": "Gemini CLI",
    "CODEX_SANDBOX": "Codex CLI",
    "AUGMENT_AGENT": "Augment",
    "CLINE_ACTIVE": "Cline",
    "OPENCODE_CLIENT": "OpenCode",
    "TRAE_AI_SHELL_ID": "TRAE",
    "AGENT": "an AI coding agent (AGENT)",
    "AI_AGENT": "an AI coding agent (AI_AGENT)",
}
ASSISTANTS_FILE = "assistants.json"
MAX_RECORDED = 64
# Processes between a hook and the assistant that started it: shells and wrappers, never the assistant.
_WRAPPERS = {"sh", "bash", "dash", "zsh", "fish", "ksh", "env", "timeout", "nice", "nohup", "idguard", "uv", "npx"}
# Processes that host a human's shells: never recorded, so a hook run by hand cannot lock its own terminal out.
_TERMINAL_HOSTS = (
    "sshd",
    "tmux",
    "screen",
    "login",
    "systemd",
    "init",
    "su",
    "sudo",
    "xterm",
    "konsole",
    "kitty",
    "alacritty",
    "wezterm",
    "iterm",
    "terminal",
    "gnome-terminal",
    "ptyhost",
)


class NotAHuman(Exception):
    """The decision command runs where an assistant could be running it; the message says what was seen."""


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(command name, parent pid, start time in clock ticks) of a process, from /proc; None when unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read().decode("utf-8", "replace")
    except OSError:
        return None
    name_end = raw.rfind(")")
    fields = raw[name_end + 2 :].split()
    if name_end < 0 or len(fields) < 20:
        return None
    return raw[raw.find("(") + 1 : name_end], int(fields[1]), int(fields[19])


def ancestors(pid: int | None = None) -> list[tuple[int, str, int]]:
    """(pid, command name, start time) of each ancestor of `pid` (default: this process), nearest first."""
    found = []
    current = os.getppid() if pid is None else pid
    seen: set[int] = set()
    while current > 1 and current not in seen:
        seen.add(current)
        info = _stat(current)
        if info is None:
            break
        name, parent, started = info
        found.append((current, name, started))
        current = parent
    return found


def _assistants_path() -> str | None:
    from ..hook.client import socket_dir

    directory = socket_dir()
    return os.path.join(directory, ASSISTANTS_FILE) if directory else None


def _read_recorded(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return []
    return [entry for entry in data if isinstance(entry, dict)] if isinstance(data, list) else []


def record_hook_caller(client: str) -> None:
    """Called by `idguard hook`: remember the assistant process that runs hooks (the first ancestor that is not a
    shell or wrapper). Never raises; stdlib only, a millisecond."""
    try:
        path = _assistants_path()
        if path is None:
            return
        caller = next(((pid, name, started) for pid, name, started in ancestors() if name not in _WRAPPERS), None)
        if caller is None or caller[1].lower().startswith(_TERMINAL_HOSTS):
            return
        recorded = _read_recorded(path)
        if any(e.get("pid") == caller[0] and e.get("start") == caller[2] for e in recorded):
            return
        recorded.append({"pid": caller[0], "start": caller[2], "name": caller[1], "client": client})
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
            json.dump(recorded[-MAX_RECORDED:], handle)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - bookkeeping for a speed bump must never break the hook
        return


def _has_terminal() -> bool:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0)))
    except OSError:
        return False
    return True


def require_human(action: str) -> None:
    """Raise NotAHuman when `action` (approve, reject) is being run where an assistant may be running it."""
    announced = sorted({label for name, label in ASSISTANT_ENVIRONMENT.items() if os.environ.get(name)})
    if announced:
        raise NotAHuman(
            f"{action} is a human act, and this shell belongs to {', '.join(announced)}: run it in your "
            "own terminal, outside the assistant"
        )
    if not _has_terminal():
        raise NotAHuman(
            f"{action} is a human act and needs a terminal: run it yourself in an interactive shell "
            "(stdin and stdout must be a terminal)"
        )
    path = _assistants_path()
    if path is None:
        return
    recorded = {(e.get("pid"), e.get("start")): e for e in _read_recorded(path)}
    for pid, name, started in ancestors():
        entry = recorded.get((pid, started))
        if entry is not None:
            raise NotAHuman(
                f"{action} is a human act, and this command runs inside {name} (pid {pid}), which "
                f"runs idguard's {entry.get('client', 'assistant')} hooks: run it in your own terminal"
            )
