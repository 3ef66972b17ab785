"""`idguard init`: set up a repository for idguard in one command.

One module because each assistant's configuration format is merged the same careful way (compute every
new text first, write nothing if one file cannot be merged); the formats are small tables here.

Writes, or merges into what is already there without touching other entries:

- `.idguard/policy.toml` for the chosen profile, `.idguard/allowed_signers`
  (from `--reviewer`), `.idguard/.gitignore` (local state stays out of git);
- for each `--assistant` (default: claude-code,vscode) its MCP server entry and hooks:
  Claude Code `.mcp.json` and the `PreToolUse` / `PostToolUse` / `UserPromptSubmit` / `Stop` hooks in
  `.claude/settings.json` (VS Code reads those hooks too); VS Code `.vscode/mcp.json` (and the same hooks);
  Cursor `.cursor/mcp.json` and `.cursor/hooks.json`; Codex CLI `.codex/config.toml` (`[mcp_servers.idguard]`)
  and `.codex/hooks.json`; Gemini CLI `.gemini/settings.json` (`mcpServers` and `hooks`);
- a `.pre-commit-config.yaml` entry running `idguard check`.

Idempotent: a second run changes nothing. A file that exists but cannot be
merged (invalid JSON or YAML, an unexpected shape) is left alone and the
command stops with exit 2 and says which file.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILES = ("standard", "agentic", "regulated", "legacy")
SERVER_NAME = "idguard"
HOOK_COMMAND = "idguard hook claude-code || exit 2"  # with the bare name; see hook_command()
HOOK_TIMEOUT_SECONDS = 30
ASSISTANTS = ("claude-code", "vscode", "cursor", "codex", "gemini")
DEFAULT_ASSISTANTS = ("claude-code", "vscode")
CURSOR_EVENTS = (
    "beforeShellExecution",
    "beforeMCPExecution",
    "beforeReadFile",
    "afterFileEdit",
    "beforeSubmitPrompt",
    "stop",
)
CODEX_WRITE_MATCHER = "Bash|apply_patch"
GEMINI_TOOL_MATCHER = "write_file|replace|run_shell_command"
GEMINI_SHELL_MATCHER = "run_shell_command"
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
        help="set up idguard in this repository (policy, signers, MCP and hook config for each assistant)",
    )
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        help="policy profile for a new .idguard/policy.toml (default: standard; an existing policy keeps its own)",
    )
    parser.add_argument(
        "--reviewer",
        action="append",
        default=[],
        metavar="'EMAIL KEYTYPE KEY'",
        help="a human reviewer and their SSH public key, e.g. 'ana@example.com ssh-ed25519 AAAA...' "
        "(repeatable); added to .idguard/allowed_signers",
    )
    parser.add_argument(
        "--workspace",
        help="repository root (default: the current folder, which must be the top level of a git work tree)",
    )
    parser.add_argument(
        "--assistant",
        metavar="NAMES",
        default=",".join(DEFAULT_ASSISTANTS),
        help=f"comma-separated assistants to configure, of {', '.join(ASSISTANTS)} (default: "
        f"{','.join(DEFAULT_ASSISTANTS)})",
    )
    parser.add_argument(
        "--command",
        metavar="IDGUARD",
        help="the idguard command the configuration runs (default: "
        "`idguard` when PATH finds this executable, else its absolute path)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .main import CliError

    assistants = parse_assistants(args.assistant)
    root = repository_root(Path(args.workspace) if args.workspace else Path.cwd())
    command = resolve_command(args.command)
    try:
        changes = initialise(root, args.profile, args.reviewer, command=command.value, assistants=assistants)
    except InitError as exc:
        raise CliError(str(exc)) from None
    width = max(len(c.action) for c in changes)
    for change in changes:
        print(f"{change.action:<{width}}  {root / change.path}")
    print(command.note)
    written = " ".join(shlex.quote(str(c.path)) for c in changes if c.action in ("created", "updated"))
    print(
        f"Next: commit these files to the default branch (see Adopting idguard in {docs_path('review.md')}), "
        f'or adopt through a pull request: `idguard review request {written} --intent "adopt idguard"`, '
        "a reviewer approves, and the gate runs with --bootstrap. "
        f"Check the set-up with `idguard doctor`; hooks: {docs_path('ide-hooks.md')}."
    )
    return 0


def repository_root(folder: Path) -> Path:
    """The git work tree `folder` is the top level of; CliError (exit 2) otherwise.

    init writes only inside a repository and never above the folder it was given: run in a folder that is
    not a repository (even one below another repository or a home folder), it refuses rather than write
    into the parent's `.claude/settings.json` (in a home folder: Claude Code's user-wide settings)."""
    import subprocess

    from .main import CliError

    folder = folder.resolve()
    if not folder.is_dir():
        raise CliError(f"{folder}: not a folder")
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CliError(f"cannot run git in {folder} ({type(exc).__name__}); idguard init needs git") from None
    top = Path(out.stdout.strip()).resolve() if out.returncode == 0 and out.stdout.strip() else None
    if top is None:
        raise CliError(
            f"{folder} is not inside a git work tree; run `git init` there first (idguard init writes "
            "only inside a repository)"
        )
    if top != folder:
        raise CliError(
            f"{folder} is not the top level of its git repository ({top}); run idguard init in {top}, "
            f"or `git init` {folder} to make it a repository of its own"
        )
    if top == Path.home().resolve():
        raise CliError(
            f"{folder} is your home folder: idguard init would write Claude Code's user-wide settings "
            "there; run it in a project repository"
        )
    return top


@dataclass
class Command:
    value: str  # what the configuration runs: the bare name or an absolute path
    note: str


def running_executable() -> Path | None:
    """The `idguard` executable of this process (the console script, or the one next to this Python)."""
    import sys

    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == "idguard" and argv0.exists():
        return argv0.absolute()
    beside = Path(sys.executable).with_name("idguard")
    return beside.absolute() if beside.exists() else None


def resolve_command(explicit: str | None) -> Command:
    """The `idguard` command the configuration runs. The bare name only when PATH finds this very executable;
    else its absolute path, so a missing PATH entry (a `.venv` not activated) cannot make every hook fail."""
    import os
    import shutil

    from .main import CliError

    if explicit:
        found = shutil.which(explicit)
        if found is None:
            raise CliError(f"--command {explicit}: not found or not executable")
        value = explicit if os.sep not in explicit else str(Path(explicit).absolute())
        return Command(value, f"configured command: {value} (resolves to {Path(found).resolve()})")
    own = running_executable()
    if own is None:
        raise CliError("cannot tell where the idguard executable is; pass --command /path/to/idguard")
    on_path = shutil.which("idguard")
    if on_path is not None and Path(on_path).resolve() == own.resolve():
        return Command(
            "idguard", f"`idguard` on PATH resolves to this executable ({own}): the configuration uses the bare name"
        )
    reason = "is not on PATH" if on_path is None else f"on PATH is another executable ({Path(on_path).resolve()})"
    return Command(
        str(own),
        f"`idguard` {reason}: the configuration runs {own} (a path on this machine; "
        "others re-run `idguard init` or pass --command idguard)",
    )


def docs_path(name: str) -> str:
    """Where a document is: in the installed package (idguard.docs), else in the source tree."""
    try:
        from importlib.resources import files

        candidate = files("idguard.docs") / name
        if candidate.is_file():
            return str(candidate)
    except (ModuleNotFoundError, OSError):
        pass
    return f"docs/{name}"


def parse_assistants(value: str) -> tuple[str, ...]:
    """`claude-code,cursor` -> the assistants in ASSISTANTS order; CliError naming an unknown one."""
    from .main import CliError

    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in ASSISTANTS]
    if unknown or not names:
        raise CliError(
            f"--assistant {value!r}: unknown {', '.join(unknown) or 'empty list'}; choose from {', '.join(ASSISTANTS)}"
        )
    return tuple(name for name in ASSISTANTS if name in names)


def initialise(
    root: Path,
    profile: str | None,
    reviewers: list[str],
    command: str = "idguard",
    assistants: tuple[str, ...] = DEFAULT_ASSISTANTS,
) -> list[Change]:
    signer_lines = [_signer_line(r) for r in reviewers]  # validate everything before writing anything
    hook = hook_command(command)
    stdio = {"command": command, "args": ["serve"]}
    plans = [
        (".idguard/policy.toml", lambda text: _policy(text, profile)),
        (".idguard/allowed_signers", lambda text: _signers(text, signer_lines)),
        (".idguard/.gitignore", _state_gitignore),
    ]
    if "claude-code" in assistants:
        plans.append(
            (
                ".mcp.json",
                lambda text: _json_merge(text, ".mcp.json", lambda d, r: _add_server(d, r, "mcpServers", stdio)),
            )
        )
    if "claude-code" in assistants or "vscode" in assistants:  # VS Code reads Claude Code's hooks
        plans.append(
            (
                ".claude/settings.json",
                lambda text: _json_merge(text, ".claude/settings.json", lambda d, r: _add_claude_hooks(d, r, hook)),
            )
        )
    if "vscode" in assistants:
        plans.append(
            (
                ".vscode/mcp.json",
                lambda text: _json_merge(text, ".vscode/mcp.json", lambda d, r: _add_server(d, r, "servers", stdio)),
            )
        )
    if "cursor" in assistants:
        cursor_hook = hook_command(command, "cursor")
        plans.append(
            (
                ".cursor/mcp.json",
                lambda text: _json_merge(
                    text, ".cursor/mcp.json", lambda d, r: _add_server(d, r, "mcpServers", stdio, typed=False)
                ),
            )
        )
        plans.append(
            (
                ".cursor/hooks.json",
                lambda text: _json_merge(text, ".cursor/hooks.json", lambda d, r: _add_cursor_hooks(d, r, cursor_hook)),
            )
        )
    if "codex" in assistants:
        codex_hook = hook_command(command, "codex")
        plans.append((".codex/config.toml", lambda text: _codex_config(text, command)))
        plans.append(
            (
                ".codex/hooks.json",
                lambda text: _json_merge(
                    text,
                    ".codex/hooks.json",
                    lambda d, r: _add_claude_hooks(d, r, codex_hook, CODEX_WRITE_MATCHER, "codex"),
                ),
            )
        )
    if "gemini" in assistants:
        gemini_hook = hook_command(command, "gemini")

        def gemini(data: dict[str, Any], rel: str) -> None:
            _add_server(data, rel, "mcpServers", stdio, typed=False)
            _add_gemini_hooks(data, rel, gemini_hook)

        plans.append((".gemini/settings.json", lambda text: _json_merge(text, ".gemini/settings.json", gemini)))
    plans.append((".pre-commit-config.yaml", lambda text: _pre_commit(text, command)))
    # Compute every new text first, so one unmergeable file stops the run before anything is written.
    results: list[tuple[Path, str | None, str]] = []
    for rel, plan in plans:
        path = root / rel
        _inside(root, path, rel)
        current = _read(path, rel)
        results.append((path, current, plan(current)))
    changes = []
    for (path, current, new), (rel, _) in zip(results, plans, strict=False):
        if new == current:
            changes.append(Change(rel, "unchanged"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
        changes.append(Change(rel, "created" if current is None else "updated"))
    return changes


def hook_command(command: str, client: str = "claude-code") -> str:
    import shlex

    # `|| exit 2`: if idguard itself cannot start (not installed, broken venv), the shell turns the
    # failure into exit 2, which Claude Code, VS Code, Cursor, Codex and Gemini CLI treat as a block: the hook
    # fails closed.
    return f"{shlex.quote(command)} hook {client} || exit 2"


def _inside(root: Path, path: Path, rel: str) -> None:
    """A symlinked `.claude` or `.vscode` must not carry a write out of the repository."""
    try:
        path.parent.resolve().relative_to(root)
    except ValueError:
        raise InitError(
            f"{root / rel}: its folder leads outside the repository (a symlink?); idguard init writes only inside it"
        ) from None


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
    from ..review.signing import SigningError, parse_public_key

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
        return '# idguard reviewers (OpenSSH allowed_signers): EMAIL namespaces="idguard" KEYTYPE KEY\n'
    text = text or ""
    present = {
        (line.split()[0], key)
        for line in text.splitlines()
        if not line.startswith("#")
        for key in _KEY.findall(line)[:1]
    }
    added = [line for line in lines if (line.split()[0], _KEY.findall(line)[0]) not in present]
    if not added:
        return text
    return text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(dict.fromkeys(added)) + "\n"


def _state_gitignore(text: str | None) -> str:
    from ..workspace import STATE_GITIGNORE

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


def _add_server(data: dict[str, Any], rel: str, key: str, stdio: dict[str, Any], typed: bool = True) -> None:
    servers = _object(data, key, rel)
    entry = servers.setdefault(SERVER_NAME, {"type": "stdio", **stdio} if typed else dict(stdio))
    if isinstance(entry, dict) and entry.get("args") == ["serve"] and entry.get("command") != stdio["command"]:
        entry["command"] = stdio["command"]  # an idguard entry of an earlier init: point it at this executable


def _has_idguard_hook(groups: list[Any]) -> bool:
    return any(
        isinstance(hook, dict) and "idguard hook" in str(hook.get("command", ""))
        for group in groups
        if isinstance(group, dict)
        for hook in group.get("hooks", [])
        if isinstance(group.get("hooks"), list)
    )


def _add_claude_hooks(
    data: dict[str, Any], rel: str, hook: str = HOOK_COMMAND, matcher: str = WRITE_MATCHER, client: str = "claude-code"
) -> None:
    """Claude Code's hook groups (Codex CLI reads the same shape from .codex/hooks.json, timeout in seconds)."""
    hooks = _object(data, "hooks", rel)
    command = {"type": "command", "command": hook, "timeout": HOOK_TIMEOUT_SECONDS}
    for groups in hooks.values():
        _repoint(groups, hook, client)
    pre_tool_use = _object(hooks, "PreToolUse", rel, list)
    if not _has_idguard_hook(pre_tool_use):
        pre_tool_use.append({"matcher": matcher, "hooks": [dict(command)]})
    post_tool_use = _object(hooks, "PostToolUse", rel, list)
    if not _has_idguard_hook(post_tool_use):
        # After a shell command: judge what it changed in the tree (a command is not judged by its text alone).
        post_tool_use.append({"matcher": SHELL_MATCHER, "hooks": [dict(command)]})
    for event in ("UserPromptSubmit", "Stop"):
        groups = _object(hooks, event, rel, list)
        if not _has_idguard_hook(groups):
            groups.append({"hooks": [dict(command)]})


def _earlier_hook(command: Any, client: str) -> bool:
    """A hook command an earlier init wrote for `client` (any idguard path)."""
    return (
        isinstance(command, str)
        and "idguard" in command
        and re.fullmatch(r"(?:'[^']*'|\S+) hook " + re.escape(client) + r" \|\| exit 2", command) is not None
    )


def _repoint(groups: Any, hook: str, client: str = "claude-code") -> None:
    """Point the hooks an earlier init wrote at the command this run resolved."""
    if not isinstance(groups, list):
        return
    for group in groups:
        for entry in (group.get("hooks") if isinstance(group, dict) else None) or []:
            if isinstance(entry, dict) and _earlier_hook(entry.get("command"), client):
                entry["command"] = hook


def _add_cursor_hooks(data: dict[str, Any], rel: str, hook: str) -> None:
    """Cursor's `.cursor/hooks.json`: `{"version": 1, "hooks": {EVENT: [{"command": ...}]}}`."""
    data.setdefault("version", 1)
    hooks = _object(data, "hooks", rel)
    for event in CURSOR_EVENTS:
        entries = _object(hooks, event, rel, list)
        for entry in entries:
            if isinstance(entry, dict) and _earlier_hook(entry.get("command"), "cursor"):
                entry["command"] = hook
        if not any(isinstance(e, dict) and "idguard hook" in str(e.get("command", "")) for e in entries):
            entries.append({"command": hook})


def _add_gemini_hooks(data: dict[str, Any], rel: str, hook: str) -> None:
    """Gemini CLI's `hooks` in `.gemini/settings.json`: groups like Claude Code's, timeout in milliseconds."""
    hooks = _object(data, "hooks", rel)
    command = {"name": "idguard", "type": "command", "command": hook, "timeout": HOOK_TIMEOUT_SECONDS * 1000}
    for groups in hooks.values():
        _repoint(groups, hook, "gemini")
    for event, matcher in (
        ("BeforeTool", GEMINI_TOOL_MATCHER),
        ("AfterTool", GEMINI_SHELL_MATCHER),
        ("BeforeAgent", None),
        ("AfterAgent", None),
    ):
        groups = _object(hooks, event, rel, list)
        if not _has_idguard_hook(groups):
            groups.append({**({"matcher": matcher} if matcher else {}), "hooks": [dict(command)]})


def _codex_config(text: str | None, command: str) -> str:
    """`[mcp_servers.idguard]` in `.codex/config.toml`, appended as text so the file's comments stay."""
    import tomllib

    entry = f'[mcp_servers.{SERVER_NAME}]\ncommand = {json.dumps(command)}\nargs = ["serve"]\n'
    if text is None or not text.strip():
        return entry
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f".codex/config.toml: not valid TOML ({exc}); fix it and run again") from None
    servers = data.get("mcp_servers", {})
    if not isinstance(servers, dict):
        raise InitError(".codex/config.toml: `mcp_servers` is not a table; fix it and run again")
    if SERVER_NAME in servers:
        return text
    merged = text + ("" if text.endswith("\n") else "\n") + "\n" + entry
    try:
        reparsed = tomllib.loads(merged)
    except tomllib.TOMLDecodeError:
        reparsed = {}
    if reparsed.get("mcp_servers", {}).get(SERVER_NAME) != {"command": command, "args": ["serve"]}:
        raise InitError(".codex/config.toml: idguard cannot append its server safely; add this by hand:\n" + entry)
    return merged


# ---------------------------------------------------------------- pre-commit


def _pre_commit(text: str | None, command: str = "idguard") -> str:
    import shlex

    import yaml

    entry_text = PRE_COMMIT_ENTRY.replace("entry: idguard check", f"entry: {shlex.quote(command)} check")
    if text is None or not text.strip():
        return "repos:\n" + entry_text
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InitError(
            f".pre-commit-config.yaml: not valid YAML ({str(exc).splitlines()[0]}); fix it and run again"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("repos"), list):
        raise InitError(
            ".pre-commit-config.yaml: expected a top-level `repos:` list; add the idguard hook by hand:\n"
            + PRE_COMMIT_ENTRY
        )
    if any(
        isinstance(hook, dict) and hook.get("id") == PRE_COMMIT_HOOK_ID
        for repo in data["repos"]
        if isinstance(repo, dict)
        for hook in repo.get("hooks") or []
    ):
        return text
    # Append as text so the file's comments and layout stay; re-parse to prove the merge is right.
    indent = _list_indent(text)
    entry = "".join(indent + line[2:] if line.strip() else line for line in entry_text.splitlines(keepends=True))
    merged = text + ("" if text.endswith("\n") else "\n") + entry
    try:
        reparsed = yaml.safe_load(merged)
    except yaml.YAMLError:
        reparsed = None
    if (
        not isinstance(reparsed, dict)
        or reparsed.get("repos", [])[:-1] != data["repos"]
        or {k: v for k, v in reparsed.items() if k != "repos"} != {k: v for k, v in data.items() if k != "repos"}
    ):
        raise InitError(
            ".pre-commit-config.yaml: `repos:` is not the last block, so idguard cannot append safely; "
            "add this entry under `repos:` by hand:\n" + PRE_COMMIT_ENTRY
        )
    return merged


def _list_indent(text: str) -> str:
    match = re.search(r"^repos:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)-", text, re.MULTILINE)
    return match.group(1) if match else "  "
