"""No raw secret reaches a tool result, review record, audit entry or log line."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from idguard.server.mcp.app import build_server
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

pytestmark = pytest.mark.anyio

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def _runs(secret: str, size: int = 12) -> set[str]:
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


def _assert_clean(blob: str | bytes, secrets: dict[str, str], where: str) -> None:
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    for kind, secret in secrets.items():
        for run in _runs(secret):
            assert run not in text, f"{kind} leaked into {where}"


def _calls(secrets: dict[str, str]) -> list[tuple[str, dict]]:
    env_file = "\n".join(f"{k.upper()}={v}" for k, v in secrets.items())
    code = "import jwt\n" + "\n".join(f'{k.upper()} = "{v}"' for k, v in secrets.items()) + "\n"
    intent = f"rotate {secrets['github_token']} and use password {secrets['password']}"
    return [
        ("redact_prompt", {"text": env_file}),
        ("check_code", {"code": code, "path": "auth/settings.py"}),
        ("check_code", {"code": env_file, "path": ".env"}),
        ("guard_change", {"path": "auth/settings.py", "content": code, "intent": intent}),
        ("guard_change", {"path": "auth/ok.py", "content": "import jwt\n", "intent": intent}),
        ("review_status", {"review_id": secrets["github_token"]}),
        ("explain_guard", {"guard_id": secrets["stripe_key"]}),
    ]


async def test_in_memory_tools_never_echo_secrets(workspace: Path, secrets_now, caplog):
    caplog.set_level(logging.DEBUG)
    async with Client(build_server(workspace)) as client:
        for tool, args in _calls(secrets_now):
            result = await client.call_tool(tool, args)
            _assert_clean(result.model_dump_json(), secrets_now, f"{tool} result")
    _assert_clean("\n".join(r.getMessage() for r in caplog.records), secrets_now, "server logs")
    files = [p for p in (workspace / ".idguard").rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files) and any(p.parent.name == "reviews" for p in files)
    for path in files:
        _assert_clean(path.read_bytes(), secrets_now, str(path.relative_to(workspace)))


async def test_stdio_server_stderr_never_shows_secrets(workspace: Path, secrets_now, tmp_path: Path):
    errlog_path = tmp_path / "stderr.log"
    params = StdioServerParameters(
        command=IDGUARD, args=["serve", "--workspace", str(workspace)], env=os.environ | {"IDGUARD_LOG_LEVEL": "DEBUG"}
    )
    with errlog_path.open("w") as errlog:
        async with Client(stdio_client(params, errlog=errlog)) as client:
            for tool, args in _calls(secrets_now):
                _assert_clean((await client.call_tool(tool, args)).model_dump_json(), secrets_now, tool)
    stderr = errlog_path.read_text()
    assert "Tool 'review_status' failed" in stderr  # the server did log, and the log is clean
    _assert_clean(stderr, secrets_now, "server stderr")
    for path in (workspace / ".idguard").rglob("*"):
        if path.is_file():
            _assert_clean(path.read_bytes(), secrets_now, str(path))
