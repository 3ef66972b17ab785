"""A real `idguard serve` subprocess, driven by the SDK's Client over stdio and streamable HTTP."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

pytestmark = pytest.mark.anyio

IDGUARD = str(Path(sys.executable).with_name("idguard"))
UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_stdio_server_subprocess(workspace: Path):
    params = StdioServerParameters(command=IDGUARD, args=["serve", "--workspace", str(workspace)], env=dict(os.environ))
    async with Client(params) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        result = await client.call_tool("check_code", {"code": UNVERIFIED, "path": "auth/t.py"})
    assert "guard_change" in names
    assert result.structured_content["verdict"] == "block"


class HttpServer:
    def __init__(self, workspace: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/mcp"
        self.proc = subprocess.Popen(
            [IDGUARD, "serve", "--transport", "http", "--port", str(self.port), "--workspace", str(workspace), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.proc.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)  # polling for the port, not a fixed wait
        raise AssertionError("HTTP server did not start")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


@pytest.fixture
def http_server(workspace: Path):
    server = HttpServer(workspace)
    server.wait_ready()
    yield server
    server.stop()


async def test_http_server_subprocess(http_server: HttpServer):
    async with Client(http_server.url) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        result = await client.call_tool("check_code", {"code": UNVERIFIED, "path": "auth/t.py"})
        guarded = await client.call_tool(
            "guard_change", {"path": "auth/t.py", "content": "import jwt\n", "intent": "import"}
        )
    assert "redact_prompt" in names
    assert result.structured_content["verdict"] == "block"
    assert guarded.structured_content["review_id"].startswith("IGR-")


def test_http_server_rejects_foreign_host_header(http_server: HttpServer):
    """DNS-rebinding protection: a request naming another host is refused."""
    conn = http.client.HTTPConnection("127.0.0.1", http_server.port, timeout=10)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"})
    conn.request(
        "POST",
        "/mcp",
        body=body,
        headers={
            "Host": "attacker.example",
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
        },
    )
    status = conn.getresponse().status
    conn.close()
    assert status in (400, 403, 421)


def test_http_refuses_non_loopback_without_token(workspace: Path):
    proc = subprocess.run(
        [
            IDGUARD,
            "serve",
            "--transport",
            "http",
            "--host",
            "0.0.0.0",
            "--port",
            str(free_port()),
            "--workspace",
            str(workspace),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "refusing to bind 0.0.0.0" in proc.stderr
    assert "Traceback" not in proc.stderr
