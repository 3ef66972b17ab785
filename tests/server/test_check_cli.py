"""`idguard check` as a user runs it: the real CLI in a subprocess, in real git repositories.

What a folder scan leaves out and what it never leaves out, skipped files counted, ruff-style output with
a snippet that never shows a credential, every output format, filters, exit codes, a closed pipe, and the
audit entry a run leaves in an initialised workspace.
"""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys
from pathlib import Path

import idguard.server.gate.sarif
import jsonschema

IDGUARD = str(Path(sys.executable).with_name("idguard"))
UNVERIFIED = 'import jwt\n\n\ndef claims(token):\n    return jwt.decode(token, options={"verify_signature": False})\n'
ADMIN_TF = (
    'resource "aws_iam_policy" "admin" {\n  policy = jsonencode({\n'
    '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n'
)
SCHEMA = json.loads((Path(idguard.server.gate.sarif.__file__).parent / "schemas" / "sarif-2.1.0.json").read_text())


def check(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("IDGUARD_WORKSPACE", "NO_COLOR")} | (env or {})
    return subprocess.run([IDGUARD, "check", *args], cwd=cwd, capture_output=True, text=True, env=full, timeout=120)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def checked_paths(proc: subprocess.CompletedProcess) -> list[str]:
    return sorted(f["path"] for f in json.loads(proc.stdout)["files"])


def test_folders_named_env_build_or_ignored_are_found_when_it_matters(workspace: Path) -> None:
    write(workspace, "infra/env/prod/admin.tf", ADMIN_TF)
    write(workspace, "build/auth.py", UNVERIFIED)
    write(workspace, "out/auth.py", UNVERIFIED)
    write(workspace, ".gitignore", "out/\n")
    # `env/` is infrastructure code, not a virtual environment: a folder scan finds it.
    proc = check(workspace, "--format", "json", ".")
    assert checked_paths(proc) == [".gitignore", "infra/env/prod/admin.tf"] and proc.returncode == 1
    # git's ignore rules hold when the scan starts below the repository root, too.
    assert checked_paths(check(workspace / "infra", "--format", "json", "..")) == [
        ".gitignore",
        "infra/env/prod/admin.tf",
    ]
    # Named on the command line, an excluded folder and an ignored file are checked.
    assert checked_paths(check(workspace, "--format", "json", "build", "out/auth.py")) == [
        "build/auth.py",
        "out/auth.py",
    ]
    assert checked_paths(check(workspace, "--format", "json", "--no-default-excludes", ".")) == [
        ".gitignore",
        "build/auth.py",
        "infra/env/prod/admin.tf",
        "out/auth.py",
    ]
    # A virtual environment is recognised by its pyvenv.cfg, whatever its name.
    write(workspace, "tools/pyvenv.cfg", "home = /usr\n")
    write(workspace, "tools/lib/auth.py", UNVERIFIED)
    assert "tools/lib/auth.py" not in checked_paths(check(workspace, "--format", "json", "."))


def test_exclude_globs_and_show_excludes(workspace: Path) -> None:
    write(workspace, "src/auth.py", UNVERIFIED)
    write(workspace, "src/legacy/auth.py", UNVERIFIED)
    write(workspace, "tests/test_auth.py", UNVERIFIED)
    proc = check(workspace, "--format", "json", "--exclude", "legacy", "--exclude", "tests/*.py", ".")
    assert checked_paths(proc) == ["src/auth.py"]
    listed = check(workspace, "--show-excludes")
    assert listed.returncode == 0
    names = listed.stdout.splitlines()
    assert {"node_modules", ".git", "build", "dist"} <= set(names) and "env" not in names


def test_binary_and_oversized_files_are_skipped_and_counted(workspace: Path) -> None:
    write(workspace, ".idguard/policy.toml", 'profile = "standard"\n[limits]\nmax_file_bytes = 4096\n')
    (workspace / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(workspace, "data/huge.py", "x = 1\n" * 2000)
    write(workspace, "app.py", "print('hi')\n")
    proc = check(workspace, ".")
    assert proc.returncode == 0, proc.stderr
    assert "Skipped 2 files, not checked: 1 PNG image, 1 over the size limit" in proc.stdout
    report = json.loads(check(workspace, "--format", "json", ".").stdout)
    assert sorted(s["path"] for s in report["skipped"]) == ["data/huge.py", "logo.png"]
    assert report["summary"]["skipped"] == 2 and "errors" not in report


def test_text_output_is_clickable_with_a_caret_and_never_shows_a_credential(workspace: Path) -> None:
    rng = random.Random()
    token = "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
    password = "".join(rng.choice(string.ascii_lowercase) for _ in range(10)) + "-Prod-7"
    write(
        workspace,
        "auth/db.py",
        f'import psycopg2\n\nconn = psycopg2.connect(host="db", password="{password}")\n'
        f'HEADERS = {{"Authorization": "token {token}"}}\n',
    )
    write(workspace, "auth/tokens.py", UNVERIFIED)
    proc = check(workspace, "auth")
    out = proc.stdout
    assert proc.returncode == 1
    assert token not in out and token[4:16] not in out and password not in out
    lines = out.splitlines()
    at = lines.index('5 |     return jwt.decode(token, options={"verify_signature": False})')
    assert lines[at - 1].startswith("auth/tokens.py:5:12: IDG101 [critical] ") or lines[at - 2].startswith(
        "auth/tokens.py:5:12: IDG101 [critical] "
    )
    assert lines[at + 1] == "  |            " + "^" * len('jwt.decode(token, options={"verify_signature": False})')
    assert '3 | conn = psycopg2.connect(host="db", password="[redacted]")' in lines
    assert lines[-1].startswith("Checked 2 files (2 identity-related): 2 block, 0 review, 0 pass; ")
    assert "\033[" not in out
    coloured = check(workspace, "--color", "always", "auth").stdout
    assert "\033[1;31mIDG101\033[0m" in coloured and token not in coloured
    assert "\033[" not in check(workspace, "--color", "auto", "auth", env={"NO_COLOR": "1"}).stdout


def test_sarif_and_github_formats(workspace: Path) -> None:
    write(workspace, "auth/tokens.py", UNVERIFIED)
    (workspace / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(10))
    proc = check(workspace, "--format", "sarif", ".")
    log = json.loads(proc.stdout)
    jsonschema.validate(log, SCHEMA)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "IDG101" and proc.returncode == 1
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "auth/tokens.py"
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("logo.png" in json.dumps(n) for n in notes)
    github = check(workspace, "--format", "github", ".")
    [line] = github.stdout.splitlines()
    assert line.startswith("::error file=auth/tokens.py,line=5,col=12,") and "title=IDG101 " in line


def test_select_ignore_quiet_statistics_and_exit_codes(workspace: Path) -> None:
    write(workspace, "auth/tokens.py", UNVERIFIED)
    write(workspace, "infra/admin.tf", ADMIN_TF)
    assert check(workspace, ".").returncode == 1
    only_config = check(workspace, "--format", "json", "--select", "IDG2", ".")
    ids = {f["guard_id"] for file in json.loads(only_config.stdout)["files"] for f in file["findings"]}
    assert ids == {"IDG200"} and only_config.returncode == 1
    # With every blocking guard ignored nothing blocks: identity files still need review, exit 0.
    ignored = check(workspace, "--ignore", "IDG101,IDG200", ".")
    assert ignored.returncode == 0, ignored.stdout
    assert "review auth/tokens.py" in ignored.stdout
    bad = check(workspace, "--select", "XYZ9", ".")
    assert bad.returncode == 2 and bad.stderr.strip() == (
        "idguard: error: --select XYZ9: no guard id starts with it (`idguard guards` lists them)"
    )
    quiet = check(workspace, "-q", ".")
    assert "Checked" not in quiet.stdout and ": IDG101 " in quiet.stdout
    stats = check(workspace, "--statistics", ".").stdout.splitlines()
    assert [line.split("\t")[:2] for line in stats] == [["1", "IDG101"], ["1", "IDG200"]]


def test_a_closed_pipe_ends_quietly(workspace: Path) -> None:
    for n in range(400):
        write(workspace, f"auth/t{n:03}.py", UNVERIFIED)
    proc = subprocess.Popen(
        [IDGUARD, "check", "--jobs", "2", "."],
        cwd=workspace,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "NO_COLOR"},
    )
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and err == b""


def test_runs_are_audited_only_in_an_initialised_workspace(workspace: Path) -> None:
    write(workspace, "auth/tokens.py", UNVERIFIED)
    check(workspace, "auth")
    assert not (workspace / ".idguard").exists()
    (workspace / ".idguard").mkdir()
    check(workspace, "auth")
    shown = subprocess.run(
        [IDGUARD, "audit", "show", "--event", "check", "--format", "json"],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.strip()
    entries = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines()]
    [entry] = entries
    assert entry["data"]["files"] == 1 and entry["data"]["findings"] == {"IDG101": 1}
    assert entry["data"]["verdicts"] == {"block": 1} and len(entry["data"]["content_sha256"]) == 1


def test_the_caret_stays_under_the_span_on_a_tab_indented_line(workspace: Path) -> None:
    write(workspace, "auth/tabs.py", UNVERIFIED.replace("    return", "\treturn"))
    lines = check(workspace, "auth").stdout.splitlines()
    at = lines.index('5 | \treturn jwt.decode(token, options={"verify_signature": False})')
    assert lines[at + 1] == "  | \t       " + "^" * len('jwt.decode(token, options={"verify_signature": False})')
