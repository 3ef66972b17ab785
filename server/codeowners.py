"""GitHub-style CODEOWNERS as named owners: `[owners] codeowners = true` (or a path).

The file is read where the policy is read: the gate's snapshot of the trust commit (never the change under
review, which could name its own author an owner), the team server's snapshot of the protected branch, or the
working tree for local commands. With `true` the first of `.github/CODEOWNERS`, `CODEOWNERS` and
`docs/CODEOWNERS` is read, as GitHub does; a named path must exist. A policy that turns CODEOWNERS on when there
is no such file is an error (fail closed), not an empty owner list.

Matching is GitHub's: the **last** matching line wins; patterns are gitignore-style (`*` within one path
segment, `**` across segments, a leading `/` or a `/` inside anchors at the top, a trailing `/` is a folder and
everything in it, `docs/*` matches only the files directly in `docs/`); a line with a pattern and no owners
leaves its paths without CODEOWNERS owners. Owners are `@login`, `@org/team` or an e-mail; each maps to the
principals of the `allowed_signers` entries that list it (`login`, `@login` or `github:login`; the e-mail), and
a team to the `[owners.groups]` group of its name (`org/team`). An owner that maps to no allowed signer can
approve nothing: `review show` lists it as unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from idguard.guards.policy import Policy

CANDIDATES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
MAX_BYTES = 3_000_000  # GitHub ignores CODEOWNERS files larger than 3 MB


class CodeownersError(Exception):
    """CODEOWNERS is turned on but cannot be read."""


@dataclass(frozen=True)
class CodeownersLine:
    pattern: str
    owners: list[str]
    line: int


def parse(text: str) -> list[CodeownersLine]:
    """The lines of a CODEOWNERS file in order; comments and blank lines left out."""
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = re.split(r"(?<!\\)\s#", line, maxsplit=1)[0]  # a trailing comment
        fields = line.split()
        pattern = fields[0].replace("\\#", "#")
        out.append(CodeownersLine(pattern, fields[1:], number))
    return out


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-style CODEOWNERS pattern as a regular expression over repository-relative paths."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    folder = pattern.endswith("/")
    out = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    regex = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    if folder:
        suffix = "/.*"
    elif body.endswith("/*") or body == "*":
        suffix = "" if body != "*" else "(?:/.*)?"
    else:
        suffix = "(?:/.*)?"  # a name matches the file, or the folder and everything in it
    return re.compile(f"^{prefix}{regex}{suffix}$")


def owning_line(lines: list[CodeownersLine], path: str) -> CodeownersLine | None:
    """The last line whose pattern matches `path` (GitHub's rule), or None."""
    found = None
    for line in lines:
        if pattern_regex(line.pattern).match(path):
            found = line
    return found


def attach(policy: Policy, root: Path) -> None:
    """Read CODEOWNERS for a policy that turns it on, from the folder the policy was read from."""
    setting = policy.owners.codeowners
    if setting is False or setting == "":
        return
    names = CANDIDATES if setting is True else (str(setting),)
    for name in names:
        path = root / name
        if path.is_file():
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CodeownersError(f"{name}: cannot read: {exc.strerror or exc}") from None
            if len(data) > MAX_BYTES:
                raise CodeownersError(f"{name}: larger than 3 MB (GitHub ignores it too)")
            lines = parse(data.decode("utf-8", "replace"))
            policy.owners._codeowners_lines = [(x.pattern, x.owners, x.line) for x in lines]
            policy.owners._codeowners_source = name
            return
    raise CodeownersError(
        "owners.codeowners is on but there is no "
        + (", ".join(names) if setting is not True else "CODEOWNERS (.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS)")
        + " where the policy was read: commit it first (the gate reads it from the trust ref)"
    )


@dataclass(frozen=True)
class CodeownersRule:
    """The owners CODEOWNERS names for one path: principals that may approve, and names that map to none."""

    source: str  # e.g. `.github/CODEOWNERS:3 /auth/`
    principals: list[str]
    unresolved: list[str]


def rule_for(policy: Policy, path: str, signer_principals: list[list[str]]) -> CodeownersRule | None:
    """The CODEOWNERS rule a change to `path` falls under (None: no line matches, or the line names no owner).
    `signer_principals`: the principals of each allowed-signers entry (one list per key)."""
    entries = [CodeownersLine(p, o, n) for p, o, n in policy.owners._codeowners_lines]
    line = owning_line(entries, path)
    if line is None or not line.owners:
        return None
    principals: list[str] = []
    unresolved: list[str] = []
    for owner in line.owners:
        found = _principals_of(owner, policy, signer_principals)
        if not found:
            unresolved.append(owner)
        principals += [p for p in found if p not in principals]
    return CodeownersRule(f"{policy.owners._codeowners_source}:{line.line} {line.pattern}", principals, unresolved)


def _principals_of(owner: str, policy: Policy, signer_principals: list[list[str]]) -> list[str]:
    if owner.startswith("@") and "/" in owner:
        team = owner[1:]
        members = policy.owners.groups.get(team) or policy.owners.groups.get(owner) or []
        return [p for m in members for p in _principals_of(m, policy, signer_principals)] if members else []
    wanted = {owner.casefold()}
    if owner.startswith("@"):
        login = owner[1:].casefold()
        wanted = {login, "@" + login, "github:" + login}
    out: list[str] = []
    for principals in signer_principals:
        literal = [p for p in principals if not any(ch in p for ch in "*?")]
        if any(p.casefold() in wanted for p in literal):
            out += [p for p in literal if p not in out]
    return out
