"""Generate the README's guard catalogue from the guard classes.

`python -m idguard.server.mcp.catalogue README.md` rewrites the block between the
`guard-catalogue` markers (`--check` only reports a stale copy, exit 1); a test fails when the
committed copy is stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from idguard.guards.registry import load_guards

START = "<!-- guard-catalogue:start -->"
END = "<!-- guard-catalogue:end -->"


def _one_line(text: str) -> str:
    first = text.strip().split("\n\n")[0]
    return re.sub(r"\s+", " ", first).replace("|", "\\|")


def catalogue_markdown() -> str:
    rows = [
        "Generated from the guard classes (`python -m idguard.server.mcp.catalogue README.md`); "
        "`idguard guards explain ID` shows each guard's full documentation.",
        "",
        "| id | name | severity | languages | what it finds | references |",
        "|---|---|---|---|---|---|",
    ]
    for guard in load_guards().values():
        doc = guard.doc()
        refs = ", ".join(doc.cwe + doc.owasp_nhi + doc.nist_csf)
        languages = ", ".join(doc.languages) if doc.languages != ["*"] else "any"
        rows.append(
            f"| {doc.id} | {doc.name} | {doc.severity.value} | {languages} | "
            f"{_one_line(doc.sections.get('What it does', doc.title))} | {refs} |"
        )
    return "\n".join(rows)


def render_into(readme: str) -> str:
    if START not in readme or END not in readme:
        raise ValueError(f"README has no {START} / {END} markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{catalogue_markdown()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    """`[--check] [README.md]`: rewrite the catalogue, or with --check only say whether it is current (exit 1)."""
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    path = Path(paths[0] if paths else "README.md")
    text = path.read_text(encoding="utf-8")
    updated = render_into(text)
    if updated == text:
        return 0
    if check:
        print(
            f"{path}: the guard catalogue is stale; run python -m idguard.server.mcp.catalogue {path}", file=sys.stderr
        )
        return 1
    path.write_text(updated, encoding="utf-8")
    print(f"updated the guard catalogue in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
