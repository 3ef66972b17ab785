"""Realistic TypeScript/JavaScript identity modules under tests/fixtures/typescript, checked line by line.

Each fixture line may carry `// expect: IDG3xx` (that guard must report on this line) or `// ok: IDG3xx` (it
must not). Every finding of a TS/JS guard (IDG3xx) must be labelled `expect` on its line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from idguard.guards import check_code, load_guards
from idguard.guards.typescript.support.guard import ScriptGuard

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "typescript"

_spec = importlib.util.spec_from_file_location("idguard_accuracy", ROOT / "benchmarks" / "accuracy.py")
assert _spec is not None and _spec.loader is not None
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy
_spec.loader.exec_module(accuracy)

SCRIPT_IDS = {gid for gid, g in load_guards().items() if issubclass(g, ScriptGuard)}
FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"))


def test_there_are_fixtures_in_every_dialect():
    assert {p.suffix for p in FIXTURE_FILES} >= {".ts", ".tsx", ".js", ".mjs"}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_findings_match_line_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    labels = accuracy.read_expectations(path, text)
    assert labels.labelled_ids, f"{path.name} has no `// expect:` / `// ok:` labels"
    result = check_code(text, path=path.name)
    assert result.identity_related
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
        if guard_id in SCRIPT_IDS and not labels.expects(guard_id, line):
            problems.append(f"line {line}: unexpected {guard_id}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_every_typescript_guard_is_exercised_by_a_fixture():
    expected = set()
    for path in FIXTURE_FILES:
        labels = accuracy.read_expectations(path)
        expected |= {gid for ids in labels.expect.values() for gid in ids}
    assert expected >= SCRIPT_IDS, sorted(SCRIPT_IDS - expected)
