"""Hook latency: `idguard hook claude-code` on a 300-line identity file against `bandit` on the same file.

The IDE hook runs on every file write, so it must start and decide fast. Each
tool runs as a subprocess (what the IDE does), several times; the median wall
times are printed. Cases for the hook: a Write of the file with a valid review
tag (allowed: tag and review-record lookup), the same content untagged (denied:
full guard pass), a tool call that writes nothing, and a Write of everyday code
(no identity signal). Each case runs cold (`IDGUARD_HOOK_SERVER=0`: a fresh
process imports and decides) and warm (the repository's hook server answers;
see server/hook/client.py and server.py). A shell command is always judged by the hook
process itself: its PreToolUse (read the command, snapshot the tree) and
PostToolUse (compare the tree) are timed too. Needs bandit (`pip install bandit`, on demand, not
a test dependency).

Run: .venv/bin/python benchmarks/hook_latency.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
TARGET_LINES = 300

BLOCK = """\

def grant_role_{n}(actor, user, role):
    if role not in ASSIGNABLE_ROLES:
        raise PermissionError("role cannot be assigned")
    if not actor.has_permission("roles.assign"):
        raise PermissionError("actor may not assign roles")
    user.roles.append(role)
    audit.record("grant", actor=actor.id, user=user.id, role=role)
    user.save()


def verify_token_{n}(token, jwks):
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)


def accept_invite_{n}(invite, user):
    if invite.used_at is not None or invite.expires_at < datetime.now(timezone.utc):
        raise PermissionError("invite expired or already used")
    invite.used_at = datetime.now(timezone.utc)
    invite.save()
"""
HEADER = '''\
"""Role grants, token verification and invitations (benchmark fixture)."""

from datetime import datetime, timezone

import jwt

from .audit import audit

ASSIGNABLE_ROLES = {"viewer", "editor"}
AUDIENCE = "api://orders"
ISSUER = "https://login.example.com/"
'''


def identity_file() -> str:
    text, n = HEADER, 0
    while text.count("\n") < TARGET_LINES:
        text += BLOCK.format(n=n)
        n += 1
    return "".join(text.splitlines(keepends=True)[:TARGET_LINES])


@dataclass(frozen=True)
class Command:
    argv: list[str]
    stdin: str | None = None
    env: dict[str, str] | None = None
    ok: tuple[int, ...] = (0,)


def interleaved_medians(commands: dict[str, Command], runs: int, cwd: Path) -> dict[str, float]:
    """Median wall time of each command, run round-robin so that other load on the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(runs + 1):  # round 0 warms the page cache and is not counted
        for name, command in commands.items():
            started = time.perf_counter()
            out = subprocess.run(
                command.argv, input=command.stdin, capture_output=True, text=True, cwd=cwd, env=command.env
            )
            elapsed = time.perf_counter() - started
            if out.returncode not in command.ok:
                raise SystemExit(f"{name}: exited {out.returncode}: {out.stderr[-500:]}")
            if round_number:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def payload(repo: Path, tool: str, tool_input: dict) -> str:
    return json.dumps(
        {
            "session_id": "bench",
            "cwd": str(repo),
            "hook_event_name": "PreToolUse",
            "tool_name": tool,
            "tool_input": tool_input,
            "tool_use_id": "toolu_bench",
        }
    )


def everyday_file() -> str:
    """300 lines of code with no identity signal (what most writes in an IDE look like)."""
    block = "\n\ndef total_{n}(rows):\n    result = 0\n    for row in rows:\n        result += row.amount\n    return result\n"
    text = "".join(block.format(n=n) for n in range(60))
    return "\n".join(text.splitlines()[:TARGET_LINES]) + "\n"


def server_status(repo: Path, env: dict[str, str]) -> dict | None:
    """The repository's hook server status, asked with the benchmark's socket directory."""
    probe = "import json, sys\nfrom idguard.server.hook.client import status\nprint(json.dumps(status(sys.argv[1])))"
    out = subprocess.run([sys.executable, "-c", probe, str(repo)], capture_output=True, text=True, env=env)
    return json.loads(out.stdout) if out.returncode == 0 else None


def start_server(hook: list[str], stdin: str, repo: Path, env: dict[str, str]) -> int:
    """One cold hook call starts the server; wait until it answers (it loads the engine first). Its pid."""
    subprocess.run(hook, input=stdin, capture_output=True, text=True, cwd=repo, env=env)
    deadline = time.monotonic() + 60
    while (status := server_status(repo, env)) is None:
        if time.monotonic() > deadline:
            raise SystemExit("the hook server did not start within 60 s")
        time.sleep(0.1)
    return status["pid"]


def stop_servers(repo: Path, env: dict[str, str]) -> None:
    status = server_status(repo, env)
    if status is not None:
        os.kill(status["pid"], signal.SIGTERM)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    bandit = shutil.which("bandit", path=str(BIN)) or shutil.which("bandit")
    if bandit is None:
        print("bandit is not installed: pip install bandit", file=sys.stderr)
        return 2
    from idguard.guards import check_code
    from idguard.guards.tags import apply_tag
    from idguard.server.review.store import Author, ReviewStore
    from idguard.server.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="idguard-hook-bench-") as tmp:
        repo = Path(tmp)
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        content = identity_file()
        path = repo / "app" / "access.py"
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
        workspace = Workspace(repo)
        result = check_code(content, "app/access.py", key=workspace.fingerprint_key())
        assert result.verdict == "review", result.verdict
        record = ReviewStore(workspace).create(result, "app/access.py", "benchmark", Author(email="dev@example.com"))
        tagged, _ = apply_tag(content, "python", record.id)

        hook = [str(BIN / "idguard"), "hook", "claude-code"]
        cases = {
            "Write, tagged (allow)": payload(repo, "Write", {"file_path": str(path), "content": tagged}),
            "Write, untagged (deny)": payload(repo, "Write", {"file_path": str(path), "content": content}),
            "Read (not a write)": payload(repo, "Read", {"file_path": str(path)}),
            "Write, everyday code (allow)": payload(
                repo, "Write", {"file_path": str(repo / "app" / "report.py"), "content": everyday_file()}
            ),
        }
        sockets = tempfile.mkdtemp(prefix="igb-", dir="/tmp")  # private (0700) and short enough for AF_UNIX
        cold_env = os.environ | {"IDGUARD_HOOK_SERVER": "0"}
        warm_env = os.environ | {"IDGUARD_HOOK_SERVER": "1", "IDGUARD_HOOK_SOCKET_DIR": sockets}
        print(
            f"{content.count(chr(10))}-line identity file, median of {args.runs} runs (wall time, subprocess, "
            "commands interleaved)"
        )
        commands = {f"hook cold: {name}": Command(hook, stdin, cold_env) for name, stdin in cases.items()}
        commands |= {f"hook warm: {name}": Command(hook, stdin, warm_env) for name, stdin in cases.items()}
        bash = {"command": "ls app", "description": "list"}
        bash_pre = payload(repo, "Bash", bash)
        bash_post = json.dumps(json.loads(bash_pre) | {"hook_event_name": "PostToolUse", "tool_response": {}})
        commands["hook: Bash PreToolUse (read + snapshot)"] = Command(hook, bash_pre, warm_env)
        commands["hook: Bash PostToolUse (compare)"] = Command(hook, bash_post, warm_env)
        commands["bandit -q FILE"] = Command([bandit, "-q", str(path)], ok=(0, 1))
        try:
            server_pid = start_server(hook, cases["Read (not a write)"], repo, warm_env)
            timings = interleaved_medians(commands, args.runs, repo)
            status = server_status(repo, warm_env)
        finally:
            stop_servers(repo, warm_env)
            shutil.rmtree(sockets, ignore_errors=True)
        if status is None or status["pid"] != server_pid:
            raise SystemExit("the hook server went away during the runs (code changed?): warm figures are not warm")
        served = status["requests"]
        for name, seconds in timings.items():
            print(f"  {name:<42} {seconds * 1000:8.0f} ms")
        print(f"  (warm: server pid {server_pid} answered {served} requests)")
        bandit_seconds = timings["bandit -q FILE"]
        for mode in ("cold", "warm"):
            ratio = timings[f"hook {mode}: Write, untagged (deny)"] / bandit_seconds
            print(f"  hook {mode} (deny, full guard pass) / bandit = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
