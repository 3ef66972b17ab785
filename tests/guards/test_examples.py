"""Every guard's own VALID and INVALID examples, run through the real engine."""

from __future__ import annotations

import pytest
from idguard.guards import check_code, load_guards
from idguard.guards.examples import Invalid, Valid
from idguard.guards.languages import _BY_NAME, _BY_SUFFIX
from idguard.guards.references import CWE_TITLES

GUARDS = load_guards()

_SUFFIX = {
    "python": ".py",
    "json": ".json",
    "yaml": ".yaml",
    "terraform": ".tf",
    "typescript": ".ts",
    "javascript": ".js",
    "java": ".java",
    "bicep": ".bicep",
    "gradle": ".gradle",
    "go": ".go",
    "*": ".py",
}


def _path_for(guard) -> str:
    language = guard.languages[0] if guard.languages else "*"
    # An identity folder, so structural guards run on short examples too.
    return "auth/example" + _SUFFIX.get(language, ".txt")


def _cases(kind: str):
    for guard_id, guard in GUARDS.items():
        for index, example in enumerate(getattr(guard, kind)):
            yield pytest.param(guard, example, id=f"{guard_id}-{kind.lower()}-{index}")


@pytest.mark.parametrize(("guard", "example"), list(_cases("VALID")))
def test_valid_example_has_no_finding_of_its_guard(guard, example):
    assert isinstance(example, Valid), f"{guard.id}: write VALID examples as Valid(...)"
    result = check_code(example.code, path=_path_for(guard))
    hits = [f for f in result.findings if f.guard_id == guard.id and not f.suppressed]
    assert hits == [], f"{guard.id} fired on its VALID example:\n{example.code}"


@pytest.mark.parametrize(("guard", "example"), list(_cases("INVALID")))
def test_invalid_example_is_found_on_its_line(guard, example):
    assert isinstance(example, Invalid), f"{guard.id}: write INVALID examples as Invalid(..., line=N)"
    result = check_code(example.code, path=_path_for(guard))
    hits = [f for f in result.findings if f.guard_id == guard.id and not f.suppressed]
    assert hits, f"{guard.id} missed its INVALID example:\n{example.code}"
    on_line = [f for f in hits if f.line <= example.line <= (f.end_line or f.line)]
    assert on_line, f"{guard.id} found its INVALID example on lines {[f.line for f in hits]}, not {example.line}"
    if example.message is not None:
        assert any(example.message in f.message for f in on_line), [f.message for f in on_line]


def test_examples_are_dedented_and_lines_are_checked():
    example = Invalid(
        """
        import jwt
        jwt.decode(t, k, algorithms=["none"])
        """,
        line=2,
    )
    assert example.code == 'import jwt\njwt.decode(t, k, algorithms=["none"])\n'
    with pytest.raises(ValueError, match="line 9"):
        Invalid("x = 1\n", line=9)


@pytest.mark.parametrize("guard", list(GUARDS.values()), ids=list(GUARDS))
def test_guard_has_examples_docs_and_metadata(guard):
    assert len(guard.VALID) >= 3 and len(guard.INVALID) >= 3
    doc = guard.doc()
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "References"):
        assert doc.sections.get(section), f"{guard.id} docstring lacks '## {section}'"
    assert guard.meta.cwe, f"{guard.id} names no CWE"
    untitled = set(guard.meta.cwe) - CWE_TITLES.keys()
    assert not untitled, f"{guard.id} cites {sorted(untitled)}: add the name to guards/references.py"
    assert "## References" not in (guard.__doc__ or ""), f"{guard.id}: References come from meta, not the docstring"
    for nhi in guard.meta.owasp_nhi:
        assert nhi in {f"NHI{i}" for i in range(1, 11)}


def test_guard_ids_and_names_are_unique_and_well_formed():
    assert all(g.id.startswith("IDG") and len(g.id) == 6 for g in GUARDS.values())
    names = [g.name for g in GUARDS.values()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    known = set(_BY_SUFFIX.values()) | set(_BY_NAME.values()) | {"*"}  # "*": every language
    for guard in GUARDS.values():
        unknown = set(guard.languages) - known
        assert not unknown, f"{guard.id} names languages no file is recognised as: {sorted(unknown)}"


@pytest.mark.parametrize("clash", ["id", "name"])
def test_registering_a_second_guard_with_the_same_id_or_name_fails(clash):
    """Ids and names are keys of policy.toml and suppressions: a clash must fail at import time."""
    from idguard.guards.registry import Guard

    taken = GUARDS["IDG117"]
    fields = {
        "id": taken.id if clash == "id" else "IDG999",
        "name": taken.name if clash == "name" else "brand-new-guard",
    }
    with pytest.raises(ValueError, match=f"guard {clash}"):
        type(
            "Clashing",
            (Guard,),
            {**fields, "title": "x", "meta": taken.meta, "languages": taken.languages, "__doc__": taken.__doc__},
        )


@pytest.mark.parametrize("guard", [g for g in GUARDS.values() if g.triggers], ids=lambda g: g.id)
def test_trigger_words_are_necessary_conditions(guard):
    """A guard with `triggers` is skipped on files without them: every INVALID example must contain one."""
    assert all(t == t.lower() for t in guard.triggers)
    for example in guard.INVALID:
        assert any(t in example.code.lower() for t in guard.triggers), f"{guard.id} would skip:\n{example.code}"
