"""benchmarks/accuracy.py measures what it claims: file/line recall, precision, clean correct files."""

from __future__ import annotations

import json
from pathlib import Path

import accuracy

ROOT = Path(__file__).resolve().parents[3]

VULNERABLE = '''"""Token service."""
import jwt


def mint(user, key):
    return jwt.encode({"sub": user.id}, key, algorithm="HS256")  # expect: IDG115


def read(token, key):
    return jwt.decode(token, key)  # expect: IDG108
'''

CORRECT_CLEAN = '''"""Token service."""
import jwt


def read(token, key):
    return jwt.decode(token, key, algorithms=["RS256"], audience="api")  # ok: IDG110
'''

CORRECT_NOISY = '''"""Token service."""
import jwt


def read(token, key):
    return jwt.decode(token, key)
'''


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for relative, text in {
        "python/vulnerable/token_service.py": VULNERABLE,
        "python/correct/token_service.py": CORRECT_CLEAN,
        "python/correct/legacy_token_service.py": CORRECT_NOISY,
        "config/vulnerable/policy.json": '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n',
    }.items():
        path = corpus / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return corpus


def test_measure_counts_recall_precision_and_clean_files(tmp_path: Path):
    report = accuracy.measure(_corpus(tmp_path))
    assert report["files"] == 4 and report["vulnerable_files"] == 2 and report["correct_files"] == 2
    # IDG115 is found; the IDG108 label is wrong (the call misses algorithms=, it does not allow "none").
    assert report["per_guard"]["IDG115"]["recall_file"] == 1.0
    assert report["per_guard"]["IDG108"]["recall_file"] == 0.0
    assert report["recall_file"] == 0.5
    assert any("token_service.py:10 IDG108" in miss for miss in report["misses"])
    # IDG110 is labelled `ok` somewhere, so its unlabelled findings count against precision.
    assert report["per_guard"]["IDG110"]["findings"] == 2
    assert report["per_guard"]["IDG110"]["precision"] == 0.0
    assert report["correct_clean"] == 0.5
    assert report["dirty_correct_files"] and "legacy_token_service.py" in report["dirty_correct_files"][0]
    assert report["correct_files_dirtied_by"] == {"IDG110": 1}


def test_cli_exit_code_follows_the_targets(tmp_path: Path, capsys):
    corpus = _corpus(tmp_path)
    assert accuracy.main(["--corpus", str(corpus), "--min-recall", "0.4", "--min-clean", "0.4"]) == 0
    assert accuracy.main(["--corpus", str(corpus), "--min-recall", "0.95"]) == 1
    capsys.readouterr()
    assert accuracy.main(["--corpus", str(corpus), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["recall_file"] == 0.5
