"""Realistic Go identity modules under tests/fixtures/go (net/http, chi, gin, echo, gRPC), checked line by line.

Each fixture line may carry `// expect: IDG4xx` (that guard must report on this line) or `// ok: IDG4xx` (it
must not). Every finding of a Go guard (IDG4xx) must be labelled `expect` on its line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from idguard.guards import check_code, load_guards
from idguard.guards.go.support.guard import GoGuard
from idguard.guards.models import Severity

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "go"

_spec = importlib.util.spec_from_file_location("idguard_accuracy", ROOT / "benchmarks" / "accuracy.py")
assert _spec is not None and _spec.loader is not None
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy
_spec.loader.exec_module(accuracy)

GO_IDS = {gid for gid, g in load_guards().items() if issubclass(g, GoGuard)}
FIXTURE_FILES = sorted(FIXTURES.glob("*.go"))


def test_fixtures_cover_the_frameworks():
    text = "\n".join(p.read_text(encoding="utf-8") for p in FIXTURE_FILES)
    for framework in ("net/http", "go-chi/chi", "gin-gonic/gin", "labstack/echo", "google.golang.org/grpc"):
        assert framework in text, framework


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_findings_match_line_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    labels = accuracy.read_expectations(path, text)
    assert labels.labelled_ids, f"{path.name} has no `// expect:` / `// ok:` labels"
    result = check_code(text, path=path.name)
    assert result.language == "go" and result.identity_related
    assert not [f for f in result.findings if f.guard_id == "IDG000"], "the fixture must parse"
    found = {(f.guard_id, f.line) for f in result.findings if not f.suppressed}
    problems = []
    for line, ids in sorted(labels.expect.items()):
        problems += [f"line {line}: expected {gid}, not reported" for gid in sorted(ids) if (gid, line) not in found]
    for line, ids in sorted(labels.ok.items()):
        problems += [
            f"line {line}: {gid} reported on a line labelled ok" for gid in sorted(ids) if (gid, line) in found
        ]
    for guard_id, line in sorted(found, key=lambda x: (x[1], x[0])):
        if guard_id in GO_IDS and not labels.expects(guard_id, line):
            problems.append(f"line {line}: unexpected {guard_id}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_clean_fixture_has_no_medium_or_higher_finding():
    result = check_code((FIXTURES / "clean_identity_service.go").read_text(encoding="utf-8"), path="identity.go")
    assert [f for f in result.findings if f.severity >= Severity.medium and not f.suppressed] == []
    assert result.verdict == "review"  # identity code: reviewed, never blocked for being careful


def test_every_go_guard_is_exercised_by_a_fixture():
    expected = set()
    for path in FIXTURE_FILES:
        labels = accuracy.read_expectations(path)
        expected |= {gid for ids in labels.expect.values() for gid in ids}
    assert expected >= GO_IDS, sorted(GO_IDS - expected)
