"""Fixtures and the labelled corpus, compared with the guards' findings line by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from config_annotations import read_annotations
from idguard.guards import check_code
from idguard.guards.models import Severity

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "config"
CORPUS = ROOT / "benchmarks" / "corpus" / "config"
SUFFIXES = {".json", ".yaml", ".yml", ".tf"}

# odd_shapes/ holds malformed-but-parseable input for the robustness test, not labelled fixtures.
FILES = sorted(
    p for base in (FIXTURES, CORPUS) for p in base.rglob("*") if p.suffix in SUFFIXES and "odd_shapes" not in p.parts
) + sorted(FIXTURES.glob("*.py"))  # IAM documents passed to boto3 (IDG260)


def _config_findings(path: Path):
    # The path relative to its folder: a name without identity words, as a third party would send it.
    result = check_code(path.read_text(encoding="utf-8"), path=path.name)
    return result, {(f.line, f.guard_id) for f in result.findings if f.guard_id.startswith("IDG2") and not f.suppressed}


def test_corpus_is_large_and_balanced():
    vulnerable = [p for p in FILES if "vulnerable" in p.parts]
    correct = [p for p in FILES if "correct" in p.parts]
    assert len(vulnerable) + len(correct) >= 40
    assert abs(len(vulnerable) - len(correct)) <= 5
    assert {p.suffix for p in vulnerable} >= {".json", ".yaml", ".tf"}


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_findings_match_annotations_line_by_line(path: Path):
    expected, ok = read_annotations(path)
    result, found = _config_findings(path)
    assert found >= expected, f"missed: {sorted(expected - found)}"
    assert not (found - expected), f"unexpected: {sorted(found - expected)}"
    assert not (found & ok), f"fired on ok lines: {sorted(found & ok)}"
    if "vulnerable" in path.parts:
        assert expected, "a vulnerable corpus file must carry expectations"


@pytest.mark.parametrize("path", [p for p in FILES if "correct" in p.parts], ids=lambda p: p.name)
def test_correct_files_have_no_medium_or_higher_finding(path: Path):
    result, _ = _config_findings(path)
    serious = [(f.line, f.guard_id) for f in result.findings if f.severity >= Severity.medium and not f.suppressed]
    assert serious == []
    assert result.verdict != "block"
