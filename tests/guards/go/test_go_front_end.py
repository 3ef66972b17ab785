"""The Go front end: one cached parse, import aliases, scoped constants, composite literals, IDG001, fail closed."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.go.support.context import GoContext, module_family, package_name
from idguard.guards.go.support.secret_literals import go_literals
from idguard.guards.go.support.tree import parse_go
from idguard.guards.policy import Limits, Policy

NONE_KEYFUNC = """package auth

import {imports}

func keyfunc(t *{alias}.Token) (any, error) {{
	return {alias}.UnsafeAllowNoneSignatureType, nil
}}
"""


def _ids(code: str, path: str = "auth/tokens.go") -> list[tuple[str, int]]:
    return [(f.guard_id, f.line) for f in check_code(code, path=path).findings]


def _context(code: str) -> GoContext:
    return GoContext(parse_go(code), "x.go", Policy())


@pytest.mark.parametrize(
    ("imports", "alias"),
    [
        ('"github.com/golang-jwt/jwt/v5"', "jwt"),
        ('jwtlib "github.com/golang-jwt/jwt/v5"', "jwtlib"),
        ('(\n\t"fmt"\n\tj "github.com/golang-jwt/jwt/v4"\n)', "j"),
        ('"github.com/dgrijalva/jwt-go"', "jwt"),
    ],
)
def test_import_paths_and_aliases_resolve(imports, alias):
    code = NONE_KEYFUNC.format(imports=imports, alias=alias)
    line = code.splitlines().index(f"\treturn {alias}.UnsafeAllowNoneSignatureType, nil") + 1
    assert ("IDG403", line) in _ids(code)


def test_a_package_of_the_same_name_that_is_not_golang_jwt_is_not_one():
    code = NONE_KEYFUNC.format(imports='"example.com/internal/jwt"', alias="jwt")
    assert "IDG403" not in {gid for gid, _ in _ids(code)}


def test_package_names_of_import_paths():
    assert package_name("github.com/golang-jwt/jwt/v5") == "jwt"
    assert package_name("gopkg.in/yaml.v3") == "yaml"
    assert package_name("github.com/coreos/go-oidc/v3/oidc") == "oidc"
    assert package_name("math/rand/v2") == "rand"
    assert module_family("github.com/golang-jwt/jwt/v5") == "github.com/golang-jwt/jwt"


def test_constants_follow_const_var_blocks_and_short_declarations():
    code = (
        'package a\n\nconst (\n\tbase = 60\n\tttl = base * 24\n)\n\nvar name = "x" + `y`\n\n'
        "func f() {\n\tlocal := ttl * 2\n\tuse(local, name)\n}\n"
    )
    ctx = _context(code)
    call = ctx.nodes("call_expression")[0]
    local, name = ctx.args(call)
    assert ctx.number_value(local) == 2880
    assert ctx.string_value(name) == "xy"


def test_a_parameter_or_local_shadows_a_package_constant():
    code = (
        'package a\n\nvar key = []byte("package-level")\n\n'
        "func sign(key []byte) { use(key) }\n"
        'func other() { key := []byte("local"); use(key) }\n'
        "func third() { use(key) }\n"
    )
    ctx = _context(code)
    shadowed, local, package = (ctx.args(c)[0] for c in ctx.nodes("call_expression") if ctx.call_name(c) == "use")
    assert ctx.bytes_literal(shadowed) is None
    assert ctx.bytes_literal(local)[0] == "local"
    assert ctx.bytes_literal(package)[0] == "package-level"


def test_a_reassigned_name_is_no_constant():
    code = 'package a\n\nfunc f() {\n\ts := "a"\n\ts = read()\n\tuse(s)\n}\n'
    ctx = _context(code)
    call = [c for c in ctx.nodes("call_expression") if ctx.call_name(c) == "use"][0]
    assert ctx.string_value(ctx.args(call)[0]) is None


def test_composite_literal_fields_through_variables_and_later_assignments():
    code = (
        'package a\n\nimport "crypto/tls"\n\n'
        "func f() *tls.Config {\n\tcfg := &tls.Config{ServerName: host}\n\tcfg.InsecureSkipVerify = true\n\treturn use(cfg)\n}\n"
    )
    ctx = _context(code)
    call = [c for c in ctx.nodes("call_expression") if ctx.call_name(c) == "use"][0]
    composite = ctx.composite(ctx.args(call)[0])
    assert composite is not None and composite.type_name == "crypto/tls.Config"
    assert set(composite.fields) == {"ServerName", "InsecureSkipVerify"}
    assert ctx.bool_value(composite.fields["InsecureSkipVerify"]) is True


def test_claims_built_by_a_same_file_helper_are_read():
    code = (
        'package a\n\nimport "github.com/golang-jwt/jwt/v5"\n\n'
        'func claims(id string) jwt.MapClaims { return jwt.MapClaims{"sub": id} }\n\n'
        "func issue(id string) *jwt.Token { return jwt.NewWithClaims(jwt.SigningMethodHS256, claims(id)) }\n"
    )
    assert ("IDG407", 7) in _ids(code)
    with_exp = code.replace('{"sub": id}', '{"sub": id, "exp": time.Now().Add(time.Minute).Unix()}')
    assert "IDG407" not in {gid for gid, _ in _ids(with_exp)}


def test_error_branches_and_function_names():
    code = (
        "package a\n\nfunc (s *Svc) Handle(w http.ResponseWriter, r *http.Request) {\n"
        "\tif err := s.check(r); err != nil {\n\t\treturn\n\t}\n"
        '\tr.Post("/admin/users", func(w http.ResponseWriter, r *http.Request) {})\n}\n'
    )
    ctx = _context(code)
    method = ctx.nodes("method_declaration")[0]
    assert ctx.function_name(method) == "Svc.Handle"
    assert len(ctx.error_branches(method)) == 1
    assert ctx.function_name(ctx.nodes("func_literal")[0]) == "Post /admin/users"


def test_the_parse_is_cached_and_shared():
    code = "package a\n\nfunc f() {}\n"
    assert parse_go(code) is parse_go(code)


def test_idg001_reads_go_literals_from_the_parse():
    secret = "k" + "Q7v" * 6 + "x9"
    code = (
        "package a\n\n"
        f'const dbPassword = "{secret}"\n\n'
        'type Login struct {\n\tPassword string `json:"password"`\n}\n\n'
        'var headers = map[string]string{"password": ""}\n'
    )
    literals = go_literals(code)
    assert literals is not None
    named = {lit.name for lit in literals if lit.name}
    assert named == {"dbPassword", "password"}
    tag = [lit for lit in literals if lit.value == 'json:"password"']
    assert tag and not tag[0].is_value  # a struct tag is no value
    findings = [(f.guard_id, f.line) for f in check_code(code, path="store/db.go").findings]
    assert ("IDG001", 3) in findings
    assert not [line for gid, line in findings if gid == "IDG001" and line != 3]


def test_idg001_sees_a_password_compared_with_a_literal():
    code = 'package a\n\nfunc ok(password string) bool {\n\treturn password == "Summer2024!"\n}\n'
    assert ("IDG001", 4) in _ids(code)


def test_a_syntax_error_fails_closed_as_idg000():
    result = check_code("package auth\n\nfunc verify(raw string {\n\treturn nil\n}\n", path="auth/verify.go")
    [finding] = [f for f in result.findings if f.guard_id == "IDG000"]
    assert "Go does not parse at line 3" in finding.message
    assert result.verdict == "block"


def test_oversized_go_input_fails_closed():
    policy = Policy(limits=Limits(max_file_bytes=1000))
    result = check_code("package a\n\n" + "// filler\n" * 200, path="auth/big.go", policy=policy)
    assert [f.guard_id for f in result.findings] == ["IDG000"] and result.verdict == "block"


def test_a_crashing_go_guard_fails_closed_and_keeps_the_others(monkeypatch: pytest.MonkeyPatch):
    from idguard.guards.go.tls_verification_disabled import GoTlsVerificationDisabled

    def boom(self, node):
        raise RuntimeError("guard bug")

    monkeypatch.setattr(GoTlsVerificationDisabled, "visit_keyed_element", boom)
    code = (
        'package a\n\nimport "github.com/golang-jwt/jwt/v5"\n\n'
        "var cfg = &tls.Config{InsecureSkipVerify: true}\n\n"
        "func k(t *jwt.Token) (any, error) { return jwt.UnsafeAllowNoneSignatureType, nil }\n"
    )
    result = check_code(code, path="auth/x.go")
    ids = {f.guard_id for f in result.findings}
    assert "IDG000" in ids and "IDG403" in ids and "IDG409" not in ids
    assert any("IDG409 failed (RuntimeError)" in f.message for f in result.findings)


def test_suppressions_work_in_go_comments():
    code = (
        "package a\n\nvar cfg = &tls.Config{InsecureSkipVerify: true} // idguard: ignore[IDG409] lab CA only, ADR-7\n"
    )
    [finding] = [f for f in check_code(code, path="lab/tls.go").findings if f.guard_id == "IDG409"]
    assert finding.suppressed


def test_go_guards_are_listed_with_their_language():
    from idguard.guards import load_guards

    go = [g for g in load_guards().values() if g.languages == ("go",)]
    assert len(go) >= 25 and all(g.id.startswith("IDG4") for g in go)
