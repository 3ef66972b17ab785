"""The TypeScript/JavaScript front end: one cached parse, aliases, constants, spreads, fallbacks, fail closed."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.policy import Policy
from idguard.guards.typescript.support.context import ScriptContext
from idguard.guards.typescript.support.tree import dialect_for, parse_script, statement_spans

NONE_VERIFY = 'jwt.verify(t, k, { algorithms: ["none"] });\n'


def _ids(code: str, path: str = "auth/tokens.ts") -> list[tuple[str, int]]:
    return [(f.guard_id, f.line) for f in check_code(code, path=path).findings]


def _context(code: str, language: str = "typescript") -> ScriptContext:
    return ScriptContext(parse_script(code, dialect_for(language, None)), "x.ts", Policy(), language)


@pytest.mark.parametrize(
    "binding",
    [
        'const jwt = require("jsonwebtoken");\n',
        'import jwt from "jsonwebtoken";\n',
        'import * as jwt from "jsonwebtoken";\n',
        'const jwt = await import("jsonwebtoken");\n',
    ],
)
def test_module_aliases_resolve(binding):
    assert ("IDG301", 2) in _ids(binding + NONE_VERIFY)


@pytest.mark.parametrize(
    "code",
    [
        'const { sign, verify } = require("jsonwebtoken");\nverify(t, k, { algorithms: ["none"] });\n',
        'const { verify: check } = require("jsonwebtoken");\ncheck(t, k, { algorithms: ["none"] });\n',
        'import { jwtVerify as v } from "jose";\nawait v(t, k, { algorithms: ["none"] });\n',
        'import * as jose from "jose";\nawait jose.jwtVerify(t, k, { algorithms: ["none"] });\n',
        'import jsonwebtoken from "jsonwebtoken";\nconst { verify } = jsonwebtoken;\nverify(t, k, { algorithms: ["none"] });\n',
        'import jwt from "jsonwebtoken";\nconst check = promisify(jwt.verify);\nawait check(t, k, { algorithms: ["none"] });\n',
    ],
)
def test_member_aliases_resolve(code):
    assert [i for i in _ids(code) if i[0] == "IDG301"] == [("IDG301", code.count("\n"))]


def test_an_unrelated_verify_is_not_a_jwt_call():
    assert not [i for i in _ids('import { verify } from "./otp";\nverify(t, k, { algorithms: ["none"] });\n')]


def test_options_built_by_a_same_file_helper_are_read():
    code = (
        'const jwt = require("jsonwebtoken");\n'
        "function buildOptions(audience) {\n"
        '  return { algorithm: "HS512", audience };\n'
        "}\n"
        'const token = jwt.sign({ sub: id }, key, buildOptions("api"));\n'
    )
    assert ("IDG306", 5) in _ids(code)
    assert ("IDG306", 5) not in _ids(code.replace('algorithm: "HS512"', 'algorithm: "HS512", expiresIn: "15m"'))


def test_constants_and_spreads_are_followed_and_reported_where_written():
    code = (
        'import jwt from "jsonwebtoken";\n'
        'const ALGS = ["HS256", "none"];\n'
        "const base = { algorithms: ALGS };\n"
        'const opts = { ...base, issuer: "me" };\n'
        "jwt.verify(t, k, opts);\n"
    )
    assert ("IDG301", 3) in _ids(code)  # the `algorithms:` entry inside the spread object
    later = code.replace('issuer: "me"', 'algorithms: ["RS256"]')
    assert not [i for i in _ids(later) if i[0] == "IDG301"], "a later key overrides the spread one"


def test_env_fallbacks_of_every_shape():
    ctx = _context(
        'const a = process.env.JWT_SECRET || "dev";\n'
        'const b = process.env["JWT_SECRET"] ?? "dev";\n'
        'const c = process.env.JWT_SECRET ? process.env.JWT_SECRET : "dev";\n'
        'const d = import.meta.env.VITE_KEY || "dev";\n'
    )
    values = [ctx.env_fallback(d.child_by_field_name("value")) for d in ctx.nodes("variable_declarator")]
    assert [(name, ctx.string_value(lit)) for name, lit in values] == [
        ("JWT_SECRET", "dev"),
        ("JWT_SECRET", "dev"),
        ("JWT_SECRET", "dev"),
        ("VITE_KEY", "dev"),
    ]


def test_literal_values_through_constants():
    ctx = _context('const A = "x\\ny";\nconst B = A;\nconst N = 60 * 60 * 24;\nconst T = `plain`;\nconst U = `${A}`;\n')
    values = {
        ctx.text(d.child_by_field_name("name")): d.child_by_field_name("value")
        for d in ctx.nodes("variable_declarator")
    }
    assert ctx.string_value(values["B"]) == "x\ny"
    assert ctx.number_value(values["N"]) == 86400
    assert ctx.string_value(values["T"]) == "plain" and ctx.string_value(values["U"]) is None


def test_a_reassigned_let_is_not_a_constant():
    code = 'import jwt from "jsonwebtoken";\nlet opts = { algorithms: ["none"] };\nopts = { algorithms: ["RS256"] };\njwt.verify(t, k, opts);\n'
    assert not [i for i in _ids(code) if i[0] == "IDG301"]


def test_catch_and_default_paths_are_found():
    ctx = _context("function f(req, res, next) {\n  try { a(); } catch (e) { next(); }\n  p.catch(() => next());\n}\n")
    calls = [c for c in ctx.nodes("call_expression") if ctx.text(c) == "next()"]
    assert len(calls) == 2 and all(ctx.in_catch(c) is not None for c in calls)
    assert ctx.function_name(ctx.enclosing_function(calls[0])) == "f"
    assert ctx.parameters(ctx.enclosing_function(calls[0])) == ["req", "res", "next"]


def test_one_parse_per_source_is_shared():
    code = "const x = 1;\n" * 3
    assert parse_script(code, "typescript") is parse_script(code, "typescript")


@pytest.mark.parametrize(
    ("code", "path"),
    [
        ("const x = ;\n", "auth/a.ts"),
        ("function grant(user {\n  user.role = 'admin';\n}\n", "auth/a.js"),
        ("export const f = (a: string => a;\n", "auth/a.tsx"),
        ("if (isAdmin(user)) {\n  return true;\n", "auth/a.mjs"),
    ],
)
def test_broken_input_fails_closed_as_idg000(code, path):
    result = check_code(code, path=path)
    assert result.verdict == "block"
    [finding] = [f for f in result.findings if f.guard_id == "IDG000"]
    assert "does not parse at line" in finding.message


def test_oversized_input_fails_closed_as_idg000():
    policy = Policy(limits={"max_file_bytes": 1000})
    result = check_code("const a = 1;\n" * 200, path="src/a.ts", policy=policy)
    assert result.verdict == "block" and [f.guard_id for f in result.findings] == ["IDG000"]


def test_deep_nesting_parses_without_a_stack_overflow():
    code = "const x = " + "[" * 5000 + "]" * 5000 + ";\n"
    assert not [f for f in check_code(code, path="src/a.ts").findings if f.guard_id == "IDG000"]


def test_suppression_with_a_reason_applies_and_without_one_does_not():
    base = 'import jwt from "jsonwebtoken";\njwt.verify(t, k, { algorithms: ["none"] });'
    suppressed = check_code(base + " // idguard: ignore[IDG301] legacy device tokens, see ADR-7\n", path="auth/a.ts")
    assert [f.suppressed for f in suppressed.findings if f.guard_id == "IDG301"] == [True]
    bare = check_code(base + " // idguard: ignore[IDG301]\n", path="auth/a.ts")
    assert {f.guard_id for f in bare.active_findings} >= {"IDG301", "IDG002"}


def test_columns_count_characters_not_bytes():
    code = 'import jwt from "jsonwebtoken";\nconst é = jwt.verify(t, k, { algorithms: ["none"] });\n'
    [finding] = [f for f in check_code(code, path="auth/a.ts").findings if f.guard_id == "IDG301"]
    assert finding.column == code.splitlines()[1].index("algorithms") + 1


def test_statement_spans_cover_a_multi_line_call_and_only_a_function_header():
    code = 'app.post("/x", async (req, res) => {\n  a();\n});\nconst t = jwt.sign(\n  p,\n  k,\n);\n'
    spans = statement_spans(code, "typescript")
    assert spans[1] == range(1, 2) and spans[4] == range(4, 8)


def test_javascript_and_typescript_are_detected_by_suffix():
    for suffix, language in (
        (".ts", "typescript"),
        (".tsx", "typescript"),
        (".js", "javascript"),
        (".jsx", "javascript"),
        (".mjs", "javascript"),
        (".cjs", "javascript"),
    ):
        assert check_code("const a = 1;\n", path="src/a" + suffix).language == language


def test_a_crashing_guard_fails_closed_and_the_others_still_report(monkeypatch):
    from idguard.guards.typescript.tls_verification_disabled import TsTlsVerificationDisabled

    def crash(self, node):
        raise ValueError("boom")

    monkeypatch.setattr(TsTlsVerificationDisabled, "visit_pair", crash)
    code = 'import jwt from "jsonwebtoken";\njwt.verify(t, k, { algorithms: ["none"], rejectUnauthorized: false });\n'
    result = check_code(code, path="auth/a.ts")
    assert result.verdict == "block"
    messages = [f.message for f in result.findings if f.guard_id == "IDG000"]
    assert messages == ["Guard IDG308 failed (ValueError); the file was not fully checked."]
    assert "IDG301" in {f.guard_id for f in result.findings}
