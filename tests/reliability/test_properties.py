"""Property-based tests: redactor, review tags, policy loader, hook payload parser.

tests/guards/secrets has the single-secret redaction properties; these go wider: several secrets
of different kinds at once, redaction is idempotent, tags for every comment language, random TOML.
"""

from __future__ import annotations

import io
import json
import random
import string
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from idguard.guards.languages import LINE_COMMENT
from idguard.guards.secrets import find_secrets, redact
from idguard.guards.tags import apply_tag, content_sha256, find_tag, strip_tags, verify_tag
from idguard.server.policy import PolicyError, load_policy, policy_from_mapping
from idguard.server.workspace import Workspace

from .secret_kinds import KINDS, generate

KEY = b"k" * 32
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters that spell no credential keyword (pass, key, token, secret, auth, pin, dsn, sas, cred...) and no prefix.
SAFE_ALPHABET = "abcdefghij lmoqrvwxz,.;()!?\n"
safe_text = st.text(alphabet=SAFE_ALPHABET, max_size=300)
separators = st.sampled_from([" ", "\n", "\t", " (", ") ", "\n\n", " '", "' ", ' "', '" ', "; "])


def runs(secret: str, size: int = 12) -> list[str]:
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


@FAST
@given(
    pieces=st.lists(st.tuples(safe_text, st.sampled_from(KINDS), separators, separators), min_size=1, max_size=5),
    tail=safe_text,
    seed=st.integers(0, 2**32 - 1),
)
def test_several_secrets_of_any_kinds_never_survive(pieces, tail, seed):
    rng = random.Random(seed)
    text, inserted = "", []
    for before, kind, left, right in pieces:
        sample = generate(rng, kind)
        text += before + left + sample + right
        inserted.append((kind, sample))
    text += tail
    result = redact(text, KEY)
    for kind, sample in inserted:
        value = (
            sample.split("=", 1)[1]
            if kind == "password"
            else sample.split(":", 2)[-1].split("@")[0]
            if kind == "password_in_url"
            else sample
        )
        leaked = [r for r in runs(value) if r in result.redacted]
        assert not leaked, f"{kind} survived"
    # Placeholders are not secrets: redacting again changes nothing.
    assert redact(result.redacted, KEY).redacted == result.redacted


@FAST
@given(text=safe_text)
def test_text_without_secrets_comes_back_unchanged(text):
    assert find_secrets(text) == []
    result = redact(text, KEY)
    assert result.redacted == text and result.count == 0


@FAST
@given(text=st.text(max_size=400))
def test_redaction_keeps_the_line_count_and_only_replaces_what_it_found(text):
    result = redact(text, KEY)
    assert result.redacted.count("\n") == text.count("\n")
    if not result.findings:
        assert result.redacted == text


# ------------------------------------------------------------------ review tags

COMMENT_LANGUAGES = sorted(LINE_COMMENT)
code_lines = st.lists(
    st.text(alphabet=string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", ""), max_size=40).map(
        lambda s: s.replace("\n", "")
    ),
    min_size=0,
    max_size=15,
)
review_ids = st.from_regex(r"\AIGR-[0-9a-f]{12}\Z")


@FAST
@given(language=st.sampled_from(COMMENT_LANGUAGES), lines=code_lines, review_id=review_ids, newline=st.booleans())
def test_apply_then_verify_round_trips_for_every_comment_language(language, lines, review_id, newline):
    content = "\n".join(lines) + ("\n" if newline else "")
    assume("idguard-review:" not in content)
    tagged, sha = apply_tag(content, language, review_id)
    assert tagged is not None
    tag, valid = verify_tag(tagged)
    assert tag is not None and tag.review_id == review_id and tag.sha256 == sha and valid
    assert strip_tags(tagged) == strip_tags(content)
    assert sha == content_sha256(strip_tags(content))
    # Tagging again (a new review of the same content) keeps one tag and the same hash.
    retagged, resha = apply_tag(tagged, language, "IGR-" + "f" * 12)
    assert resha == sha and retagged.count("idguard-review:") == 1


@FAST
@given(
    language=st.sampled_from(COMMENT_LANGUAGES),
    lines=code_lines.filter(lambda ls: any(ls)),
    review_id=review_ids,
    data=st.data(),
)
def test_any_edit_outside_the_tag_line_breaks_verification(language, lines, review_id, data):
    content = "\n".join(lines) + "\n"
    assume("idguard-review:" not in content)
    tagged, _ = apply_tag(content, language, review_id)
    tag = find_tag(tagged)
    body = tagged.splitlines(keepends=True)
    editable = [i for i in range(len(body)) if i != tag.line - 1]
    index = data.draw(st.sampled_from(editable))
    line = body[index]
    position = data.draw(st.integers(0, len(line)))
    inserted = data.draw(st.sampled_from(["x", " ", "\n", "0", "#", "é"]))
    body[index] = line[:position] + inserted + line[position:]
    edited = "".join(body)
    found, valid = verify_tag(edited)
    assert found is not None and not valid


@FAST
@given(language=st.sampled_from(COMMENT_LANGUAGES), lines=code_lines, review_id=review_ids)
def test_a_tag_copied_onto_other_content_does_not_verify(language, lines, review_id):
    tagged, _ = apply_tag("import jwt\n", language, review_id)
    other = tagged + "\n".join(lines) + "\nextra = 1\n"
    assert verify_tag(other) == (find_tag(other), False)


# ------------------------------------------------------------------ policy loader

policy_keys = st.sampled_from(
    [
        "profile",
        "block_threshold",
        "identity_paths",
        "guards",
        "limits",
        "secrets",
        "review",
        "IDG101",
        "enabled",
        "severity",
        "max_file_bytes",
        "guard_timeout_seconds",
        "extra_patterns",
        "name",
        "regex",
        "allow_regexes",
        "allow_fingerprints",
        "required_approvals",
        "category_approvals",
        "privileged_roles",
        "tool",
        "idguard",
        "x",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["standard", "agentic", "high", "[", "(a", "*", "x{2,1}", "\\"]),
)
nested = st.recursive(
    scalars, lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(policy_keys, c, max_size=4)), max_leaves=12
)


@settings(max_examples=300, deadline=None)
@given(mapping=st.dictionaries(policy_keys, nested, max_size=6))
def test_any_mapping_is_a_policy_or_a_policy_error(mapping):
    try:
        policy_from_mapping(mapping, "policy.toml")
    except PolicyError as exc:
        assert str(exc).startswith("policy.toml")


_POLICY_DIR = Path(tempfile.mkdtemp(prefix="idguard-policy-"))
(_POLICY_DIR / ".idguard").mkdir()

toml_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "[limits]",
                "[guards.IDG101]",
                "[[secrets.extra_patterns]]",
                "[tool.idguard]",
                "[secrets]",
                "profile = 'agentic'",
                "enabled = false",
                "guard_timeout_seconds = 0",
                "max_file_bytes = -1",
                "regex = '('",
                "name = 'x'",
                "a = [1, [2, {b = 3}]]",
                "x = 1979-05-27T07:32:00Z",
                "block_threshold = 'none'",
                "= 1",
                "[[a]]",
                "'''",
                "\\u0000",
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(lines=toml_fragments, as_pyproject=st.booleans())
def test_any_policy_file_loads_or_raises_policy_error(lines, as_pyproject):
    text = "\n".join(lines)
    target = _POLICY_DIR / ("pyproject.toml" if as_pyproject else ".idguard/policy.toml")
    other = _POLICY_DIR / (".idguard/policy.toml" if as_pyproject else "pyproject.toml")
    other.unlink(missing_ok=True)
    target.write_text(("[tool.idguard]\n" if as_pyproject else "") + text, encoding="utf-8", errors="surrogatepass")
    try:
        load_policy(Workspace(_POLICY_DIR))
    except PolicyError:
        pass


# ------------------------------------------------------------------ hook payload parser

_HOOK_ROOT = Path(tempfile.mkdtemp(prefix="idguard-hook-"))
subprocess.run(["git", "init", "-q", str(_HOOK_ROOT)], check=True)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.text(max_size=10), c, max_size=3)),
    max_leaves=10,
)
tool_names = st.sampled_from(
    [
        "Write",
        "Edit",
        "MultiEdit",
        "NotebookEdit",
        "Bash",
        "apply_patch",
        "create_file",
        "replace_string_in_file",
        "Read",
        "",
        "write",
    ]
)
tool_inputs = st.fixed_dictionaries(
    {},
    optional={
        "file_path": st.one_of(
            st.sampled_from(["auth/tokens.py", "../x.py", ".idguard/policy.toml", "/etc/passwd", ""]), json_values
        ),
        "content": st.one_of(st.sampled_from(["import jwt\n", "x = 1\n", ""]), json_values),
        "old_string": json_values,
        "new_string": json_values,
        "edits": json_values,
        "command": json_values,
        "patch": json_values,
    },
)
payloads = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"hook_event_name": st.sampled_from(["PreToolUse", "UserPromptSubmit", "pre_tool_use", "Stop", ""])},
        optional={
            "tool_name": tool_names,
            "tool_input": st.one_of(tool_inputs, json_values),
            "prompt": json_values,
            "cwd": st.just(str(_HOOK_ROOT)),
        },
    ),
)


@settings(max_examples=150, deadline=None)
@given(payload=payloads)
def test_the_hook_answers_every_payload_with_allow_or_a_documented_deny(payload):
    from idguard.server.hook.decide import run_hook

    stdout, stderr = io.StringIO(), io.StringIO()
    if isinstance(payload, dict):
        payload.setdefault("cwd", str(_HOOK_ROOT))
    code = run_hook(io.StringIO(json.dumps(payload)), stdout, stderr)
    assert code in (0, 2)
    out = stdout.getvalue().strip()
    if out:
        answer = json.loads(out)
        assert (
            answer.get("hookSpecificOutput", {}).get("permissionDecision") == "deny"
            or answer.get("decision") == "block"
        )
    if isinstance(payload, dict) and isinstance(payload.get("tool_input"), dict):
        target = payload["tool_input"].get("file_path")
        if payload.get("tool_name") == "Write" and isinstance(target, str) and target.startswith(".idguard/"):
            assert out, "a write under .idguard/ was allowed"
