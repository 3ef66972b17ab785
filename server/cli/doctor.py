"""`idguard doctor`: prove the set-up is live, one line per check, exit 1 on any failure.

Checks are a small registry (`CHECKS`): each takes the workspace and returns
results; other assistants' hook checks register with `@check`.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

CANARY = "def grant_role(actor, user, role):\n    user.roles.add(role)\n    user.permissions.update(role.permissions)\n"


@dataclass
class Result:
    check: str
    ok: bool
    detail: str


CHECKS: list[tuple[str, Callable]] = []


def check(name: str) -> Callable:
    def register_check(func: Callable) -> Callable:
        CHECKS.append((name, func))
        return func
    return register_check


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="prove the set-up is live: MCP server, hooks, signers, policy, "
                                   "trust ref")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--trust-ref", help="the ref the gate trusts (default: origin/HEAD, main or master)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    workspace = Workspace.discover()
    results: list[Result] = []
    for name, func in CHECKS:
        try:
            results.extend(func(workspace, args))
        except Exception as exc:  # noqa: BLE001 - a broken check is a failed check, one line
            from ..errors import describe

            results.append(Result(name, False, describe(exc)))
    if args.format == "json":
        print(json.dumps({"ok": all(r.ok for r in results), "checks": [asdict(r) for r in results]}, indent=2))
    else:
        for r in results:
            print(f"{'ok  ' if r.ok else 'FAIL'}  {r.check}: {r.detail}")
    return 0 if all(r.ok for r in results) else 1


@check("policy")
def _policy(workspace, args) -> list[Result]:
    from ..policy import load_policy, policy_source

    policy = load_policy(workspace)
    return [Result("policy", True, f"profile {policy.profile} from {policy_source(workspace) or 'defaults'}")]


@check("signers")
def _signers(workspace, args) -> list[Result]:
    from ..review.signing import parse_public_key

    path = workspace.allowed_signers
    if not path.is_file():
        return [Result("signers", False, f"{path} is missing: add reviewers with `idguard init --reviewer`")]
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    for number, line in enumerate(lines, 1):
        parts = line.split()
        key = next((i for i, p in enumerate(parts) if p.startswith(("ssh-", "ecdsa-", "sk-"))), None)
        if key is None or key + 1 >= len(parts):
            return [Result("signers", False, f"{path}: entry {number} has no public key")]
        parse_public_key(f"{parts[key]} {parts[key + 1]}")
    if not lines:
        return [Result("signers", False, f"{path} lists no reviewer: nobody can approve")]
    return [Result("signers", True, f"{len(lines)} reviewer key{'s' if len(lines) != 1 else ''} in {path}")]


@check("trust-ref")
def _trust_ref(workspace, args) -> list[Result]:
    from .. import git

    base = git.resolve_base(workspace.root, args.trust_ref)
    return [Result("trust-ref", True, f"{base.ref} resolves to {base.commit[:12]}")]


@check("mcp")
def _mcp(workspace, args) -> list[Result]:
    results = []
    for rel, key in ((".mcp.json", "mcpServers"), (".vscode/mcp.json", "servers")):
        path = workspace.root / rel
        if not path.is_file():
            continue
        entry = (json.loads(path.read_text(encoding="utf-8")).get(key) or {}).get("idguard")
        if not isinstance(entry, dict):
            results.append(Result(f"mcp {rel}", False, "no idguard server configured"))
            continue
        results.append(_list_tools(f"mcp {rel}", workspace.root, entry["command"], entry.get("args", [])))
    return results or [Result("mcp", False, "no .mcp.json or .vscode/mcp.json: run `idguard init`")]


def _list_tools(name: str, root: Path, command: str, arguments: list[str]) -> Result:
    import anyio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    async def tools() -> list[str]:
        params = StdioServerParameters(command=command, args=arguments, cwd=str(root))
        with anyio.fail_after(60):
            async with stdio_client(params) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return [t.name for t in (await session.list_tools()).tools]

    started = time.monotonic()
    names = anyio.run(tools)
    ok = "guard_change" in names
    return Result(name, ok, f"`{command} {' '.join(arguments)}` started and lists {len(names)} tools "
                  f"in {time.monotonic() - started:.1f}s" + ("" if ok else " (guard_change missing)"))


@check("hook claude-code")
def _claude_hooks(workspace, args) -> list[Result]:
    path = workspace.root / ".claude/settings.json"
    if not path.is_file():
        return [Result("hook claude-code", False, f"{path} missing: run `idguard init`")]
    groups = (json.loads(path.read_text(encoding="utf-8")).get("hooks") or {}).get("PreToolUse") or []
    hooks = [h for g in groups for h in g.get("hooks", []) if "idguard hook" in str(h.get("command", ""))]
    if not hooks:
        return [Result("hook claude-code", False, "no idguard PreToolUse hook in .claude/settings.json")]
    return [_canary("hook claude-code", workspace.root, h["command"], float(h.get("timeout", 60))) for h in hooks]


def _canary(name: str, root: Path, command: str, timeout: float) -> Result:
    """Feed a Claude Code PreToolUse Write of untagged identity code; the hook must deny it in time."""
    target = root / "idguard_doctor_canary" / "roles.py"
    payload = json.dumps({"session_id": "idguard-doctor", "transcript_path": "", "cwd": str(root),
                          "hook_event_name": "PreToolUse", "tool_name": "Write",
                          "tool_input": {"file_path": str(target), "content": CANARY}})
    started = time.monotonic()
    try:
        out = subprocess.run(["sh", "-c", command], input=payload, capture_output=True, text=True, cwd=root,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return Result(name, False, f"`{command}` did not answer within {timeout:.0f}s")
    elapsed = time.monotonic() - started
    try:
        decision = json.loads(out.stdout)["hookSpecificOutput"]["permissionDecision"]
    except (ValueError, KeyError, TypeError):
        decision = None
    if out.returncode == 0 and decision == "deny":
        return Result(name, True, f"`{command}` denied an untagged identity write in {elapsed:.1f}s")
    first = (out.stderr.strip().splitlines() or [""])[0][:160]
    return Result(name, False, f"`{command}` did not deny the canary (exit {out.returncode}"
                  + (f": {first}" if first else "") + f"; {shlex.quote(command.split()[0])} must resolve)")
