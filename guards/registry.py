"""The guard registry: guards are found, not listed.

Every concrete guard class (one with an `id`) registers itself when its module
is imported. `load_guards()` imports the built-in guard packages and the
`idguard.guards` entry-point group, so a new guard module is picked up (and
tested by the generic example test) the moment it exists.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from importlib.metadata import entry_points
from typing import ClassVar

from pydantic import BaseModel

from .examples import Invalid, Valid
from .models import GuardMeta, Severity
from .references import render_references

_REGISTRY: dict[str, type[Guard]] = {}
_REDIRECTS: dict[str, str] = {}
_LOADED = False

GUARD_ID = re.compile(r"^IDG\d{3}$")
BUILTIN_PACKAGES = (
    "idguard.guards.python",
    "idguard.guards.config",
    "idguard.guards.text",
    "idguard.guards.typescript",
    "idguard.guards.go",
    "idguard.guards.java",
)
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "References")


class GuardDoc(BaseModel):
    """A guard's documentation, parsed from its docstring's fixed sections."""

    id: str
    name: str
    title: str
    severity: Severity
    languages: list[str]
    categories: list[str]
    sections: dict[str, str]
    cwe: list[str]
    owasp_nhi: list[str]
    nist_csf: list[str]
    likelihood: str
    impact: str
    confidence: str

    def markdown(self) -> str:
        refs = ", ".join(self.cwe + self.owasp_nhi + [f"NIST CSF {x}" for x in self.nist_csf])
        out = [f"## {self.id} {self.name}: {self.title}", ""]
        out.append(f"Severity: {self.severity.value} · languages: {', '.join(self.languages)} · {refs}")
        for heading in DOC_SECTIONS:
            body = self.sections.get(heading, "").strip()
            if body:
                out += ["", f"### {heading}", "", body]
        return "\n".join(out) + "\n"


def parse_doc_sections(doc: str) -> dict[str, str]:
    """Split a ruff-style docstring (`## What it does` ...) into its sections."""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in inspect.cleandoc(doc or "").splitlines():
        heading = re.match(r"^##\s+(.*?)\s*$", line)
        if heading:
            if current is not None:
                sections[current] = "\n".join(lines).strip()
            current, lines = heading.group(1), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip()
    return sections


class Guard:
    """Base of every guard. Subclasses set the class attributes below.

    `VALID` examples must produce no finding of this guard, `INVALID` examples
    one on the line they state (guards/examples.py); `tests/guards/test_examples.py`
    runs them for every guard.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    meta: ClassVar[GuardMeta]
    languages: ClassVar[tuple[str, ...]] = ()
    VALID: ClassVar[list[Valid]] = []
    INVALID: ClassVar[list[Invalid]] = []
    # What to do instead, shown with each finding (a guard may pass a more specific fix to `report`).
    fix_hint: ClassVar[str | None] = None
    # Run even on files with no identity signal (e.g. hard-coded secrets).
    always_run: ClassVar[bool] = False
    # Lowercase strings of which at least one must occur in the file for the guard to run at all
    # (e.g. "jwt" for the JWT guards): a cheap necessary condition that spares the guard pass.
    triggers: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "id" not in cls.__dict__:
            return  # an abstract intermediate class
        if not GUARD_ID.match(cls.id):
            raise ValueError(f"{cls.__name__}: guard id {cls.id!r} does not match IDGnnn")
        existing = _REGISTRY.get(cls.id)
        if existing is not None and existing.__qualname__ != cls.__qualname__:
            raise ValueError(f"guard id {cls.id} used by both {existing.__qualname__} and {cls.__qualname__}")
        for other in _REGISTRY.values():
            if other.name == cls.name and other.id != cls.id:
                raise ValueError(f"guard name {cls.name!r} used by both {other.id} and {cls.id}")
        _REGISTRY[cls.id] = cls

    @classmethod
    def severity(cls) -> Severity:
        return cls.meta.severity

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring's sections, with References built from the metadata (guards/references.py)."""
        sections = parse_doc_sections(cls.__doc__ or "")
        generated = render_references(cls.meta)
        written = sections.pop("References", "")
        sections["References"] = " ".join(part for part in (generated, written) if part)
        return sections

    @classmethod
    def doc(cls) -> GuardDoc:
        return GuardDoc(
            id=cls.id,
            name=cls.name,
            title=cls.title,
            severity=cls.meta.severity,
            languages=list(cls.languages),
            categories=list(cls.meta.categories),
            sections=cls.doc_sections(),
            cwe=cls.meta.cwe,
            owasp_nhi=cls.meta.owasp_nhi,
            nist_csf=cls.meta.nist_csf,
            likelihood=cls.meta.likelihood,
            impact=cls.meta.impact,
            confidence=cls.meta.confidence,
        )


def redirect(old_id: str, new_id: str) -> None:
    """Keep a renamed guard's old id working (ids are never reused)."""
    _REDIRECTS[old_id] = new_id


_LOADED_PACKAGES: set[str] = set()


def load_guards(packages: tuple[str, ...] | None = None) -> dict[str, type[Guard]]:
    """Import the built-in guard packages and plug-ins once; return id -> class.

    `packages` limits the import to some built-in packages (the engine asks only for what a file
    needs, so writing a plain text file never loads libcst); None loads everything.
    """
    global _LOADED
    if not _LOADED:
        wanted = BUILTIN_PACKAGES if packages is None else tuple(p for p in packages if p in BUILTIN_PACKAGES)
        if not _LOADED_PACKAGES:
            importlib.import_module(".engine", __package__)  # the engine's own guards: IDG000, IDG002
            for ep in entry_points(group="idguard.guards"):
                ep.load()
        for package_name in wanted:
            if package_name in _LOADED_PACKAGES:
                continue
            try:
                package = importlib.import_module(package_name)
            except ModuleNotFoundError as exc:
                if exc.name != package_name:
                    raise
            else:
                for info in pkgutil.walk_packages(package.__path__, package_name + "."):
                    importlib.import_module(info.name)
            _LOADED_PACKAGES.add(package_name)
        _LOADED = _LOADED_PACKAGES.issuperset(BUILTIN_PACKAGES)
    return dict(sorted(_REGISTRY.items()))


def get_guard(guard_id: str) -> type[Guard]:
    guards = load_guards()
    guard_id = guard_id.upper()
    guard_id = _REDIRECTS.get(guard_id, guard_id)
    try:
        return guards[guard_id]
    except KeyError:
        # Quote the id only when it has the shape of one: the argument may be anything.
        shown = repr(guard_id) if GUARD_ID.match(guard_id) else "(not of the form IDGnnn)"
        raise KeyError(f"unknown guard id {shown}; `idguard guards` lists them") from None
