"""Interop with detect-secrets, run for real: idguard writes a baseline `detect-secrets audit` opens, and
reads the values audited as not secret (`"is_secret": false`) back as an allow-list.

Secret-shaped values are built at run time; none is committed.
"""

from __future__ import annotations

import hashlib
import json
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.guards.policy import Policy, SecretsPolicy
from idguard.guards.secrets import find_secrets
from idguard.guards.secrets.detect_secrets_baseline import BaselineError, audited_false_positives

BIN = Path(sys.executable).parent
RNG = random.Random(611)
ALNUM = string.ascii_letters + string.digits


def _value(n: int) -> str:
    return "".join(RNG.choice(ALNUM) for _ in range(n - 2)) + "x9"


def _run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def _idg001(repo: Path, *paths: str) -> list[int]:
    out = _run([str(BIN / "idguard"), "check", "--format", "json", "--select", "IDG001", *paths], repo)
    return [f["line"] for file in json.loads(out.stdout)["files"] for f in file["findings"]]


def test_a_written_baseline_is_audited_with_detect_secrets_and_its_verdicts_are_honoured(repo: Path):
    (repo / "settings.py").write_text(f'DB_PASSWORD = "{_value(16)}"\nSMTP_PASSWORD = "{_value(18)}"\n')
    assert _idg001(repo, "settings.py") == [1, 2]

    written = _run([str(BIN / "idguard"), "check", "--format", "detect-secrets-baseline", "settings.py"], repo)
    baseline = json.loads(written.stdout)
    entries = baseline["results"]["settings.py"]
    assert [(e["type"], e["line_number"]) for e in entries] == [("Secret Keyword", 1), ("Secret Keyword", 2)]
    (repo / ".secrets.baseline").write_text(written.stdout)

    # detect-secrets' own interactive audit: "should this string be committed?" yes (a false positive) for
    # the first, no (a real secret) for the second.
    audit = _run([str(BIN / "detect-secrets"), "audit", ".secrets.baseline"], repo, stdin="y\nn\n")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    audited = json.loads((repo / ".secrets.baseline").read_text())["results"]["settings.py"]
    assert [e.get("is_secret") for e in audited] == [False, True]

    assert _idg001(repo, "settings.py") == [2]


def test_false_positives_of_a_detect_secrets_scan_baseline_are_allowed(repo: Path):
    kept, audited_away = _value(20), _value(20)
    (repo / "app.yaml").write_text(f'api:\n  password: "{audited_away}"\nsmtp:\n  password: "{kept}"\n')
    scan = _run([str(BIN / "detect-secrets"), "scan", "app.yaml"], repo)
    baseline = json.loads(scan.stdout)
    for entry in baseline["results"]["app.yaml"]:
        entry["is_secret"] = entry["line_number"] != 2  # what `audit` records for a false positive
    (repo / ".secrets.baseline").write_text(json.dumps(baseline))
    assert _idg001(repo, "app.yaml") == [4]


def test_audited_hashes_become_the_policy_allow_list():
    value = _value(24)
    text = f'password = "{value}"\n'
    hashed = hashlib.sha1(value.encode()).hexdigest()
    baseline = {"results": {"a.py": [{"hashed_secret": hashed, "is_secret": False}, {"hashed_secret": "0" * 40}]}}
    assert audited_false_positives(baseline) == [hashed]
    assert find_secrets(text) != []
    assert find_secrets(text, policy=Policy(secrets=SecretsPolicy(allow_sha1=[hashed]))) == []


@pytest.mark.parametrize("content", ["[]", '{"results": []}', '{"results": {"a.py": {}}}'])
def test_a_file_that_is_no_baseline_is_an_error_naming_it(repo: Path, content: str):
    with pytest.raises(BaselineError):
        audited_false_positives(json.loads(content))
    (repo / ".secrets.baseline").write_text(content)
    (repo / "a.txt").write_text("hello\n")
    out = _run([str(BIN / "idguard"), "check", "a.txt"], repo)
    assert out.returncode == 2 and ".secrets.baseline: not a readable detect-secrets baseline" in out.stderr
