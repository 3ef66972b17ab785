"""Accuracy on a blind corpus: labelled code written by someone who never saw the guards.

The corpora under `benchmarks/blind/` were written by helper agents given only
the category descriptions in `benchmarks/blind/SPEC.md`, never idguard's
guards, tests or docs. Each file is `flawed/<family>/*` or
`correct/<family>/*` (Python, or configuration: Terraform, CloudFormation,
Kubernetes, Dockerfile, Gradle, Bicep); a flawed line ends with
`# flaw: <family>[, ...]` (`// flaw:` where `#` is no comment), a correct line
that a naive tool may flag with `# near-miss: <family>`. In configuration a
label names one line: the wrong value, or the first line of the block that
lacks a setting.

Rules (see `benchmarks/blind/README.md`): `python-dev` may be read and tuned
on; `python-holdout` is only ever counted. Labels are stripped from the text
before any tool reads it (a comment saying "flaw: token-without-expiry" is a
signal no real file has); line numbers are kept.

Scoring, the same for every tool:
- a flaw is found when the tool reports a finding on the labelled statement:
  its first line through its last (a multi-line call), or the header of a
  labelled `def` (decorators to colon) for a missing check;
- recall per family and overall, for idguard (any severity, and medium or
  higher), bandit (any severity) and detect-secrets (any finding; it only
  looks for secrets, so only the secret families are comparable);
- correct files clean: no finding of medium or higher anywhere in a file under
  `correct/` (bandit: MEDIUM or HIGH severity);
- precision (idguard, medium or higher): findings on a labelled statement over
  all such findings in the corpus.

TypeScript/JavaScript corpora (`// flaw:` labels; statements and function
headers read with idguard's tree-sitter front end): bandit reads no JS, so the
peers are detect-secrets and ESLint with eslint-plugin-security (recommended
rules, the typescript-eslint parser), installed with npm at run time into
`~/.cache/idguard-bench/eslint` (or `$IDGUARD_BENCH_CACHE`), never committed;
`--no-eslint` leaves it out. Any ESLint message counts, for recall and for a
correct file's cleanliness.

Go and Java corpora (`// flaw:` labels; statements and function headers read
with the tree-sitter-go / tree-sitter-java grammars): no peer scanner for them
installs offline (gosec, SpotBugs and Semgrep's rules need their own
toolchains or a registry download), so detect-secrets is the only peer.

Run: .venv/bin/python benchmarks/blind.py [--corpus python-holdout] [--verbose] [--json] [--no-eslint]
Needs bandit and detect-secrets (pip install bandit detect-secrets; on demand, not test dependencies).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from idguard.guards import Severity, check_code
from idguard.guards.languages import detect_language
from idguard.guards.typescript.support.tree import dialect_for, statement_spans

ROOT = Path(__file__).resolve().parent / "blind"
SCRIPT_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")
# Go and Java: statements and function headers read straight from their tree-sitter grammars.
GRAMMARS = {".go": "tree_sitter_go", ".java": "tree_sitter_java"}
_FUNCTIONS = {
    "function_declaration",
    "method_declaration",
    "func_literal",
    "constructor_declaration",
    "lambda_expression",
}
_CLASSES = {"class_declaration", "interface_declaration", "type_declaration", "enum_declaration", "record_declaration"}
_BLOCKS = {"block", "class_body", "constructor_body", "interface_body", "enum_body"}
BIN = Path(sys.executable).parent
_LABEL = re.compile(r"(?:#|//)\s*(?P<kind>flaw|near-miss):\s*(?P<families>[a-z0-9\-]+(?:\s*,\s*[a-z0-9\-]+)*)\s*$")


@dataclass
class Flaw:
    family: str
    line: int
    lines: range  # the statement the label sits on


@dataclass
class CorpusFile:
    path: Path
    rel: str
    label: str  # flawed | correct
    family: str
    text: str  # labels removed
    flaws: list[Flaw] = field(default_factory=list)


def _statement_spans(text: str) -> dict[int, range]:
    """First line -> the lines of the statement (or def/class header) starting there."""
    spans: dict[int, range] = {}
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return spans
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            header_end = node.body[0].lineno - 1 if node.body else node.lineno
            span = range(first, max(header_end, node.lineno) + 1)
            for line in (first, node.lineno):
                spans.setdefault(line, span)
        elif isinstance(node, (ast.stmt, ast.ExceptHandler)):
            if isinstance(
                node,
                (
                    ast.If,
                    ast.For,
                    ast.While,
                    ast.With,
                    ast.Try,
                    ast.AsyncFor,
                    ast.AsyncWith,
                    ast.ExceptHandler,
                    ast.Match,
                ),
            ):
                end = node.body[0].lineno - 1 if getattr(node, "body", None) else node.lineno
                spans.setdefault(node.lineno, range(node.lineno, max(end, node.lineno) + 1))
            else:
                spans.setdefault(node.lineno, range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return spans


def load_corpus(folder: Path) -> list[CorpusFile]:
    files = []
    paths = [p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).parts[0] in ("flawed", "correct")]
    for path in sorted(paths):
        rel = path.relative_to(folder).as_posix()
        label, family = rel.split("/")[:2]
        raw = path.read_text(encoding="utf-8")
        kept, labels = [], []
        for number, line in enumerate(raw.splitlines(keepends=True), start=1):
            match = _LABEL.search(line)
            if match:
                ending = line[len(line.rstrip("\r\n")) :]
                line = line[: match.start()].rstrip() + ending
                if match.group("kind") == "flaw":
                    labels.extend((number, f.strip()) for f in match.group("families").split(","))
            kept.append(line)
        text = "".join(kept)
        if path.suffix == ".py":
            spans = _statement_spans(text)
        elif path.suffix in SCRIPT_SUFFIXES:
            spans = statement_spans(text, dialect_for(detect_language(path.name), path.name))
        elif path.suffix in GRAMMARS:
            spans = _grammar_spans(text, GRAMMARS[path.suffix])
        else:
            spans = {}
        item = CorpusFile(path, rel, label, family, text)
        for number, fam in labels:
            item.flaws.append(Flaw(fam, number, spans.get(number, range(number, number + 1))))
        files.append(item)
    return files


def _grammar_spans(code: str, module: str) -> dict[int, range]:
    """Labelled line -> the lines of the Go/Java statement starting there, or of the function header it is in
    (annotations to the line the body opens on), 1-based, as statement_spans does for TS/JS."""
    import importlib

    from tree_sitter import Language, Parser

    grammar = importlib.import_module(module)
    tree = Parser(Language(grammar.language())).parse(code.encode("utf-8"))
    spans: dict[int, range] = {}
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.named_children))
        first, last = node.start_point.row + 1, node.end_point.row + 1
        if node.type in _FUNCTIONS or node.type in _CLASSES:
            body = node.child_by_field_name("body")
            end = body.start_point.row + 1 if body is not None else first
            for line in range(first, end + 1):
                spans.setdefault(line, range(first, end + 1))
        elif (
            node.type.endswith("statement")
            or node.type.endswith("declaration")
            or node.type
            in (
                "keyed_element",
                "element_value_pair",
            )
        ):
            block = next((c for c in node.named_children if c.type in _BLOCKS), None)
            if block is not None:
                last = block.start_point.row + 1  # a branch or a handler: only its header is the statement
            spans.setdefault(first, range(first, last + 1))
    return spans


def idguard_findings(files: list[CorpusFile]) -> dict[str, list[tuple[int, str, Severity]]]:
    out = {}
    for item in files:
        result = check_code(item.text, path=f"app/{Path(item.rel).name}")
        out[item.rel] = [(f.line, f.guard_id, f.severity) for f in result.findings if not f.suppressed]
    return out


def _write_stripped(files: list[CorpusFile], dest: Path) -> None:
    for item in files:
        target = dest / item.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")


def bandit_findings(files: list[CorpusFile], tree: Path) -> dict[str, list[tuple[int, str, str]]] | None:
    bandit = shutil.which("bandit", path=str(BIN)) or shutil.which("bandit")
    if bandit is None:
        return None
    report = tree.parent / "bandit.json"
    subprocess.run([bandit, "-r", "-q", "-f", "json", "-o", str(report), "."], cwd=tree, capture_output=True)
    data = json.loads(report.read_text())
    out: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for result in data["results"]:
        rel = Path(result["filename"]).as_posix().removeprefix("./")
        for line in result.get("line_range") or [result["line_number"]]:
            out[rel].append((line, result["test_id"], result["issue_severity"]))
    return out


def detect_secrets_findings(tree: Path) -> dict[str, list[tuple[int, str, str]]] | None:
    scanner = shutil.which("detect-secrets", path=str(BIN)) or shutil.which("detect-secrets")
    if scanner is None:
        return None
    proc = subprocess.run([scanner, "scan", "--all-files", "."], cwd=tree, capture_output=True, text=True)
    data = json.loads(proc.stdout)
    out: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for rel, items in data.get("results", {}).items():
        for item in items:
            out[Path(rel).as_posix()].append((item["line_number"], item["type"], "HIGH"))
    return out


ESLINT_CACHE = Path(os.environ.get("IDGUARD_BENCH_CACHE", Path.home() / ".cache" / "idguard-bench")) / "eslint"
_ESLINT_CONFIG = """import security from "eslint-plugin-security";
import tseslint from "typescript-eslint";

export default [
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx}"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      ecmaVersion: "latest",
      sourceType: "module",
    },
    plugins: { security },
    rules: security.configs.recommended.rules,
  },
];
"""


def eslint_findings(tree: Path) -> dict[str, list[tuple[int, str, str]]] | None:
    """ESLint + eslint-plugin-security on the stripped tree; installed once into the cache (npm, no scripts)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        return None
    eslint = ESLINT_CACHE / "node_modules" / "eslint" / "bin" / "eslint.js"
    if not eslint.exists() or not (ESLINT_CACHE / "node_modules" / "eslint-plugin-security").is_dir():
        ESLINT_CACHE.mkdir(parents=True, exist_ok=True)
        (ESLINT_CACHE / "package.json").write_text(
            '{"name": "idguard-eslint-peer", "private": true, "type": "module"}\n'
        )
        packages = ["eslint@9", "eslint-plugin-security@3", "typescript-eslint", "typescript"]
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", *packages],
            cwd=ESLINT_CACHE,
            check=True,
            capture_output=True,
        )
    config = ESLINT_CACHE / "eslint.config.mjs"
    config.write_text(_ESLINT_CONFIG)
    proc = subprocess.run(
        [node, str(eslint), "--config", str(config), "--format", "json", "--no-warn-ignored", "."],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    out: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for result in json.loads(proc.stdout or "[]"):
        rel = Path(result["filePath"]).resolve().relative_to(tree.resolve()).as_posix()
        for message in result["messages"]:
            out[rel].append((message.get("line", 1), message.get("ruleId") or "parse-error", "MEDIUM"))
    return out


def _found(flaw: Flaw, findings) -> bool:
    return any(line in flaw.lines for line, *_ in findings)


def score(files, tools: dict[str, tuple[dict, callable]]) -> dict:
    """tools: name -> (findings by file, predicate(finding) -> counts for recall)."""
    families = sorted({f.family for item in files for f in item.flaws})
    report: dict = {"families": {}, "overall": {}, "clean": {}, "flaws": sum(len(i.flaws) for i in files)}
    for tool, (findings, counts) in tools.items():
        per_family = {}
        total = found = 0
        for family in families:
            flaws = [(item, f) for item in files for f in item.flaws if f.family == family]
            hits = sum(1 for item, f in flaws if _found(f, [x for x in findings.get(item.rel, []) if counts(x)]))
            per_family[family] = (hits, len(flaws))
            total += len(flaws)
            found += hits
        report["families"][tool] = per_family
        report["overall"][tool] = (found, total)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default="python-holdout", help="folder under benchmarks/blind/ (default: the holdout)"
    )
    parser.add_argument("--verbose", action="store_true", help="list missed flaws and noisy correct files")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-eslint", action="store_true", help="leave ESLint out on TS/JS corpora")
    args = parser.parse_args()
    folder = ROOT / args.corpus
    if not (folder / "flawed").is_dir():
        parser.error(f"--corpus {args.corpus}: no folder {folder}/flawed (give a folder name under {ROOT})")
    files = load_corpus(folder)
    ours = idguard_findings(files)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "corpus"
        _write_stripped(files, tree)
        # bandit reads Python only: on a configuration corpus it has nothing to compare.
        bandit = bandit_findings(files, tree) if any(i.path.suffix == ".py" for i in files) else None
        secrets = detect_secrets_findings(tree)
        scripts = any(i.path.suffix in SCRIPT_SUFFIXES for i in files)
        eslint = eslint_findings(tree) if scripts and not args.no_eslint else None
    medium = Severity.medium
    tools = {
        "idguard": (ours, lambda f: True),
        "idguard medium+": (ours, lambda f: f[2] >= medium),
    }
    if bandit is not None:
        tools["bandit"] = (bandit, lambda f: True)
    if secrets is not None:
        tools["detect-secrets"] = (secrets, lambda f: True)
    if eslint is not None:
        tools["eslint-security"] = (eslint, lambda f: True)
    report = score(files, tools)

    correct = [i for i in files if i.label == "correct"]
    noisy_ours = {i.rel: sorted({g for line, g, s in ours[i.rel] if s >= medium}) for i in correct}
    noisy_ours = {k: v for k, v in noisy_ours.items() if v}
    clean = {"idguard": (len(correct) - len(noisy_ours), len(correct))}
    if bandit is not None:
        noisy_bandit = [i.rel for i in correct if any(s in ("MEDIUM", "HIGH") for _, _, s in bandit.get(i.rel, []))]
        clean["bandit"] = (len(correct) - len(noisy_bandit), len(correct))
    if eslint is not None:
        noisy_eslint = [i.rel for i in correct if eslint.get(i.rel)]
        clean["eslint-security"] = (len(correct) - len(noisy_eslint), len(correct))
    if secrets is not None:
        noisy_secrets = [i.rel for i in correct if secrets.get(i.rel)]
        clean["detect-secrets"] = (len(correct) - len(noisy_secrets), len(correct))
    on_label = off_label = 0
    stray: list[tuple[str, int, str]] = []
    for item in files:
        covered = {line for f in item.flaws for line in f.lines}
        for line, guard, severity in ours[item.rel]:
            if severity < medium:
                continue
            if line in covered:
                on_label += 1
            else:
                off_label += 1
                stray.append((item.rel, line, guard))
    report["clean"] = clean
    report["precision"] = (on_label, on_label + off_label)
    report["noisy_correct_files"] = noisy_ours
    if args.json:
        print(json.dumps(report, indent=2, default=list))
        return

    def pct(pair) -> str:
        hit, total = pair
        return f"{hit / total:6.1%} ({hit}/{total})" if total else "     -"

    names = list(tools)
    print(
        f"corpus: {folder.relative_to(ROOT.parent.parent) if folder.is_relative_to(ROOT) else folder}: {len(files)} files "
        f"({len(files) - len(correct)} flawed, {len(correct)} correct), {report['flaws']} labelled flaws"
    )
    print()
    print(f"{'family':32}" + "".join(f"{n:>22}" for n in names))
    for family in sorted(report["families"]["idguard"]):
        print(f"{family:32}" + "".join(f"{pct(report['families'][n][family]):>22}" for n in names))
    print(f"{'ALL (line-level recall)':32}" + "".join(f"{pct(report['overall'][n]):>22}" for n in names))
    print()
    for tool, pair in clean.items():
        print(f"correct files with no medium+ finding, {tool}: {pct(pair)}")
    print(f"precision of idguard medium+ findings (on a labelled statement): {pct(report['precision'])}")
    if args.verbose:
        print("\nmissed by idguard:")
        for item in files:
            for flaw in item.flaws:
                if not _found(flaw, ours[item.rel]):
                    print(f"  {item.rel}:{flaw.line} {flaw.family}")
        print("\nnoisy correct files (idguard medium+):")
        for rel, guards in noisy_ours.items():
            print(f"  {rel}: {', '.join(guards)}")
        print("\nidguard medium+ findings off every label:")
        for rel, line, guard in stray:
            print(f"  {rel}:{line} {guard}")


if __name__ == "__main__":
    main()
