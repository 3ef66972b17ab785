"""Hostile input to every MCP tool: a clear error or a fail-closed verdict in time, and the server keeps serving."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from idguard.guards.policy import Limits, Policy
from idguard.server.mcp.app import build_server
from idguard.server.workers import CheckPool, RedactionIncomplete
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from .hostile import DEADLINE_SECONDS, IDENTITY_CASES, MAX_BYTES, TEN_MB, detector_attacks

pytestmark = pytest.mark.anyio

IDGUARD = str(Path(sys.executable).with_name("idguard"))
UNVERIFIED = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


async def _timed(client: Client, tool: str, args: dict):
    started = time.monotonic()
    result = await client.call_tool(tool, args)
    return result, time.monotonic() - started


def _text(result) -> str:
    return result.content[0].text if result.content else ""


async def _still_serving(client: Client) -> None:
    result = await client.call_tool("check_code", {"code": UNVERIFIED, "path": "auth/t.py"})
    assert not result.is_error and result.structured_content["verdict"] == "block"
    assert (await client.call_tool("list_guards", {})).structured_content["guards"]


async def test_check_code_and_guard_change_fail_closed_on_hostile_content(strict_workspace: Path):
    problems = []
    async with Client(build_server(strict_workspace, workers=2)) as client:
        for name, content, path in IDENTITY_CASES:
            for tool, args in (
                ("check_code", {"code": content, "path": path}),
                ("guard_change", {"path": path, "content": content, "intent": "hostile input test"}),
            ):
                result, elapsed = await _timed(client, tool, args)
                if elapsed > DEADLINE_SECONDS:
                    problems.append(f"{tool} {name}: {elapsed:.1f} s")
                if result.is_error:
                    if "internal error" in _text(result):
                        problems.append(f"{tool} {name}: unclear error {_text(result)!r}")
                    continue
                data = result.structured_content
                if data["verdict"] == "pass":
                    problems.append(f"{tool} {name}: pass")
                if tool == "guard_change" and data["verdict"] == "block" and data.get("tagged_content"):
                    problems.append(f"{tool} {name}: blocked but content returned")
        await _still_serving(client)
    assert problems == []


async def test_size_limits_are_enforced_and_named_in_the_error(strict_workspace: Path):
    async with Client(build_server(strict_workspace, workers=1)) as client:
        for tool, args in (
            ("redact_prompt", {"text": TEN_MB}),
            ("check_code", {"code": TEN_MB, "path": "auth/big.py"}),
            ("guard_change", {"path": "auth/big.py", "content": TEN_MB, "intent": "big"}),
        ):
            result, elapsed = await _timed(client, tool, args)
            assert result.is_error, tool
            assert "limits.max_file_bytes" in _text(result) and str(MAX_BYTES) in _text(result), _text(result)
            assert elapsed < DEADLINE_SECONDS
        long_intent = await client.call_tool(
            "guard_change", {"path": "auth/t.py", "content": "import jwt\n", "intent": "why " * 5000}
        )
        assert long_intent.is_error and "intent" in _text(long_intent) and "8000" in _text(long_intent)
        await _still_serving(client)


async def test_lone_surrogates_are_refused_by_every_text_tool(strict_workspace: Path):
    # JSON's "\udcff" escape decodes to a lone surrogate: not text, and not storable as UTF-8.
    async with Client(build_server(strict_workspace, workers=1)) as client:
        for tool, args in (
            ("redact_prompt", {"text": "abc\udcffdef"}),
            ("check_code", {"code": "x = '\udcff'\n", "path": "auth/t.py"}),
            ("guard_change", {"path": "auth/t.py", "content": "x = '\udcff'\n", "intent": "x"}),
            ("guard_change", {"path": "auth/t.py", "content": "import jwt\n", "intent": "\ud800"}),
        ):
            result = await client.call_tool(tool, args)
            assert result.is_error and "lone surrogate" in _text(result), (tool, _text(result))
        await _still_serving(client)


async def test_paths_outside_the_workspace_are_refused(strict_workspace: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (strict_workspace / "link").symlink_to(outside)
    (strict_workspace / "auth").mkdir()
    (strict_workspace / "auth" / "keys.py").symlink_to(outside / "keys.py")
    bad_paths = [
        "../escape.py",
        "/etc/passwd",
        "auth/../../escape.py",
        "link/tokens.py",
        "auth/keys.py",
        str(outside / "x.py"),
        "a\x00b.py",
        "",
        ".",
        "auth/..",
    ]
    async with Client(build_server(strict_workspace, workers=1)) as client:
        for path in bad_paths:
            for tool, args in (
                ("guard_change", {"path": path, "content": "import jwt\n", "intent": "x"}),
                ("check_code", {"code": "import jwt\n", "path": path}),
            ):
                if tool == "check_code" and path == "":
                    continue  # no path: allowed, the code is checked without one
                result = await client.call_tool(tool, args)
                assert result.is_error, (tool, path)
                assert "outside the workspace" in _text(result) or "NUL" in _text(result) or "root" in _text(result)
        await _still_serving(client)
    assert not list(outside.iterdir())
    reviews = strict_workspace / ".idguard" / "reviews"
    assert not reviews.exists() or not list(reviews.iterdir())


async def test_review_status_and_explain_guard_refuse_junk_ids(strict_workspace: Path):
    junk = ["", "../../etc/passwd", "IGR-../../x", "IGR-" + "0" * 10_000, "\x00", "IGR-zzzzzzzz", "A" * 1_000_000]
    async with Client(build_server(strict_workspace, workers=1)) as client:
        for value in junk:
            status = await client.call_tool("review_status", {"review_id": value})
            assert status.is_error and "review" in _text(status)
            explain = await client.call_tool("explain_guard", {"guard_id": value})
            assert explain.is_error and len(_text(explain)) < 300  # never echoes a megabyte back
        wrong_types = await client.call_tool("check_code", {"code": {"nested": [1, 2]}, "path": 7})
        assert wrong_types.is_error
        await _still_serving(client)


async def test_redact_prompt_on_pathological_text_answers_in_time(strict_workspace: Path):
    attacks = [a for a in detector_attacks(100_000) if "PEM headers" in a[0] or "authorization" in a[0]]
    attacks.append(("PEM headers, 650 KB", ("-----BEGIN RSA " + "PRIVATE KEY-----" + "A" * 100) * 5000))
    async with Client(build_server(strict_workspace, workers=1)) as client:
        for name, text in attacks:
            result, elapsed = await _timed(client, "redact_prompt", {"text": text})
            assert elapsed < DEADLINE_SECONDS, name
            if result.is_error:
                assert "limits.guard_timeout_seconds" in _text(result), name
            await _still_serving(client)


@pytest.fixture(scope="module")
def redaction_pool():
    with CheckPool(1) as pool:
        yield pool


# A 655 KB run of repeated PEM headers took 24 s before the PEM body became possessive (cb5adf7): kept as a regression.
DETECTOR_ATTACKS = [pytest.param(name, text, id=name[:60]) for name, text in detector_attacks(100_000)] + [
    pytest.param(
        "PEM headers repeated, 655 KB", ("-----BEGIN RSA " + "PRIVATE KEY-----" + "A" * 100) * 5000, id="PEM 655 KB"
    )
]


@pytest.mark.parametrize(("name", "text"), DETECTOR_ATTACKS)
def test_every_secret_detector_survives_its_adversarial_input(redaction_pool: CheckPool, name: str, text: str):
    policy = Policy(limits=Limits(guard_timeout_seconds=1.0))
    try:
        redaction_pool.redact(text, policy, b"k" * 32)
    except RedactionIncomplete as exc:
        pytest.fail(f"{name}: {exc}")


async def test_stdio_server_survives_hostile_calls(strict_workspace: Path):
    params = StdioServerParameters(
        command=IDGUARD, args=["serve", "--workspace", str(strict_workspace)], env=dict(os.environ)
    )
    async with Client(stdio_client(params)) as client:
        for tool, args in (
            ("check_code", {"code": TEN_MB, "path": "auth/big.py"}),
            ("redact_prompt", {"text": ("-----BEGIN RSA " + "PRIVATE KEY-----" + "A" * 100) * 5000}),
            ("guard_change", {"path": "../../etc/passwd", "content": "import jwt\n", "intent": "x"}),
            ("check_code", {"code": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", "path": "auth/deep.py"}),
        ):
            result, elapsed = await _timed(client, tool, args)
            assert elapsed < DEADLINE_SECONDS
            data = result.structured_content or {}
            assert result.is_error or data.get("verdict") == "block" or data.get("count"), tool
        await _still_serving(client)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_http_transport_refuses_huge_and_deeply_nested_bodies(strict_workspace: Path):
    import http.client
    import json
    import socket
    import subprocess

    port = _free_port()
    server = subprocess.Popen(
        [IDGUARD, "serve", "--transport", "http", "--port", str(port), "--workspace", str(strict_workspace), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)  # polling for the port to open
        call = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "redact_prompt", "arguments": {"text": "a" * 80_000_000}},
        }
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-06-18",
        }
        statuses = []
        for body in (json.dumps(call).encode(), b"[" * 2_000_000 + b"]" * 2_000_000):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("POST", "/mcp", body=body, headers=headers)
            statuses.append(conn.getresponse().status)
            conn.close()
        assert statuses == [413, 400]
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            await _still_serving(client)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert b"Traceback" not in stderr
