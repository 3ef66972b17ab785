"""`idguard init`: set up a repository for idguard in one command.

Writes, or merges into what is already there without touching other entries:

- `.idguard/policy.toml` for the chosen profile, `.idguard/allowed_signers`
  (from `--reviewer`), `.idguard/.gitignore` (local state stays out of git);
- `.mcp.json` and the `PreToolUse` / `PostToolUse` / `UserPromptSubmit` / `Stop` hooks in
  `.claude/settings.json` for Claude Code (VS Code reads those hooks too);
- `.vscode/mcp.json` for VS Code Copilot;
- a `.pre-commit-config.yaml` entry running `idguard check`.

Idempotent: a second run changes nothing. A file that exists but cannot be
merged (invalid JSON or YAML, an unexpected shape) is left alone and the
command stops with exit 2 and says which file.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILES = ("standard", "agentic", "regulated", "legacy")
SERVER_NAME = "idguard"
# `|| exit 2`: if idguard itself cannot start (not installed, broken venv), the shell turns the
# failure into exit 2, which Claude Code and VS Code treat as a block: the hook fails closed.
HOOK_COMMAND = "idguard hook claude-code || exit 2"
HOOK_TIMEOUT_SECONDS = 30
WRITE_MATCHER = "Write|Edit|MultiEdit|Bash"
SHELL_MATCHER = "Bash"
MCP_STDIO = {"command": "idguard", "args": ["serve"]}
PRE_COMMIT_HOOK_ID = "idguard"
PRE_COMMIT_ENTRY = """\
  - repo: local
    hooks:
      - id: idguard
        name: idguard (identity guards)
        entry: idguard check
        language: system
        types: [text]
"""

POLICY_TEMPLATE = """\
# idguard policy (policy as code: review changes to this file like code).
# Profiles: standard (human-facing workflows), agentic (short-lived credentials, JIT access),
# regulated (evidence and mandatory approvals), legacy (manual approval for every identity diff).
# Keys below override the profile's defaults, e.g.
#   block_threshold = "high"
#   [limits]
#   max_access_token_ttl_seconds = 900
#   [guards.IDG101]
#   severity = "critical"
profile = "{profile}"
"""


class InitError(Exception):
    """A file that cannot be merged safely; nothing was written to it."""


@dataclass
class Change:
    path: str
    action: str  # created | updated | unchanged | kept


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="set up idguard in this repository (policy, signers, MCP and hook config for Claude Code and VS Code)",
    )
    parser.add_argument("--profile", choices=PROFILES, help="policy profile for a new .idguard/policy.toml "
                        "(default: standard; an existing policy keeps its own)")
    parser.add_argument("--reviewer", action="append", default=[], metavar="'EMAIL KEYTYPE KEY'",
                        help="a human reviewer and their SSH public key, e.g. 'ana@example.com ssh-ed25519 AAAA...' "
                        "(repeatable); added to .idguard/allowed_signers")
    parser.add_argument("--workspace", help="repository root (default: git top level of the current folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .cli import CliError
    from .workspace import Workspace

    workspace = Workspace(Path(args.workspace).resolve()) if args.workspace else Workspace.discover()
    if not workspace.root.is_dir():
        raise CliError(f"--workspace {args.workspace}: not a folder")
    try:
        changes = initialise(workspace.root, args.profile, args.reviewer)
    except InitError as exc:
        raise CliError(str(exc)) from None
    width = max(len(c.action) for c in changes)
    for change in changes:
        print(f"{change.action:<{width}}  {change.path}")
    print("Next: commit these files; reviewers approve with `idguard review approve <id>`; see docs/ide-hooks.md.")
    return 0


def initialise(root: Path, profile: str | None, reviewers: list[str]) -> list[Change]:
    signer_lines = [_signer_line(r) for r in reviewers]  # validate everything before writing anything
    plans = [
        (".idguard/policy.toml", lambda text: _policy(text, profile)),
        (".idguard/allowed_signers", lambda text: _signers(text, signer_lines)),
        (".idguard/.gitignore", _state_gitignore),
        (".mcp.json", lambda text: _json_merge(text, ".mcp.json", _add_claude_server)),
        (".claude/settings.json", lambda text: _json_merge(text, ".claude/settings.json", _add_claude_hooks)),
        (".vscode/mcp.json", lambda text: _json_merge(text, ".vscode/mcp.json", _add_vscode_server)),
        (".pre-commit-config.yaml", _pre_commit),
    ]
    # Compute every new text first, so one unmergeable file stops the run before anything is written.
    results: list[tuple[Path, str | None, str]] = []
    for rel, plan in plans:
        path = root / rel
        current = _read(path, rel)
        results.append((path, current, plan(current)))
    changes = []
    for (path, current, new), (rel, _) in zip(results, plans):
        if new == current:
            changes.append(Change(rel, "unchanged"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
        changes.append(Change(rel, "created" if current is None else "updated"))
    return changes


def _read(path: Path, rel: str) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InitError(f"{rel}: cannot read ({type(exc).__name__}); fix or remove it and run again") from None


# ---------------------------------------------------------------- .idguard/


def _policy(text: str | None, profile: str | None) -> str:
    if text is None:
        return POLICY_TEMPLATE.format(profile=profile or "standard")
    import tomllib

    try:
        existing = tomllib.loads(text).get("profile", "standard")
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f".idguard/policy.toml: not valid TOML ({exc}); fix it and run again") from None
    if profile is not None and existing != profile:
        raise InitError(
            f".idguard/policy.toml already uses profile {existing!r}; change `profile` there by hand "
            f"(a policy change is reviewed like code) or run without --profile"
        )
    return text


def _signer_line(reviewer: str) -> str:
    from .signing import SigningError, parse_public_key

    parts = reviewer.split()
    if len(parts) < 3 or "@" not in parts[0]:
        raise InitError(f"--reviewer {reviewer[:60]!r}: expected 'EMAIL KEYTYPE BASE64KEY [comment]'")
    try:
        parse_public_key(f"{parts[1]} {parts[2]}")
    except SigningError as exc:
        raise InitError(f"--reviewer for {parts[0]}: {exc}") from None
    # namespaces= limits the key to idguard signatures (ssh-keygen -Y verify -n idguard).
    return f'{parts[0]} namespaces="idguard" {parts[1]} {parts[2]}'


_KEY = re.compile(r"(?:ssh|ecdsa|sk)-\S+[ \t]+[A-Za-z0-9+/]+=*")


def _signers(text: str | None, lines: list[str]) -> str:
    if text is None and not lines:
        return "# idguard reviewers (OpenSSH allowed_signers): EMAIL namespaces=\"idguard\" KEYTYPE KEY\n"
    text = text or ""
    present = {(line.split()[0], key) for line in text.splitlines() if not line.startswith("#")
               for key in _KEY.findall(line)[:1]}
    added = [line for line in lines if (line.split()[0], _KEY.findall(line)[0]) not in present]
    if not added:
        return text
    return text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(dict.fromkeys(added)) + "\n"


def _state_gitignore(text: str | None) -> str:
    from .workspace import STATE_GITIGNORE

    if text is None:
        return STATE_GITIGNORE
    if any(line.strip() in ("state/", "state", "/state/", "/state") for line in text.splitlines()):
        return text
    return text + ("" if text.endswith("\n") or not text else "\n") + "state/\n"


# ---------------------------------------------------------------- JSON client configuration


def _json_merge(text: str | None, rel: str, add) -> str:
    if text is None or not text.strip():
        data: dict[str, Any] = {}
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InitError(
                f"{rel}: not valid JSON (line {exc.lineno}: {exc.msg}); idguard will not overwrite it. "
                "Fix it (comments are not JSON) and run again"
            ) from None
        if not isinstance(data, dict):
            raise InitError(f"{rel}: expected a JSON object at the top level; idguard will not overwrite it")
    before = json.dumps(data, sort_keys=True)
    add(data, rel)
    if text is not None and json.dumps(data, sort_keys=True) == before:
        return text
    return json.dumps(data, indent=2) + "\n"


def _object(parent: dict[str, Any], key: str, rel: str, kind: type = dict) -> Any:
    value = parent.setdefault(key, kind())
    if not isinstance(value, kind):
        raise InitError(f"{rel}: `{key}` is not a JSON {'object' if kind is dict else 'array'}; fix it and run again")
    return value


def _add_claude_server(data: dict[str, Any], rel: str) -> None:
    servers = _object(data, "mcpServers", rel)
    servers.setdefault(SERVER_NAME, {"type": "stdio", **MCP_STDIO})


def _add_vscode_server(data: dict[str, Any], rel: str) -> None:
    servers = _object(data, "servers", rel)
    servers.setdefault(SERVER_NAME, {"type": "stdio", **MCP_STDIO})


def _has_idguard_hook(groups: list[Any]) -> bool:
    return any(
        isinstance(hook, dict) and "idguard hook" in str(hook.get("command", ""))
        for group in groups if isinstance(group, dict)
        for hook in group.get("hooks", []) if isinstance(group.get("hooks"), list)
    )


def _add_claude_hooks(data: dict[str, Any], rel: str) -> None:
    hooks = _object(data, "hooks", rel)
    command = {"type": "command", "command": HOOK_COMMAND, "timeout": HOOK_TIMEOUT_SECONDS}
    pre_tool_use = _object(hooks, "PreToolUse", rel, list)
    if not _has_idguard_hook(pre_tool_use):
        pre_tool_use.append({"matcher": WRITE_MATCHER, "hooks": [dict(command)]})
    post_tool_use = _object(hooks, "PostToolUse", rel, list)
    if not _has_idguard_hook(post_tool_use):
        # After a shell command: judge what it changed in the tree (a command is not judged by its text alone).
        post_tool_use.append({"matcher": SHELL_MATCHER, "hooks": [dict(command)]})
    for event in ("UserPromptSubmit", "Stop"):
        groups = _object(hooks, event, rel, list)
        if not _has_idguard_hook(groups):
            groups.append({"hooks": [dict(command)]})


# ---------------------------------------------------------------- pre-commit


def _pre_commit(text: str | None) -> str:
    import yaml

    if text is None or not text.strip():
        return "repos:\n" + PRE_COMMIT_ENTRY
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InitError(f".pre-commit-config.yaml: not valid YAML ({str(exc).splitlines()[0]}); fix it and run again") from None
    if not isinstance(data, dict) or not isinstance(data.get("repos"), list):
        raise InitError(".pre-commit-config.yaml: expected a top-level `repos:` list; add the idguard hook by hand:\n"
                        + PRE_COMMIT_ENTRY)
    if any(isinstance(hook, dict) and hook.get("id") == PRE_COMMIT_HOOK_ID
           for repo in data["repos"] if isinstance(repo, dict) for hook in repo.get("hooks") or []):
        return text
    # Append as text so the file's comments and layout stay; re-parse to prove the merge is right.
    indent = _list_indent(text)
    entry = "".join(indent + line[2:] if line.strip() else line for line in PRE_COMMIT_ENTRY.splitlines(keepends=True))
    merged = text + ("" if text.endswith("\n") else "\n") + entry
    try:
        reparsed = yaml.safe_load(merged)
    except yaml.YAMLError:
        reparsed = None
    if not isinstance(reparsed, dict) or reparsed.get("repos", [])[:-1] != data["repos"] or \
            {k: v for k, v in reparsed.items() if k != "repos"} != {k: v for k, v in data.items() if k != "repos"}:
        raise InitError(".pre-commit-config.yaml: `repos:` is not the last block, so idguard cannot append safely; "
                        "add this entry under `repos:` by hand:\n" + PRE_COMMIT_ENTRY)
    return merged


def _list_indent(text: str) -> str:
    match = re.search(r"^repos:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)-", text, re.MULTILINE)
    return match.group(1) if match else "  "
