"""`idguard doctor`: prove the set-up is live, one line per check, exit 1 on any failure.

Checks are a small registry (`CHECKS`): each takes the workspace and returns
results. The hooks check finds every assistant `idguard init` configured (by its
files) and feeds each hook command that assistant's own payload for an untagged
identity write: it must answer with that assistant's deny, in time.
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
    parser = subparsers.add_parser(
        "doctor", help="prove the set-up is live: MCP server, hooks, signers, policy, trust ref"
    )
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
    from ..policy import load_effective_policy, policy_source

    effective = load_effective_policy(workspace)
    results = [
        Result("policy", True, f"profile {effective.policy.profile} from {policy_source(workspace) or 'defaults'}")
    ]
    if effective.floor is not None:
        floor = effective.floor
        results.append(
            Result("org floor", True, f"{floor.source} (sha256 {floor.digest[:12]}, named by {floor.named_by})")
        )
        # The gate fails on these (policy-loosens-floor): doctor says so before CI does.
        results += [Result("org floor", False, warning) for warning in effective.warnings()]
    return results


@check("signers")
def _signers(workspace, args) -> list[Result]:
    from ..review.signing import parse_public_key

    path = workspace.allowed_signers
    if not path.is_file():
        return [Result("signers", False, f"{path} is missing: add reviewers with `idguard init --reviewer`")]
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
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


MCP_CONFIGS = (
    (".mcp.json", "mcpServers"),
    (".vscode/mcp.json", "servers"),
    (".cursor/mcp.json", "mcpServers"),
    (".gemini/settings.json", "mcpServers"),
    (".codex/config.toml", "mcp_servers"),
)


def _server_entry(path: Path, key: str) -> object:
    if path.suffix == ".toml":
        import tomllib

        data = tomllib.loads(path.read_text(encoding="utf-8"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
    return (data.get(key) or {}).get("idguard")


@check("mcp")
def _mcp(workspace, args) -> list[Result]:
    results = []
    for rel, key in MCP_CONFIGS:
        path = workspace.root / rel
        if not path.is_file():
            continue
        entry = _server_entry(path, key)
        if not isinstance(entry, dict):
            if rel == ".gemini/settings.json":
                continue  # Gemini's settings hold much else; its hooks check says whether idguard is wired
            results.append(Result(f"mcp {rel}", False, "no idguard server configured"))
            continue
        results.append(_list_tools(f"mcp {rel}", workspace.root, entry["command"], entry.get("args", [])))
    return results or [
        Result(
            "mcp",
            False,
            "no MCP configuration (.mcp.json, .vscode/mcp.json, .cursor/mcp.json, "
            ".gemini/settings.json, .codex/config.toml): run `idguard init`",
        )
    ]


def _list_tools(name: str, root: Path, command: str, arguments: list[str]) -> Result:
    import anyio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    async def tools() -> list[str]:
        params = StdioServerParameters(command=command, args=arguments, cwd=str(root))
        with anyio.fail_after(60):
            async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
                await session.initialize()
                return [t.name for t in (await session.list_tools()).tools]

    started = time.monotonic()
    names = anyio.run(tools)
    ok = "guard_change" in names
    return Result(
        name,
        ok,
        f"`{command} {' '.join(arguments)}` started and lists {len(names)} tools "
        f"in {time.monotonic() - started:.1f}s" + ("" if ok else " (guard_change missing)"),
    )


# ---------------------------------------------------------------- hooks: each assistant's canary


def _group_commands(groups: object) -> list[tuple[str, float]]:
    """(command, timeout in seconds) of the idguard hooks in Claude-shaped groups."""
    found = []
    for group in groups if isinstance(groups, list) else []:
        for hook in (group.get("hooks") if isinstance(group, dict) else None) or []:
            if isinstance(hook, dict) and "idguard hook" in str(hook.get("command", "")):
                found.append((hook["command"], float(hook.get("timeout", 60))))
    return found


def _configured(workspace) -> dict[str, Path]:
    root = workspace.root
    found = {}
    if (root / ".claude/settings.json").is_file() or (root / ".mcp.json").is_file():
        found["claude-code"] = root / ".claude/settings.json"
    if (root / ".vscode/mcp.json").is_file():
        found["vscode"] = root / ".claude/settings.json"
    if (root / ".cursor/hooks.json").is_file() or (root / ".cursor/mcp.json").is_file():
        found["cursor"] = root / ".cursor/hooks.json"
    if (root / ".codex/hooks.json").is_file() or (root / ".codex/config.toml").is_file():
        found["codex"] = root / ".codex/hooks.json"
    gemini = root / ".gemini/settings.json"
    if gemini.is_file() and "idguard" in gemini.read_text(encoding="utf-8"):
        found["gemini"] = gemini
    return found


@check("hooks")
def _hooks(workspace, args) -> list[Result]:
    configured = _configured(workspace)
    if not configured:
        return [Result("hooks", False, "no assistant is configured: run `idguard init --assistant ...`")]
    results = []
    for client, path in configured.items():
        name = f"hook {client}"
        try:
            commands = _hook_commands(client, path)
        except (OSError, ValueError) as exc:
            results.append(Result(name, False, f"{path}: cannot read ({type(exc).__name__})"))
            continue
        if not commands:
            results.append(
                Result(
                    name, False, f"no idguard hook for file writes in {path}: run `idguard init --assistant {client}`"
                )
            )
            continue
        results.extend(_canary(name, workspace.root, command, timeout, client) for command, timeout in commands)
    return results


def _hook_commands(client: str, path: Path) -> list[tuple[str, float]]:
    """The idguard hook commands that judge file writes, for `client`'s configuration file."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    hooks = data.get("hooks") if isinstance(data, dict) else None
    if not isinstance(hooks, dict):
        return []
    if client == "cursor":
        return [
            (h["command"], 30.0)
            for h in hooks.get("afterFileEdit") or []
            if isinstance(h, dict) and "idguard hook" in str(h.get("command", ""))
        ]
    if client == "gemini":
        return [(command, timeout / 1000) for command, timeout in _group_commands(hooks.get("BeforeTool"))]
    return _group_commands(hooks.get("PreToolUse"))


def _canary_payload(client: str, root: Path, target: Path) -> dict:
    """An untagged identity write of CANARY to `target`, as `client` reports it."""
    if client == "cursor":
        return {
            "hook_event_name": "afterFileEdit",
            "conversation_id": "idguard-doctor",
            "generation_id": "doctor",
            "workspace_roots": [str(root)],
            "file_path": str(target),
            "edits": [{"old_string": "", "new_string": CANARY}],
        }
    if client == "codex":
        patch = (
            "*** Begin Patch\n*** Add File: "
            + str(target)
            + "\n"
            + "".join("+" + line + "\n" for line in CANARY.splitlines())
            + "*** End Patch"
        )
        return {
            "session_id": "idguard-doctor",
            "transcript_path": None,
            "cwd": str(root),
            "model": "doctor",
            "permission_mode": "default",
            "hook_event_name": "PreToolUse",
            "tool_name": "apply_patch",
            "tool_use_id": "idguard-doctor",
            "tool_input": {"command": patch},
        }
    if client == "gemini":
        return {
            "session_id": "idguard-doctor",
            "transcript_path": "",
            "cwd": str(root),
            "timestamp": "",
            "hook_event_name": "BeforeTool",
            "tool_name": "write_file",
            "tool_input": {"file_path": str(target), "content": CANARY},
        }
    if client == "vscode":
        return {
            "timestamp": "",
            "hook_event_name": "PreToolUse",
            "session_id": "idguard-doctor",
            "cwd": str(root),
            "tool_name": "create_file",
            "tool_input": {"filePath": str(target), "content": CANARY},
            "tool_use_id": "idguard-doctor",
        }
    return {
        "session_id": "idguard-doctor",
        "transcript_path": "",
        "cwd": str(root),
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(target), "content": CANARY},
    }


def _denied(client: str, stdout: str) -> bool:
    try:
        answer = json.loads(stdout)
        if client == "cursor":
            return answer["permission"] == "deny"
        if client == "gemini":
            return answer["decision"] == "deny"
        return answer["hookSpecificOutput"]["permissionDecision"] == "deny"
    except (ValueError, KeyError, TypeError):
        return False


def _canary(name: str, root: Path, command: str, timeout: float, client: str = "claude-code") -> Result:
    """Feed the assistant's own payload for a write of untagged identity code; the hook must deny it in time.

    Cursor reports writes only after they happened (afterFileEdit), so its canary file is written for the
    call, in a temporary folder inside the repository, and removed after."""
    import shutil
    import tempfile

    folder = (
        Path(tempfile.mkdtemp(prefix=".idguard-doctor-", dir=root))
        if client == "cursor"
        else root / "idguard_doctor_canary"
    )
    target = folder / "roles.py"
    try:
        if client == "cursor":
            target.write_text(CANARY, encoding="utf-8")
        payload = json.dumps(_canary_payload(client, root, target))
        started = time.monotonic()
        try:
            out = subprocess.run(
                ["sh", "-c", command], input=payload, capture_output=True, text=True, cwd=root, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return Result(name, False, f"`{command}` did not answer within {timeout:.0f}s")
        elapsed = time.monotonic() - started
    finally:
        if client == "cursor":
            shutil.rmtree(folder, ignore_errors=True)
    if out.returncode == 0 and _denied(client, out.stdout):
        return Result(name, True, f"`{command}` denied an untagged identity write in {elapsed:.1f}s")
    first = (out.stderr.strip().splitlines() or [""])[0][:160]
    return Result(
        name,
        False,
        f"`{command}` did not deny the canary (exit {out.returncode}"
        + (f": {first}" if first else "")
        + f"; {shlex.quote(command.split()[0])} must resolve)",
    )
