"""Realistic identity modules under tests/fixtures/python, checked line by line (semgrep-rules style).

Each fixture line may carry `# expect: IDG1xx` (that guard must report on this
line) or `# ok: IDG1xx` (it must not). Every finding of a Python identity guard
(IDG1xx) must be labelled `expect` on its line: an unlabelled finding is a false
positive, a label without a finding is a miss.
"""

from __future__ import annotations

from pathlib import Path

import accuracy
import pytest
from idguard.guards import check_code, load_guards
from idguard.guards.python.support.guard import PythonGuard

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "python"


STRICT_IDS = {gid for gid, g in load_guards().items() if issubclass(g, PythonGuard) and gid.startswith("IDG1")}
FIXTURE_FILES = sorted(FIXTURES.glob("*.py"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_findings_match_line_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    labels = accuracy.read_expectations(path, text)
    assert labels.labelled_ids, f"{path.name} has no `# expect:` / `# ok:` labels"
    unknown = labels.labelled_ids - set(load_guards())
    assert not unknown, f"{path.name} labels unknown guard ids {sorted(unknown)}"
    result = check_code(text, path=path.name)
    assert result.identity_related, f"{path.name} is not classified as identity code"
    found = {(f.guard_id, f.line) for f in result.findings if not f.suppressed}

    problems = []
    for line, ids in sorted(labels.expect.items()):
        for guard_id in sorted(ids):
            if (guard_id, line) not in found:
                problems.append(f"line {line}: expected {guard_id}, not reported")
    for line, ids in sorted(labels.ok.items()):
        for guard_id in sorted(ids & {gid for gid, at in found if at == line}):
            problems.append(f"line {line}: {guard_id} reported on a line labelled ok")
    for guard_id, line in sorted(found, key=lambda x: (x[1], x[0])):
        if guard_id in STRICT_IDS and not labels.expects(guard_id, line) and guard_id not in labels.ok.get(line, ()):
            problems.append(f"line {line}: unexpected {guard_id}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_annotation_parser_reads_inline_next_line_and_sidecar_labels(tmp_path: Path):
    source = tmp_path / "svc.py"
    source.write_text(
        "a = 1  # expect: IDG115, IDG116 ok: IDG110\n"
        "# expect: IDG101\n"
        "\n"
        "b = 2\n"
        "c = 3  # an ordinary comment mentioning expect\n",
        encoding="utf-8",
    )
    labels = accuracy.read_expectations(source)
    assert labels.expect[1] == {"IDG115", "IDG116"} and labels.ok[1] == {"IDG110"}
    assert labels.expect[4] == {"IDG101"} and 2 not in labels.expect and 5 not in labels.expect

    document = tmp_path / "policy.json"
    document.write_text('{"Action": "*"}\n', encoding="utf-8")
    (tmp_path / "policy.json.expect").write_text("1: IDG245\n*: expect: IDG246\n1: ok: IDG247\n", encoding="utf-8")
    labels = accuracy.read_expectations(document)
    assert labels.expect[1] == {"IDG245"} and labels.ok[1] == {"IDG247"}
    assert labels.expects("IDG246", 99) and not labels.expects("IDG245", 2)

    (tmp_path / "broken.json.expect").write_text("line one: IDG245\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json.expect:1"):
        accuracy.read_expectations(tmp_path / "broken.json")
