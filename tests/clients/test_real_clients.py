"""`idguard serve` driven by MCP clients written elsewhere: the MCP Inspector CLI and the official
TypeScript SDK client, over stdio and streamable HTTP (with and without a bearer token).

These prove the server speaks the protocol as other implementations expect, not only as the
Python SDK does. The clients come from the npm registry via tests/clients/package-lock.json
(`npm install --prefix tests/clients`, run by .ci/run, which installs Node.js and npm when missing).
They never skip: without the clients they fail.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CLIENTS = Path(__file__).parent
INSPECTOR = CLIENTS / "node_modules" / ".bin" / "mcp-inspector"
TS_CLIENT = CLIENTS / "ts_sdk_client.mjs"
IDGUARD = str(Path(sys.executable).with_name("idguard"))
UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'
TOOLS = {"redact_prompt", "check_code", "guard_change", "review_status", "list_guards", "explain_guard"}


@pytest.fixture(scope="module", autouse=True)
def installed_clients() -> None:
    if shutil.which("node") is None:
        pytest.fail("Node.js is not installed: .ci/run installs nodejs and npm")
    if not (CLIENTS / "node_modules" / "@modelcontextprotocol" / "sdk").is_dir() or not INSPECTOR.exists():
        pytest.fail("MCP clients are not installed: run `npm install --prefix tests/clients` (as .ci/run does)")


def node_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # HOME in tmp: the Inspector keeps a server catalog under ~/.mcp-inspector.
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", **extra}
    env.pop("IDGUARD_HTTP_TOKEN", None)
    env.update(extra)
    return env


def run_node(args: list[str], env: dict[str, str], cwd: Path) -> str:
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    assert out.returncode == 0, f"{args[0]} failed ({out.returncode}): {out.stderr[-2000:]}"
    return out.stdout


def inspector(target: list[str], method: list[str], env: dict[str, str], cwd: Path) -> dict:
    return json.loads(run_node([str(INSPECTOR), "--cli", *target, *method], env, cwd))


def check_code_args() -> list[str]:
    return [
        "--method",
        "tools/call",
        "--tool-name",
        "check_code",
        "--tool-arg",
        f"code={UNVERIFIED}",
        "--tool-arg",
        "path=auth/t.py",
    ]


def structured(result: dict) -> dict:
    if "structuredContent" in result:
        return result["structuredContent"]
    return json.loads(result["content"][0]["text"])


def assert_blocks_unverified_jwt(result: dict) -> None:
    assert not result.get("isError")
    content = structured(result)
    assert content["verdict"] == "block"
    assert [f["guard_id"] for f in content["findings"]] == ["IDG101"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def http_server(workspace: Path, tmp_path: Path, request) -> Iterator[tuple[str, str | None]]:
    token = secrets.token_urlsafe(32) if getattr(request, "param", False) else None
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "IDGUARD_HTTP_TOKEN"}
    if token:
        env["IDGUARD_HTTP_TOKEN"] = token
    proc = subprocess.Popen(
        [IDGUARD, "serve", "--transport", "http", "--port", str(port), "--workspace", str(workspace), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError("HTTP server did not start") from None
            time.sleep(0.05)  # polling for the port, not a fixed wait
    yield f"http://127.0.0.1:{port}/mcp", token
    proc.terminate()
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def test_inspector_cli_over_stdio(workspace: Path, tmp_path: Path) -> None:
    env = node_env(tmp_path)
    target = [IDGUARD, "serve", "--workspace", str(workspace), "--quiet"]
    listed = inspector(target, ["--method", "tools/list"], env, tmp_path)
    assert {t["name"] for t in listed["tools"]} == TOOLS
    assert_blocks_unverified_jwt(inspector(target, check_code_args(), env, tmp_path))


def test_inspector_cli_over_http(http_server: tuple[str, str | None], tmp_path: Path) -> None:
    url, _ = http_server
    env = node_env(tmp_path)
    listed = inspector([url, "--transport", "http"], ["--method", "tools/list"], env, tmp_path)
    assert {t["name"] for t in listed["tools"]} == TOOLS
    assert_blocks_unverified_jwt(inspector([url, "--transport", "http"], check_code_args(), env, tmp_path))


@pytest.mark.parametrize("http_server", [True], indirect=True)
def test_inspector_cli_over_http_with_bearer_token(http_server: tuple[str, str | None], tmp_path: Path) -> None:
    url, token = http_server
    env = node_env(tmp_path)
    refused = subprocess.run(
        [str(INSPECTOR), "--cli", url, "--transport", "http", "--method", "tools/list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert refused.returncode != 0
    listed = inspector(
        [url, "--transport", "http", "--header", f"Authorization: Bearer {token}"],
        ["--method", "tools/list"],
        env,
        tmp_path,
    )
    assert {t["name"] for t in listed["tools"]} == TOOLS


def ts_client(args: list[str], env: dict[str, str], cwd: Path) -> dict:
    return json.loads(run_node(["node", str(TS_CLIENT), *args], env, cwd))


def assert_ts_session(result: dict) -> None:
    # The TS SDK offers 2025-11-25 in initialize; the Python SDK 2.3 server accepts it.
    assert result["protocolVersion"] == "2025-11-25"
    assert result["server"]["name"] == "idguard"
    assert set(result["tools"]) == TOOLS
    assert_blocks_unverified_jwt(result["checkCode"])


def test_typescript_sdk_client_over_stdio(workspace: Path, tmp_path: Path) -> None:
    result = ts_client(
        ["stdio", IDGUARD, "serve", "--workspace", str(workspace), "--quiet"], node_env(tmp_path), tmp_path
    )
    assert_ts_session(result)


def test_typescript_sdk_client_over_http(http_server: tuple[str, str | None], tmp_path: Path) -> None:
    url, _ = http_server
    assert_ts_session(ts_client(["http", url], node_env(tmp_path), tmp_path))


@pytest.mark.parametrize("http_server", [True], indirect=True)
def test_typescript_sdk_client_over_http_with_bearer_token(http_server: tuple[str, str | None], tmp_path: Path) -> None:
    url, token = http_server
    assert_ts_session(ts_client(["http", url], node_env(tmp_path, IDGUARD_HTTP_TOKEN=token or ""), tmp_path))
    refused = subprocess.run(
        ["node", str(TS_CLIENT), "http", url],
        capture_output=True,
        text=True,
        env=node_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert refused.returncode != 0 and "401" in refused.stderr
