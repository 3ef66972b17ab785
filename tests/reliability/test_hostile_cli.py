"""Hostile input to every CLI command and the IDE hook, as real subprocesses.

Each gets a clear one-line error (exit 2) or a fail-closed verdict, within the time limit,
and never a traceback (which could quote the input).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .hostile import BILLION_LAUGHS_YAML, DEADLINE_SECONDS, MAX_BYTES

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def run(root: Path, *args: str, stdin: bytes = b"", deadline: float = DEADLINE_SECONDS) -> subprocess.CompletedProcess:
    started = time.monotonic()
    proc = subprocess.run([IDGUARD, *args], cwd=root, input=stdin, capture_output=True, timeout=120)
    elapsed = time.monotonic() - started
    assert elapsed < deadline, f"idguard {' '.join(args)[:80]} took {elapsed:.1f} s"
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-2000:]
    return proc


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.startswith("idguard: error: ") or "usage:" in err, err
    return err


def test_check_fails_closed_or_errors_on_hostile_files(strict_workspace: Path, tmp_path: Path):
    auth = strict_workspace / "auth"
    auth.mkdir()
    files = {
        "empty.py": b"",
        "deep.py": b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n",
        "chain.py": b"x = " + b"+".join([b"a"] * 20000) + b"\n",
        "long.py": b"token = '" + b"a" * 900_000 + b"'\n",
        "bomb.yaml": BILLION_LAUGHS_YAML.encode(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "grant.zzz": b"grant admin role to the service account token",
    }
    for name, data in files.items():
        (auth / name).write_bytes(data)
    proc = run(strict_workspace, "check", "--format", "json", "--all", "auth", deadline=4 * DEADLINE_SECONDS)
    report = json.loads(proc.stdout)
    verdicts = {r["path"]: r["verdict"] for r in report["files"]}
    assert set(verdicts) == {f"auth/{n}" for n in files}
    assert "pass" not in verdicts.values(), verdicts
    assert proc.returncode == 1


def test_check_refuses_unreadable_input_with_a_clear_error(strict_workspace: Path, tmp_path: Path):
    outside = tmp_path / "outside.py"
    outside.write_text("import jwt\n")
    cases = {
        "big.py": (b"x = 1\n" * (MAX_BYTES // 6 + 10), "limits.max_file_bytes"),
        # Named as source, so never skipped as binary: source that cannot be decoded fails closed.
        "binary.py": (bytes(range(256)) * 10, "not UTF-8"),
        "latin1.py": ("password = 'caf\xe9'\n".encode("latin-1"), "not UTF-8"),
    }
    for name, (data, expected) in cases.items():
        (strict_workspace / name).write_bytes(data)
        err = one_line_error(run(strict_workspace, "check", name))
        assert expected in err and str(MAX_BYTES) in err if expected.startswith("limits") else expected in err
    assert "no such file" in one_line_error(run(strict_workspace, "check", "missing.py"))
    (strict_workspace / "fifo").mkdir()
    assert run(strict_workspace, "check", "fifo").returncode in (0, 2)


def test_redact_rejects_bad_stdin_clearly(strict_workspace: Path):
    assert "not UTF-8" in one_line_error(run(strict_workspace, "redact", stdin=b"abc\xff\xfe"))
    err = one_line_error(run(strict_workspace, "redact", stdin=b"a" * (10 * 1024 * 1024)))
    assert "limits.max_file_bytes" in err and str(MAX_BYTES) in err
    empty = run(strict_workspace, "redact")
    assert empty.returncode == 0 and empty.stdout == b""
    nul = run(strict_workspace, "redact", stdin=b"\x00" * 1000)
    assert nul.returncode == 0 and nul.stdout == b"\x00" * 1000
    pem = run(strict_workspace, "redact", stdin=(b"-----BEGIN RSA " + b"PRIVATE KEY-----" + b"A" * 100) * 7000)
    assert pem.returncode in (0, 2)


@pytest.mark.parametrize(
    "args",
    [
        ("guards", "explain", "IDG" + "9" * 100_000),
        ("guards", "explain", "../../etc/passwd"),
        ("review", "show", "IGR-../../../etc/passwd"),
        ("review", "show", "\x01\x02"),
        ("review", "approve", "IGR-" + "0" * 12),
        ("review", "reject", "IGR-zzzz"),
        ("evidence", "--since", "not-a-date"),
        ("gate", "--base", "no-such-ref"),
        ("serve", "--transport", "http", "--port", "0"),
        ("serve", "--transport", "http", "--host", "0.0.0.0"),
        ("serve", "--workspace", "/no/such/folder"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_commands_refuse_junk_arguments_in_one_line(strict_workspace: Path, args: tuple[str, ...]):
    proc = run(strict_workspace, *args)
    assert proc.returncode in (1, 2), proc
    assert len(proc.stderr.decode().strip().splitlines()) <= 3
    assert len(proc.stderr) < 2000  # never echoes a 100 KB argument back


@pytest.mark.parametrize(
    ("policy", "key"),
    [
        ("[limits\nguard_timeout_seconds =", "not valid TOML"),
        ("[limits]\nguard_timeout_seconds = -1\n", "guard_timeout_seconds"),
        ("[limits]\nmax_file_bytes = 'big'\n", "max_file_bytes"),
        ('profile = "lenient"\n', "profile"),
        ("profile = [1, 2]\n", "profile"),
        ("[guards.IDG101]\nenabled = 'maybe'\n", "IDG101"),
        ("\xff\xfe", "cannot read"),
    ],
    ids=lambda v: v[:30],
)
def test_a_broken_policy_stops_every_command_with_its_file_and_key(strict_workspace: Path, policy: str, key: str):
    (strict_workspace / ".idguard" / "policy.toml").write_bytes(policy.encode("latin-1"))
    (strict_workspace / "auth.py").write_text("import jwt\n")
    for args, stdin in ((("check", "auth.py"), b""), (("redact",), b"hello"), (("audit", "verify"), b"")):
        if args[0] == "audit":
            continue  # the audit log does not read the policy
        err = one_line_error(run(strict_workspace, *args, stdin=stdin))
        assert "policy.toml" in err and key in err, err


def test_audit_commands_report_a_corrupt_database(strict_workspace: Path):
    state = strict_workspace / ".idguard" / "state"
    state.mkdir(parents=True)
    (state / "audit.sqlite3").write_bytes(b"this is not a database" * 100)
    for args in (("audit", "verify"), ("audit", "show")):
        proc = run(strict_workspace, *args)
        assert proc.returncode in (1, 2)
        assert "audit" in proc.stderr.decode() + proc.stdout.decode()


# --------------------------------------------------------------------------- the IDE hook


def hook(root: Path, payload: object | bytes, deadline: float = DEADLINE_SECONDS) -> tuple[int, dict | None]:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    proc = run(root, "hook", "claude-code", stdin=data, deadline=deadline)
    out = proc.stdout.decode().strip()
    return proc.returncode, (json.loads(out) if out else None)


def denied(result: tuple[int, dict | None]) -> bool:
    code, out = result
    if code == 2:
        return True
    if out is None:
        return False
    specific = out.get("hookSpecificOutput", {})
    return specific.get("permissionDecision") == "deny" or out.get("decision") == "block"


def write(root: Path, path: str, content: str) -> dict:
    return {
        "hook_event_name": "PreToolUse",
        "cwd": str(root),
        "tool_name": "Write",
        "tool_input": {"file_path": path, "content": content},
    }


def test_hook_denies_malformed_payloads(strict_workspace: Path):
    for payload in (
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        [],
        "text",
        {"hook_event_name": "PreToolUse"},
        {"hook_event_name": "Bogus", "tool_name": "Write"},
        {"hook_event_name": "PreToolUse", "tool_name": "Write", "tool_input": "nope"},
        {"hook_event_name": "PreToolUse", "tool_name": "Write", "tool_input": {"file_path": 7, "content": []}},
        {"hook_event_name": "UserPromptSubmit", "prompt": None},
    ):
        assert denied(hook(strict_workspace, payload)), payload if not isinstance(payload, bytes) else payload[:40]


def test_hook_denies_hostile_identity_writes(strict_workspace: Path, tmp_path: Path):
    cases = {
        "nul": "import jwt\x00\n",
        "binary": "".join(chr(b) for b in range(1, 256)) * 20,
        "big": "x = 1\n" * (MAX_BYTES // 6 + 10),
    }
    for name, content in cases.items():
        assert denied(hook(strict_workspace, write(strict_workspace, "auth/tokens.py", content))), name
    for path in (".idguard/policy.toml", ".idguard/allowed_signers", ".idguard/approvals/IGR-0123456789ab/x.json"):
        assert denied(hook(strict_workspace, write(strict_workspace, path, "[limits]\n"))), path
    assert denied(
        hook(
            strict_workspace,
            write(
                strict_workspace,
                str(tmp_path / "auth.py"),
                "import jwt\njwt.decode(t, options={'verify_signature': False})\n",
            ),
        )
    )


def test_hook_denies_deeply_nested_python(strict_workspace: Path):
    deep = "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    assert denied(hook(strict_workspace, write(strict_workspace, "auth/tokens.py", deep)))


def test_hook_stops_slow_input_at_the_policy_time_limit(strict_workspace: Path):
    slow = "import jwt\n" + "x = " + "+".join(["a"] * 20000) + "\n"
    assert denied(hook(strict_workspace, write(strict_workspace, "auth/tokens.py", slow * 3)))


def test_gate_fails_closed_on_hostile_committed_files(strict_workspace: Path):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=strict_workspace, check=True, capture_output=True)

    (strict_workspace / "README.md").write_text("demo\n")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "feature")
    (strict_workspace / "auth").mkdir()
    (strict_workspace / "auth" / "deep.py").write_text("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    (strict_workspace / "auth" / "chain.py").write_text("import jwt\nx = " + "+".join(["a"] * 60000) + "\n")
    (strict_workspace / "k8s").mkdir()
    (strict_workspace / "k8s" / "rbac.yaml").write_text(BILLION_LAUGHS_YAML)
    git("add", ".")
    git("commit", "-q", "-m", "hostile")
    proc = run(strict_workspace, "gate", "--base", "main", "--format", "json", deadline=4 * DEADLINE_SECONDS)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert not report["passed"]
    assert {f["path"]: f["outcome"] for f in report["files"]} == {
        "auth/deep.py": "fail",
        "auth/chain.py": "fail",
        "k8s/rbac.yaml": "fail",
    }


@pytest.mark.parametrize("transport", ["stdio", "http"])
def test_serve_with_a_broken_policy_names_the_file(strict_workspace: Path, transport: str):
    (strict_workspace / ".idguard" / "policy.toml").write_text("[limits\n")
    initialize = (
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "t", "version": "1"},
                },
            }
        )
        + "\n"
    )
    args = ["serve", "--transport", transport, "--quiet"]
    if transport == "http":
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            args += ["--port", str(sock.getsockname()[1])]
    proc = run(strict_workspace, *args, stdin=initialize.encode(), deadline=30)
    err = one_line_error(proc)
    assert "policy.toml" in err and "not valid TOML" in err


def _review_with_markup(root: Path) -> None:
    from idguard.server.mcp import service as service
    from idguard.server.mcp.state import ServerState
    from idguard.server.review.store import Author

    state = ServerState.open(root, workers=1)
    try:
        service.guard_change(
            state,
            "auth/<img src=x onerror=alert(1)>.py",
            "import jwt\n",
            "<script>alert(1)</script> see [docs](javascript:alert(1))",
            Author(client="<b>client</b>", email="a@example.com"),
            "mcp:<i>x</i>/1",
        )
    finally:
        state.close()


def test_evidence_html_escapes_what_the_assistant_wrote(strict_workspace: Path):
    _review_with_markup(strict_workspace)
    html = run(strict_workspace, "evidence", "--format", "html").stdout.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>client" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_evidence_markdown_escapes_what_the_assistant_wrote(strict_workspace: Path):
    _review_with_markup(strict_workspace)
    markdown = run(strict_workspace, "evidence", "--format", "md").stdout.decode()
    assert "<img src=x" not in markdown and "<script>" not in markdown and "<b>client" not in markdown
