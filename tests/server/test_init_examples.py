"""examples/: every client configuration is valid JSON, names commands that exist and parse, and
paths that resolve; the Claude Code example is exactly what `idguard init` writes; the team
server script starts a server that demands its bearer token."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from idguard.server.cli.main import build_parser, main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CLIENT_EXAMPLES = ("claude-code", "vscode", "claude-desktop", "cursor", "codex", "gemini", "team-server")
BIN = Path(sys.executable).parent
WORKSPACE_PLACEHOLDER = "/ABSOLUTE/PATH/TO/YOUR/REPOSITORY"


def config_files() -> list[Path]:
    return sorted(p for name in CLIENT_EXAMPLES for p in (EXAMPLES / name).rglob("*.json"))


def servers(config: dict) -> dict[str, dict]:
    return config.get("mcpServers") or config.get("servers") or {}


def test_every_client_example_is_present_and_valid_json() -> None:
    files = {p.relative_to(EXAMPLES).as_posix() for p in config_files()}
    assert {
        "claude-code/.mcp.json",
        "claude-code/.claude/settings.json",
        "vscode/.vscode/mcp.json",
        "claude-desktop/claude_desktop_config.json",
        "cursor/.cursor/mcp.json",
        "team-server/.mcp.json",
        "team-server/.vscode/mcp.json",
    } <= files
    for path in config_files():
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path


@pytest.mark.parametrize("path", config_files(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_stdio_servers_run_idguard_serve_with_arguments_that_parse(path: Path) -> None:
    for name, server in servers(json.loads(path.read_text())).items():
        assert name == "idguard"
        if "url" in server:
            continue
        assert server["command"] == "idguard" and (BIN / "idguard").is_file()
        args = build_parser().parse_args(server["args"])
        assert args.command == "serve" and args.transport == "stdio"
        if args.workspace is not None:
            # Claude Desktop starts servers outside any project: the user fills in the repository.
            assert args.workspace == WORKSPACE_PLACEHOLDER
        workspace_env = server.get("env", {}).get("IDGUARD_WORKSPACE")
        assert workspace_env in (None, "${workspaceFolder}")


def test_http_clients_send_a_bearer_token_from_a_variable_never_a_literal() -> None:
    for path in (EXAMPLES / "team-server").rglob("*.json"):
        config = json.loads(path.read_text())
        (server,) = servers(config).values()
        assert server["type"] == "http" and server["url"].endswith("/mcp")
        authorization = server["headers"]["Authorization"]
        assert re.fullmatch(r"Bearer \$\{(?:input:)?[A-Za-z_-]+\}", authorization), authorization
        if "input:" in authorization:
            (prompt,) = config["inputs"]
            assert prompt["password"] is True and authorization == f"Bearer ${{input:{prompt['id']}}}"


def test_hook_commands_exist_and_fail_closed() -> None:
    settings = json.loads((EXAMPLES / "claude-code/.claude/settings.json").read_text())
    commands = [hook["command"] for groups in settings["hooks"].values() for group in groups for hook in group["hooks"]]
    assert sorted(settings["hooks"]) == ["PostToolUse", "PreToolUse", "Stop", "UserPromptSubmit"]
    assert len(commands) == 4
    for command in commands:
        run, fallback = (part.strip() for part in command.split("||"))
        assert fallback == "exit 2"
        argv = shlex.split(run)
        assert argv[0] == "idguard"
        args = build_parser().parse_args(argv[1:])
        assert args.command == "hook" and args.client == "claude-code"
    assert settings["hooks"]["PreToolUse"][0]["matcher"] == "Write|Edit|MultiEdit|Bash"
    assert settings["hooks"]["PostToolUse"][0]["matcher"] == "Bash"


def test_claude_code_example_is_what_init_writes(workspace: Path, capsys, monkeypatch) -> None:
    # With this idguard first on PATH, init writes the bare name, as the examples show.
    monkeypatch.setattr(sys, "argv", [str(Path(sys.executable).with_name("idguard"))])
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    assert main(["init", "--workspace", str(workspace)]) == 0
    for rel in (".mcp.json", ".claude/settings.json"):
        assert (workspace / rel).read_bytes() == (EXAMPLES / "claude-code" / rel).read_bytes(), rel
    written = json.loads((workspace / ".vscode/mcp.json").read_text())["servers"]["idguard"]
    example = json.loads((EXAMPLES / "vscode/.vscode/mcp.json").read_text())["servers"]["idguard"]
    assert {k: written[k] for k in ("type", "command", "args")} == {k: example[k] for k in ("type", "command", "args")}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")
def test_team_server_script_starts_a_server_that_requires_its_token(workspace: Path, tmp_path: Path) -> None:
    script = EXAMPLES / "team-server" / "serve.sh"
    assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
    token = secrets.token_urlsafe(32)
    (tmp_path / "token").write_text(token + "\n")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("IDGUARD_")},
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "IDGUARD_WORKSPACE": str(workspace),
        "IDGUARD_TOKEN_FILE": str(tmp_path / "token"),
        "IDGUARD_PORT": str(port),
    }
    proc = subprocess.Popen(["sh", str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stderr.read()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "team server did not start"
                time.sleep(0.05)  # polling for the port, not a fixed wait

        def post(headers: dict[str, str]) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request(
                "POST",
                "/mcp",
                body=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
                headers={
                    "Content-Type": "application/json",
                    "Accept": "application/json, text/event-stream",
                    "MCP-Protocol-Version": "2025-06-18",
                    **headers,
                },
            )
            status = conn.getresponse().status
            conn.close()
            return status

        # The proxy's name from the script is an allowed Host; the token is required.
        assert post({"Host": "idguard.corp.example"}) == 401
        assert post({"Host": "idguard.corp.example", "Authorization": f"Bearer {token}"}) == 200
        assert post({"Host": "evil.example", "Authorization": f"Bearer {token}"}) == 421
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    # Without a token the same script refuses to start.
    (tmp_path / "token").unlink()
    refused = subprocess.run(["sh", str(script)], capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode == 2 and "cannot read" in refused.stderr


def test_cursor_codex_and_gemini_examples_are_what_init_writes(workspace: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", [str(Path(sys.executable).with_name("idguard"))])
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    assert main(["init", "--workspace", str(workspace), "--assistant", "cursor,codex,gemini"]) == 0
    for example, rel in (
        ("cursor", ".cursor/hooks.json"),
        ("codex", ".codex/hooks.json"),
        ("codex", ".codex/config.toml"),
        ("gemini", ".gemini/settings.json"),
    ):
        assert (workspace / rel).read_bytes() == (EXAMPLES / example / rel).read_bytes(), rel
    cursor = json.loads((EXAMPLES / "cursor/.cursor/hooks.json").read_text())["hooks"]
    codex = json.loads((EXAMPLES / "codex/.codex/hooks.json").read_text())["hooks"]
    gemini = json.loads((EXAMPLES / "gemini/.gemini/settings.json").read_text())["hooks"]
    commands = [("cursor", e["command"]) for entries in cursor.values() for e in entries] + [
        (client, h["command"])
        for client, hooks in (("codex", codex), ("gemini", gemini))
        for groups in hooks.values()
        for g in groups
        for h in g["hooks"]
    ]
    assert len(commands) == 6 + 4 + 4
    for client, command in commands:
        run, fallback = (part.strip() for part in command.split("||"))
        args = build_parser().parse_args(shlex.split(run)[1:])
        assert fallback == "exit 2" and args.command == "hook" and args.client == client
