"""HTTP transport security: loopback by default, bearer token beyond it, DNS-rebinding checks."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from idguard.server.mcp.http_auth import (
    TOKEN_ENV,
    BearerTokenMiddleware,
    HttpSecurityError,
    http_security,
    is_loopback,
    load_token,
)

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def test_loopback_detection() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.5", "idguard.corp.example"))


def test_non_loopback_without_token_refuses() -> None:
    with pytest.raises(HttpSecurityError, match="refusing to bind 0.0.0.0"):
        http_security("0.0.0.0", 8765, None)
    settings, _ = http_security("0.0.0.0", 8765, secrets.token_urlsafe(32))
    assert settings.enable_dns_rebinding_protection
    assert "127.0.0.1:8765" in settings.allowed_hosts and "0.0.0.0:8765" not in settings.allowed_hosts


def test_loopback_without_token_keeps_rebinding_protection() -> None:
    settings, wrap = http_security("127.0.0.1", 9000, None)
    assert settings.enable_dns_rebinding_protection
    assert settings.allowed_hosts == ["127.0.0.1:9000", "localhost:9000", "[::1]:9000"]
    assert "http://localhost:9000" in settings.allowed_origins
    app = object()
    assert wrap(app) is app


def test_allowed_hosts_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDGUARD_HTTP_ALLOWED_HOSTS", "idguard.corp.example, lb.corp.example:8443")
    settings, _ = http_security("10.0.0.5", 8765, secrets.token_urlsafe(32))
    for host in ("10.0.0.5:8765", "idguard.corp.example", "idguard.corp.example:8765", "lb.corp.example:8443"):
        assert host in settings.allowed_hosts
    assert "https://idguard.corp.example" in settings.allowed_origins


def test_token_from_file_or_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert load_token(None) is None
    token = secrets.token_urlsafe(32)
    monkeypatch.setenv(TOKEN_ENV, token)
    assert load_token(None) == token
    file_token = secrets.token_urlsafe(40)
    (tmp_path / "token").write_text(file_token + "\n", encoding="utf-8")
    assert load_token(str(tmp_path / "token")) == file_token
    (tmp_path / "short").write_text("hunter2", encoding="utf-8")
    with pytest.raises(HttpSecurityError, match="at least 32") as info:
        load_token(str(tmp_path / "short"))
    assert "hunter2" not in str(info.value)
    with pytest.raises(HttpSecurityError, match="cannot read"):
        load_token(str(tmp_path / "missing"))


def test_bearer_middleware_checks_every_http_request() -> None:
    token = secrets.token_urlsafe(32)

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def request(headers: list[tuple[bytes, bytes]]) -> tuple[int, str]:
        sent: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/mcp", "headers": headers}
        await BearerTokenMiddleware(app, token)(scope, receive, send)
        start = sent[0]
        auth = dict(start["headers"]).get(b"www-authenticate", b"").decode()
        return start["status"], auth

    async def main() -> list[tuple[int, str]]:
        cases = (
            [],
            [(b"authorization", b"Bearer wrong")],
            [(b"authorization", token.encode())],
            [(b"authorization", f"Bearer {token}".encode())],
        )
        return [await request(headers) for headers in cases]

    answers = anyio.run(main)
    assert [status for status, _ in answers] == [401, 401, 401, 200]
    assert answers[0][1].startswith("Bearer")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(proc: subprocess.Popen, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling for the port, not a fixed wait
    raise AssertionError("HTTP server did not start")


def _post(port: int, headers: dict[str, str]) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    conn.request(
        "POST",
        "/mcp",
        body=body,
        headers={
            "Host": f"127.0.0.1:{port}",
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-06-18",
            **headers,
        },
    )
    response = conn.getresponse()
    status, text = response.status, response.read().decode()
    conn.close()
    return status, text


def test_served_with_a_token_file_every_request_needs_the_token(workspace: Path, tmp_path: Path) -> None:
    token = secrets.token_urlsafe(32)
    token_file = tmp_path / "token"
    token_file.write_text(token, encoding="utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    proc = subprocess.Popen(
        [
            IDGUARD,
            "serve",
            "--transport",
            "http",
            "--port",
            str(port),
            "--workspace",
            str(workspace),
            "--token-file",
            str(token_file),
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        _wait_for_port(proc, port)
        assert _post(port, {})[0] == 401
        assert _post(port, {"Authorization": "Bearer " + secrets.token_urlsafe(32)})[0] == 401
        status, text = _post(port, {"Authorization": f"Bearer {token}"})
        assert status == 200 and "check_code" in text
        assert _post(port, {"Authorization": f"Bearer {token}", "Host": "attacker.example"})[0] == 421
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert token not in err


def test_non_loopback_with_token_from_environment_starts(workspace: Path) -> None:
    # Binding every interface is allowed once a token is configured; the check happens before binding.
    port = _free_port()
    env = {**os.environ, TOKEN_ENV: secrets.token_urlsafe(32)}
    proc = subprocess.Popen(
        [
            IDGUARD,
            "serve",
            "--transport",
            "http",
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--workspace",
            str(workspace),
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        _wait_for_port(proc, port)
        assert _post(port, {})[0] == 401
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
