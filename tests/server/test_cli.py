"""The real `idguard` CLI in a subprocess: check, redact, guards, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

IDGUARD = str(Path(sys.executable).with_name("idguard"))
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "identity"


def idguard(*args: str, cwd: Path | None = None, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("IDGUARD_WORKSPACE", None)
    return subprocess.run(
        [IDGUARD, *args],
        cwd=cwd,
        input=stdin if isinstance(stdin, bytes) or stdin is None else stdin.encode(),
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_check_examples_json_shape_and_exit_code(workspace: Path):
    proc = idguard("check", "--format", "json", str(EXAMPLES), cwd=workspace)
    assert proc.returncode == 1, proc.stderr.decode()
    report = json.loads(proc.stdout)
    by_name = {Path(f["path"]).parent.name + "/" + Path(f["path"]).name: f for f in report["files"]}
    assert by_name["vulnerable/token_service.py"]["verdict"] == "block"
    for name in ("invite_flow.py", "token_service.py", "offboarding_job.py"):
        fixed = by_name[f"fixed/{name}"]
        assert fixed["identity_related"] and fixed["verdict"] == "review"
        assert not [f for f in fixed["findings"] if f["severity"] in ("medium", "high", "critical")], fixed
    finding = by_name["vulnerable/token_service.py"]["findings"][0]
    for key in ("guard_id", "title", "severity", "line", "end_line", "column", "message"):
        assert key in finding
    assert report["summary"]["files"] == 6
    assert report["summary"]["verdicts"]["block"] >= 1


def test_check_exit_zero_when_nothing_blocks(workspace: Path):
    (workspace / "hello.py").write_text("print('hello')\n")
    proc = idguard("check", "hello.py", cwd=workspace)
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == "Checked 1 file (0 identity-related): 0 block, 0 review, 1 pass; 0 findings"


def test_check_text_output_names_finding_and_fix(workspace: Path):
    proc = idguard("check", str(EXAMPLES / "vulnerable" / "token_service.py"), cwd=workspace)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "token_service.py:" in out and ": IDG101 [critical] " in out and "fix:" in out


def test_check_walk_skips_git_venv_and_ignored_files(workspace: Path):
    bad = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'
    for rel in (".git/hooks/auth.py", ".venv/lib/auth.py", "build_out/auth.py", "node_modules/x/auth.py"):
        target = workspace / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bad)
    (workspace / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (workspace / ".gitignore").write_text("build_out/\n")
    (workspace / "src").mkdir()
    (workspace / "src" / "auth.py").write_text(bad)
    proc = idguard("check", "--format", "json", ".", cwd=workspace)
    paths = [f["path"] for f in json.loads(proc.stdout)["files"] if f["path"].endswith(".py")]
    assert paths == ["src/auth.py"]


def _unreadable(folder: Path) -> None:
    """A file whose read fails even for root: a link to /proc/self/mem (EIO)."""
    (folder / "target").symlink_to("/proc/self/mem")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, b"no such file or directory"),
        (lambda d: (d / "target").write_bytes(b"caf\xe9 = 1\n"), b"not UTF-8 text"),
        (_unreadable, b"target: "),
    ],
    ids=["missing", "undecodable", "unreadable"],
)
def test_check_bad_input_is_one_line_error(workspace: Path, setup, message):
    setup(workspace)
    proc = idguard("check", "target", cwd=workspace)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_check_skips_binary_files_and_says_so(workspace: Path):
    (workspace / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0binary")
    (workspace / "app.py").write_text("x = 1\n")
    proc = idguard("check", "logo.png", ".", cwd=workspace)
    assert proc.returncode == 0 and proc.stderr == b""
    assert b"Skipped 2 files, not checked: 2 PNG image" in proc.stdout  # named, and found in the folder
    listed = json.loads(idguard("check", "--format", "json", ".", cwd=workspace).stdout)
    assert listed["skipped"] == [{"path": "logo.png", "reason": "binary file (PNG image)"}]


def test_usage_error_exit_code_2(workspace: Path):
    proc = idguard("check", "--format", "xml", ".", cwd=workspace)
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr
    proc = idguard("check", cwd=workspace)
    assert proc.returncode == 2 and b"check needs at least one PATH" in proc.stderr


def test_redact_stdin_to_stdout(workspace: Path, secrets_now):
    text = f"GITHUB_TOKEN={secrets_now['github_token']}\nregion=eu-west-1\n"
    proc = idguard("redact", cwd=workspace, stdin=text)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "GITHUB_TOKEN=[[SECRET:github_token:1]]\nregion=eu-west-1\n"
    assert secrets_now["github_token"].encode() not in proc.stderr
    as_json = json.loads(idguard("redact", "--format", "json", cwd=workspace, stdin=text).stdout)
    assert as_json["count"] == 1 and as_json["findings"][0]["kind"] == "github_token"


def test_redact_refuses_undecodable_stdin(workspace: Path):
    proc = idguard("redact", cwd=workspace, stdin=b"\xff\xfe\x00bad")
    assert proc.returncode == 2
    assert b"not UTF-8" in proc.stderr and b"Traceback" not in proc.stderr


def test_guards_list_and_explain(workspace: Path):
    listed = idguard("guards", cwd=workspace).stdout.decode()
    assert "IDG101" in listed and "jwt-unverified-decode" in listed
    explained = idguard("guards", "explain", "IDG101", cwd=workspace)
    assert explained.returncode == 0 and b"### Why is this bad?" in explained.stdout
    unknown = idguard("guards", "explain", "IDG999", cwd=workspace)
    assert unknown.returncode == 2 and b"unknown guard id" in unknown.stderr


def test_invalid_policy_names_file_and_key(workspace: Path):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard" / "policy.toml").write_text(
        'profile = "standard"\n[limits]\nmax_invite_ttl_seconds = "soon"\n'
    )
    (workspace / "a.py").write_text("x = 1\n")
    proc = idguard("check", "a.py", cwd=workspace)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "policy.toml" in err and "limits.max_invite_ttl_seconds" in err
    assert "Traceback" not in err
