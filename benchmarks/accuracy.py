"""Guard accuracy on a labelled corpus: recall on vulnerable files, precision, clean correct files.

The corpus is `benchmarks/corpus/<area>/{vulnerable,correct}/**/<file>` for any
file type the engine reads (Python, JSON, YAML, Terraform, ...). Labels are line
annotations in the file's own comment syntax:

    token = jwt.encode(payload, key)  # expect: IDG115
    claims = jwt.decode(t, k, algorithms=["RS256"])  # ok: IDG110, IDG111
    # expect: IDG116          <- a comment-only line labels the next code line

Formats without comments (JSON) use a sidecar `<file>.expect` with one label per
line: `12: IDG245` (same as `12: expect: IDG245`), `12: ok: IDG110`, or
`*: IDG245` when the finding may be anywhere in the file.

Figures printed:
- recall (headline, file level): of the ids expected in each vulnerable file,
  the share the engine reports anywhere in that file; also line-level recall;
- clean correct files (headline): share of files under `correct/` with no
  active finding of medium or higher severity, and which guards made the
  others noisy;
- precision (line level): findings on a line labelled `expect` with that id,
  over all active medium-or-higher findings of guards that have a label
  anywhere in the corpus (low/info findings are notices; they are counted
  separately and never make a file noisy);
- the same per guard category and per guard.

Run: .venv/bin/python benchmarks/accuracy.py [--corpus DIR] [--verbose] [--json]
         [--min-recall 0.95] [--min-clean 0.95]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from idguard.guards import Severity, check_code, load_guards

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
SIDECAR_SUFFIX = ".expect"
LABELS = ("vulnerable", "correct")

_GUARD_IDS = r"IDG\d{3}(?:\s*,\s*IDG\d{3})*"
_ANNOTATION = re.compile(rf"\b(?P<kind>expect|ok):\s*(?P<ids>{_GUARD_IDS})")
# A comment start in any of the formats the engine reads: #, //, --, /*, <!--, ;
_COMMENT = re.compile(r"(?:#|//|--|/\*|<!--|;)\s*(?:expect|ok):")
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|--|/\*|<!--|;)")
_SIDECAR_LINE = re.compile(rf"^\s*(?P<line>\d+|\*)\s*:\s*(?:(?P<kind>expect|ok)\s*:)?\s*(?P<ids>{_GUARD_IDS})\s*$")
FILE_LEVEL = 0  # the "line" of a label that may match anywhere in the file


@dataclass
class Expectations:
    """Labels of one file: line -> guard ids expected / forbidden there (line 0 = anywhere)."""

    expect: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    ok: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def expected_ids(self) -> set[str]:
        return set().union(*self.expect.values()) if self.expect else set()

    @property
    def labelled_ids(self) -> set[str]:
        return self.expected_ids | (set().union(*self.ok.values()) if self.ok else set())

    def expects(self, guard_id: str, line: int) -> bool:
        return guard_id in self.expect.get(line, ()) or guard_id in self.expect.get(FILE_LEVEL, ())


def _ids(text: str) -> set[str]:
    return {part.strip() for part in text.split(",") if part.strip()}


def read_expectations(path: Path, text: str | None = None) -> Expectations:
    """Parse the `expect:` / `ok:` labels of `path` (inline comments, or its `.expect` sidecar)."""
    labels = Expectations()
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.exists():
        for number, raw in enumerate(sidecar.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            match = _SIDECAR_LINE.match(raw)
            if match is None:
                raise ValueError(f"{sidecar}:{number}: expected `LINE: [expect:|ok:] IDGnnn[, IDGnnn]`")
            line = FILE_LEVEL if match["line"] == "*" else int(match["line"])
            target = labels.ok if match["kind"] == "ok" else labels.expect
            target[line] |= _ids(match["ids"])
    text = path.read_text(encoding="utf-8") if text is None else text
    pending: list[tuple[str, set[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _COMMENT.search(line) is None:
            if pending and line.strip() and not _COMMENT_ONLY.match(line):
                for kind, ids in pending:
                    (labels.expect if kind == "expect" else labels.ok)[number] |= ids
                pending = []
            continue
        found = [(m["kind"], _ids(m["ids"])) for m in _ANNOTATION.finditer(line)]
        if _COMMENT_ONLY.match(line):
            pending.extend(found)  # a label on its own line belongs to the next code line
        else:
            for kind, ids in found:
                (labels.expect if kind == "expect" else labels.ok)[number] |= ids
    return labels


def corpus_files(corpus: Path) -> list[tuple[str, str, Path]]:
    """(area, label, path) for every labelled file, whatever its extension."""
    found = []
    for path in sorted(corpus.rglob("*")):
        if not path.is_file() or path.name.endswith(SIDECAR_SUFFIX) or path.name.startswith((".", "README")):
            continue
        parts = path.relative_to(corpus).parts
        label = next((p for p in parts if p in LABELS), None)
        if label is None:
            continue
        found.append((parts[0], label, path))
    return found


@dataclass
class Tally:
    expected: int = 0  # (file, guard id) pairs labelled `expect` in vulnerable files
    found_file: int = 0  # ... of which the guard reported anywhere in the file
    expected_lines: int = 0  # (file, line, guard id) labels
    found_line: int = 0  # ... of which the guard reported on that line
    findings: int = 0
    true_positives: int = 0

    def add(self, other: Tally) -> None:
        for name in ("expected", "found_file", "expected_lines", "found_line", "findings", "true_positives"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    def as_dict(self) -> dict[str, object]:
        return {
            "expected": self.expected,
            "recall_file": self.ratio(self.found_file, self.expected),
            "recall_line": self.ratio(self.found_line, self.expected_lines),
            "findings": self.findings,
            "precision": self.ratio(self.true_positives, self.findings),
        }


def measure(corpus: Path) -> dict[str, object]:
    guards = load_guards()
    files = corpus_files(corpus)
    labelled: dict[Path, Expectations] = {path: read_expectations(path) for _, _, path in files}
    # Precision is judged only for guards the corpus labels somewhere; others are not under test here.
    scored_ids = set().union(*(e.labelled_ids for e in labelled.values())) if labelled else set()

    per_guard: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    false_positives: list[str] = []
    dirty_correct: list[str] = []
    dirtied_by: dict[str, int] = defaultdict(int)  # guard id -> correct files it alone or jointly made noisy
    correct_total = correct_clean = notices = 0

    for _area, label, path in files:
        expectations = labelled[path]
        text = path.read_text(encoding="utf-8")
        # Only the file name: classification must work from what a real repository path would say.
        result = check_code(text, path=path.name)
        active = [f for f in result.findings if not f.suppressed]
        shown = path.relative_to(corpus)

        if label == "correct":
            correct_total += 1
            loud = [f for f in active if f.severity >= Severity.medium]
            if loud:
                dirty_correct.append(f"{shown}: " + ", ".join(f"{f.guard_id}@{f.line}" for f in loud))
                for guard_id in {f.guard_id for f in loud}:
                    dirtied_by[guard_id] += 1
            else:
                correct_clean += 1

        for guard_id in expectations.expected_ids if label == "vulnerable" else ():
            wanted_lines = {line for line, ids in expectations.expect.items() if guard_id in ids}
            tally = per_guard[guard_id]
            on_file = any(f.guard_id == guard_id for f in active)
            tally.expected += 1
            tally.found_file += on_file
            for line in wanted_lines:
                on_line = (
                    line == FILE_LEVEL and on_file or any(f.guard_id == guard_id and f.line == line for f in active)
                )
                tally.expected_lines += 1
                tally.found_line += on_line
                if not on_line:
                    misses.append(f"{shown}:{line or '*'} {guard_id}" + ("" if on_file else " (not in file)"))

        for finding in active:
            if finding.guard_id not in scored_ids:
                continue
            if finding.severity < Severity.medium:
                notices += 1
                continue
            tally = per_guard[finding.guard_id]
            tally.findings += 1
            if expectations.expects(finding.guard_id, finding.line):
                tally.true_positives += 1
            else:
                false_positives.append(f"{shown}:{finding.line} {finding.guard_id} {finding.message}")

    per_category: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for guard_id, tally in per_guard.items():
        guard = guards.get(guard_id)
        category = guard.meta.categories[0] if guard is not None and guard.meta.categories else "other"
        per_category[category].add(tally)
        total.add(tally)

    return {
        "files": len(files),
        "vulnerable_files": sum(1 for _, label, _ in files if label == "vulnerable"),
        "correct_files": correct_total,
        "recall_file": Tally.ratio(total.found_file, total.expected),
        "recall_line": Tally.ratio(total.found_line, total.expected_lines),
        "precision": Tally.ratio(total.true_positives, total.findings),
        "low_notices": notices,
        "correct_clean": Tally.ratio(correct_clean, correct_total),
        "per_category": {k: v.as_dict() for k, v in sorted(per_category.items())},
        "per_guard": {k: v.as_dict() for k, v in sorted(per_guard.items())},
        "misses": misses,
        "false_positives": false_positives,
        "dirty_correct_files": dirty_correct,
        "correct_files_dirtied_by": dict(sorted(dirtied_by.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def _pct(value: object) -> str:
    return "   -  " if value is None else f"{float(value) * 100:5.1f}%"  # type: ignore[arg-type]


def render(report: dict[str, object], verbose: bool) -> str:
    out = [
        f"corpus: {report['files']} files ({report['vulnerable_files']} vulnerable, {report['correct_files']} correct)",
        "",
        f"{'category':<18}{'expected':>9}{'recall(file)':>14}{'recall(line)':>14}{'findings':>10}{'precision':>11}",
    ]
    for name, row in report["per_category"].items():  # type: ignore[union-attr]
        out.append(
            f"{name:<18}{row['expected']:>9}{_pct(row['recall_file']):>14}{_pct(row['recall_line']):>14}"
            f"{row['findings']:>10}{_pct(row['precision']):>11}"
        )
    if verbose:
        out += [
            "",
            f"{'guard':<18}{'expected':>9}{'recall(file)':>14}{'recall(line)':>14}{'findings':>10}{'precision':>11}",
        ]
        for name, row in report["per_guard"].items():  # type: ignore[union-attr]
            out.append(
                f"{name:<18}{row['expected']:>9}{_pct(row['recall_file']):>14}{_pct(row['recall_line']):>14}"
                f"{row['findings']:>10}{_pct(row['precision']):>11}"
            )
        for title, key in (
            ("missed labels", "misses"),
            ("unlabelled findings", "false_positives"),
            ("correct files with a medium+ finding", "dirty_correct_files"),
        ):
            items = report[key]
            if items:
                out += ["", f"{title}:"] + [f"  {item}" for item in items]  # type: ignore[union-attr]
    dirtied = report["correct_files_dirtied_by"]
    if dirtied:
        out += [
            "",
            "correct files with a medium+ finding, by guard: " + ", ".join(f"{gid} {n}" for gid, n in dirtied.items()),
        ]  # type: ignore[union-attr]
    out += [
        "",
        f"recall on vulnerable files (file level): {_pct(report['recall_file'])}   (line level {_pct(report['recall_line'])})",
        f"correct files with no medium+ finding:   {_pct(report['correct_clean'])}",
        f"precision (line level, medium+):         {_pct(report['precision'])}   ({report['low_notices']} low notices)",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus root (default: %(default)s)")
    parser.add_argument("--verbose", "-v", action="store_true", help="per-guard table, misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--min-recall", type=float, default=None, help="exit 1 when file-level recall is lower")
    parser.add_argument(
        "--min-clean", type=float, default=None, help="exit 1 when the clean share of correct files is lower"
    )
    args = parser.parse_args(argv)
    report = measure(args.corpus)
    print(json.dumps(report, indent=2) if args.json else render(report, args.verbose))
    failed = (args.min_recall is not None and (report["recall_file"] or 0) < args.min_recall) or (
        args.min_clean is not None and (report["correct_clean"] or 0) < args.min_clean
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
