"""Test evidence for identity changes: which changed identity units ran, and which of their failure paths.

Coverage data comes from the project's own test run:

- coverage.py JSON (`coverage run --branch -m pytest && coverage json`): `files.<path>.executed_lines`;
- Cobertura XML (`coverage xml`, and what most other languages' tools write): `<class filename=...>` with
  `<line number=... hits=...>`, paths relative to a `<source>`.

A unit *ran* when any line of its body ran; a failure path ran when its first line did (a raise, a denying
return, the body of a failed check, the first line of a handler). Paths are matched to the repository by
their relative path, or by suffix when the tool recorded absolute paths of another checkout.

Which test files reference a unit is read from the repository's test files (`test_*.py`, `*_test.py`, files
under `tests/`): those that name the unit's function.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Literal

from idguard.guards.policy import Policy, TestRequirement
from idguard.guards.units import Unit
from pydantic import BaseModel, Field

TEST_FILE = re.compile(r"(?:^|/)(?:tests?/.*\.py|test_[^/]*\.py|[^/]*_test\.py)$")
REQUIREMENT_ORDER = {"none": 0, "executed": 1, "failure-paths": 2}


class CoverageError(Exception):
    """The coverage file cannot be read (the message says which and why)."""


@dataclass(frozen=True)
class CoveredFile:
    executed: frozenset[int]
    measured: frozenset[int]  # executed or missing: the lines the tool could run


class Coverage:
    """Lines that ran, by repository-relative path."""

    def __init__(self, files: dict[str, CoveredFile], source: str) -> None:
        self.files = files
        self.source = source

    def lookup(self, rel: str) -> CoveredFile | None:
        if rel in self.files:
            return self.files[rel]
        matches = [path for path in self.files if path.endswith("/" + rel)]
        return self.files[matches[0]] if len(matches) == 1 else None


def _relative(path: str, root: Path) -> str:
    posix = path.replace("\\", "/")
    try:
        return PurePosixPath(posix).relative_to(root.resolve().as_posix()).as_posix()
    except ValueError:
        return posix.removeprefix("./")


def load_coverage(file: Path, root: Path) -> Coverage:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CoverageError(
            f"cannot read coverage data {file}: {getattr(exc, 'strerror', None) or type(exc).__name__}"
        ) from None
    if text.lstrip().startswith("<"):
        return _cobertura(text, file, root)
    try:
        data = json.loads(text)
        files = data["files"]
        covered = {
            _relative(path, root): CoveredFile(
                frozenset(entry.get("executed_lines", [])),
                frozenset(entry.get("executed_lines", [])) | frozenset(entry.get("missing_lines", [])),
            )
            for path, entry in files.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        raise CoverageError(
            f"{file}: not coverage.py JSON (expected `coverage json` output with a `files` table) or Cobertura XML"
        ) from None
    return Coverage(covered, f"coverage.py JSON {file.name}")


def _cobertura(text: str, file: Path, root: Path) -> Coverage:
    try:
        tree = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise CoverageError(f"{file}: not valid XML ({exc})") from None
    if tree.tag != "coverage":
        raise CoverageError(f"{file}: not Cobertura XML (root element <{tree.tag}>, expected <coverage>)")
    sources = [s.text or "" for s in tree.iter("source")] or [""]
    executed: dict[str, set[int]] = {}
    measured: dict[str, set[int]] = {}
    for cls in tree.iter("class"):
        name = cls.get("filename") or ""
        candidates = [_relative(str(Path(src) / name) if src else name, root) for src in sources]
        rel = next((c for c in candidates if (root / c).is_file()), candidates[0])
        for line in cls.iter("line"):
            try:
                number, hits = int(line.get("number", "")), int(line.get("hits", "0"))
            except ValueError:
                continue
            measured.setdefault(rel, set()).add(number)
            if hits > 0:
                executed.setdefault(rel, set()).add(number)
    files = {rel: CoveredFile(frozenset(executed.get(rel, ())), frozenset(lines)) for rel, lines in measured.items()}
    return Coverage(files, f"Cobertura XML {file.name}")


class PathEvidence(BaseModel):
    line: int
    kind: str
    description: str
    ran: bool | None = Field(None, description="None: no coverage data for the file")


class UnitEvidence(BaseModel):
    path: str
    unit: str
    line: int
    categories: list[str]
    executed: bool | None = None
    failure_paths: list[PathEvidence] = Field(default_factory=list)
    tests: list[str] = Field(default_factory=list, description="test files that name this unit")
    required: Literal["none", "executed", "failure-paths"] = "none"
    missing: list[str] = Field(default_factory=list, description="what the policy requires and the data lacks")

    @property
    def satisfied(self) -> bool:
        return not self.missing


def requirement_for(policy: Policy, rel: str, categories: list[str]) -> TestRequirement:
    """What the policy asks of a unit in `rel` touching `categories` (the strictest applicable rule)."""
    tests = policy.tests
    required: TestRequirement = "none"
    if not tests.categories or set(categories) & set(tests.categories):
        required = tests.require
    for rule in tests.paths:
        if fnmatch(rel, rule.glob) and REQUIREMENT_ORDER[rule.require] > REQUIREMENT_ORDER[required]:
            required = rule.require
    return required


def evidence_for(
    rel: str,
    units: list[Unit],
    coverage: Coverage | None,
    policy: Policy,
    tests_by_name: dict[str, list[str]] | None = None,
) -> list[UnitEvidence]:
    covered = coverage.lookup(rel) if coverage is not None else None
    out = []
    for unit in units:
        short = unit.name.rsplit(".", 1)[-1]
        required = requirement_for(policy, rel, unit.categories)
        executed = None if covered is None else bool(set(unit.body_lines) & covered.executed)
        paths = [
            PathEvidence(
                line=p.line,
                kind=p.kind,
                description=p.description,
                ran=None if covered is None else p.line in covered.executed,
            )
            for p in unit.failure_paths
        ]
        missing: list[str] = []
        if required != "none":
            if coverage is None:
                missing.append("no coverage data (pass --coverage FILE)")
            elif covered is None:
                missing.append(f"{rel} is not in the coverage data: no test ran it")
            elif not executed:
                missing.append("no test executed it")
            elif required == "failure-paths":
                missing += [f"line {p.line} ({p.description}) never ran" for p in paths if not p.ran]
        out.append(
            UnitEvidence(
                path=rel,
                unit=unit.name,
                line=unit.start,
                categories=unit.categories,
                executed=executed,
                failure_paths=paths,
                tests=(tests_by_name or {}).get(short, []),
                required=required,
                missing=missing,
            )
        )
    return out


def test_files(root: Path, listed: list[str]) -> dict[str, str]:
    """The repository's test files (from `listed`, the tracked paths) and their text."""
    texts = {}
    for rel in listed:
        if TEST_FILE.search(rel):
            try:
                texts[rel] = (root / rel).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
    return texts


def tests_naming(units: list[Unit], texts: dict[str, str]) -> dict[str, list[str]]:
    """For each unit's function name, the test files that name it (a call or an import)."""
    names = {u.name.rsplit(".", 1)[-1] for u in units}
    found: dict[str, list[str]] = {}
    for name in names:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        found[name] = sorted(rel for rel, text in texts.items() if pattern.search(text))
    return found
