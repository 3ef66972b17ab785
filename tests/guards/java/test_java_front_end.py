"""The Java front end: one cached parse, imports, constants, chains, annotations, IDG001 literals, fail closed."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.java.support.context import JavaContext
from idguard.guards.java.support.tree import parse_java
from idguard.guards.policy import Policy


def _context(code: str) -> JavaContext:
    return JavaContext(parse_java(code), "A.java", Policy())


def _ids(code: str, path: str = "auth/A.java") -> set[tuple[str, int]]:
    return {(f.guard_id, f.line) for f in check_code(code, path=path).findings if not f.suppressed}


def test_imports_static_imports_and_fully_qualified_calls_resolve():
    ctx = _context(
        "import io.jsonwebtoken.Jwts;\n"
        "import static io.jsonwebtoken.security.Keys.hmacShaKeyFor;\n"
        "import javax.crypto.*;\n"
        "class A { void f() { Jwts.builder(); hmacShaKeyFor(k); Cipher.getInstance(x);"
        " io.jsonwebtoken.Jwts.parser(); Math.random(); } }\n"
    )
    names = [ctx.call_name(c) for c in ctx.nodes("method_invocation")]
    assert names == [
        "io.jsonwebtoken.Jwts.builder",
        "io.jsonwebtoken.security.Keys.hmacShaKeyFor",
        "javax.crypto.Cipher.getInstance",
        "io.jsonwebtoken.Jwts.parser",
        "java.lang.Math.random",
    ]


def test_constants_locals_and_concatenation_are_followed():
    ctx = _context(
        'class A {\n  private static final String PREFIX = "abc";\n  static final String KEY = PREFIX + "-def";\n'
        "  static final long TTL = 1000L * 60 * 60;\n"
        '  void f() { String local = KEY; use(local.getBytes(UTF_8), TTL, "a\\tb"); }\n}\n'
    )
    call = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "use"][0]
    first, ttl, escaped = ctx.args(call)
    assert ctx.secret_text(first) == "abc-def"
    assert ctx.number_value(ttl) == 3_600_000
    assert ctx.string_value(escaped) == "a\tb"


def test_a_reassigned_local_is_not_a_constant():
    ctx = _context('class A { void f() { String k = "a"; k = read(); use(k); } }\n')
    call = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "use"][0]
    assert ctx.string_value(ctx.arg(call, 0)) is None


def test_locals_of_the_same_name_in_two_methods_resolve_to_their_own_method():
    ctx = _context(
        'class A {\n  void f() { String alg = "DES"; use(alg); }\n  void g() { String alg = "AES/GCM/NoPadding"; use(alg); }\n}\n'
    )
    uses = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "use"]
    assert [ctx.string_value(ctx.arg(c, 0)) for c in uses] == ["DES", "AES/GCM/NoPadding"]


def test_builder_and_dsl_chains_list_every_call():
    ctx = _context(
        "class A { void f() {\n"
        "  String t = Jwts.builder().setSubject(s).signWith(k).compact();\n"
        '  http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").permitAll()).csrf(c -> c.disable());\n'
        "} }\n"
    )
    compact = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "compact"][0]
    assert ctx.chain_methods(compact) == ["builder", "setSubject", "signWith", "compact"]
    assert ctx.text(ctx.chain_root(compact)) == "Jwts"
    permit = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "permitAll"][0]
    assert ctx.chain_methods(permit) == ["requestMatchers", "permitAll"]
    csrf = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "csrf"][0]
    assert ctx.chain_methods(csrf) == ["authorizeHttpRequests", "csrf"]


def test_annotations_and_catch_clauses():
    ctx = _context(
        'class A {\n  @PreAuthorize("hasRole(\'ADMIN\')")\n  @PostMapping(value = "/x")\n'
        "  void f() { try { g(); } catch (Exception e) { chain.doFilter(q, r); } }\n}\n"
    )
    [method] = ctx.nodes("method_declaration")
    pre = ctx.has_annotation(method, "PreAuthorize")
    post = ctx.has_annotation(method, "PostMapping")
    assert pre is not None and ctx.string_value(ctx.annotation_value(pre)) == "hasRole('ADMIN')"
    assert post is not None and ctx.string_value(ctx.annotation_value(post, "value")) == "/x"
    do_filter = [c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "doFilter"][0]
    assert ctx.in_catch(do_filter) is not None
    assert ctx.in_catch([c for c in ctx.nodes("method_invocation") if ctx.method_name(c) == "g"][0]) is None


def test_one_parse_per_source_is_shared():
    code = "class A { int x = 1; }\n"
    assert parse_java(code) is parse_java(code)


@pytest.mark.parametrize(
    "code",
    [
        "class A { void f( { }\n",
        'public class Grants {\n  void grant(User u) {\n    u.setRole("ADMIN")\n  }\n}\n',
        "class A { void f() { if (isAdmin(u)) { return true; }\n",
        'class A { String s = "unterminated; }\n',
    ],
)
def test_syntax_errors_fail_closed_as_idg000(code):
    result = check_code(code, path="src/main/java/auth/Grants.java")
    assert result.verdict == "block"
    [finding] = [f for f in result.findings if f.guard_id == "IDG000"]
    assert "Java does not parse at line" in finding.message


def test_oversized_input_fails_closed_as_idg000():
    policy = Policy(limits={"max_file_bytes": 1000})
    result = check_code("class A { int a = 1; }\n" * 100, path="src/A.java", policy=policy)
    assert result.verdict == "block" and [f.guard_id for f in result.findings] == ["IDG000"]


def test_deep_nesting_parses_without_a_stack_overflow():
    code = "class A { int x = " + "(" * 3000 + "1" + ")" * 3000 + "; }\n"
    assert not [f for f in check_code(code, path="src/A.java").findings if f.guard_id == "IDG000"]


def test_hardcoded_secret_reads_java_literals_from_the_parse():
    secret = "Xk9#" + "mQ2vLp7wRt4z"  # built at run time: no secret-shaped literal in the repository
    code = f'class Db {{\n  private static final String DB_PASSWORD = "{secret}";\n  String label = "password";\n}}\n'
    found = _ids(code, "src/Db.java")
    assert ("IDG001", 2) in found and ("IDG001", 3) not in found


def test_java_is_detected_by_suffix_and_kotlin_is_not_parsed_as_java():
    assert check_code("class A {}\n", path="src/A.java").language == "java"
    kotlin = check_code("fun main() { val t = Jwts.builder().compact() }\n", path="src/A.kt")
    assert kotlin.language == "kotlin" and not [f for f in kotlin.findings if f.guard_id.startswith("IDG5")]


def test_suppression_with_a_reason_applies_and_without_one_does_not():
    base = "class A { PasswordEncoder e() { return new BCryptPasswordEncoder(4); }"
    suppressed = check_code(base + " // idguard: ignore[IDG512] load-test fixture only\n}\n", path="auth/A.java")
    assert [f.suppressed for f in suppressed.findings if f.guard_id == "IDG512"] == [True]
    bare = check_code(base + " // idguard: ignore[IDG512]\n}\n", path="auth/A.java")
    assert {f.guard_id for f in bare.active_findings} >= {"IDG512", "IDG002"}


def test_the_token_lifetime_limit_comes_from_the_policy():
    code = (
        "class T { String issue(String id) {\n"
        "  return Jwts.builder().subject(id).expiration(new Date(System.currentTimeMillis() + 1800 * 1000)).compact();\n"
        "} }\n"
    )
    assert ("IDG508", 2) not in _ids(code)
    strict = Policy(limits={"max_access_token_ttl_seconds": 900})
    assert ("IDG508", 2) in {(f.guard_id, f.line) for f in check_code(code, path="auth/T.java", policy=strict).findings}


def test_a_crashing_guard_fails_closed_and_the_others_still_report(monkeypatch):
    from idguard.guards.java.password_hash_low_cost import JavaPasswordHashLowCost

    def crash(self, node):
        raise ValueError("boom")

    monkeypatch.setattr(JavaPasswordHashLowCost, "visit_object_creation_expression", crash)
    code = 'class A { Object e() { Cipher.getInstance("DES"); return new BCryptPasswordEncoder(4); } }\n'
    result = check_code(code, path="auth/A.java")
    assert result.verdict == "block"
    messages = [f.message for f in result.findings if f.guard_id == "IDG000"]
    assert messages == ["Guard IDG512 failed (ValueError); the file was not fully checked."]
    assert "IDG513" in {f.guard_id for f in result.findings}


@pytest.mark.parametrize(
    ("code", "guard"),
    [
        ('http.authorizeHttpRequests(a -> a.requestMatchers("/admin/users").hasRole("ADMIN"));\n', "IDG501"),
        ("String checksum = DigestUtils.sha256Hex(fileBytes);\n", "IDG511"),
        ("long delay = new Random().nextInt(250);\n", "IDG510"),
        ("if (status.equals(other.status)) { go(); }\n", "IDG515"),
        ('log.info("token refreshed for {}", userId);\n', "IDG519"),
        ('Cookie c = new Cookie("locale", lang);\nresponse.addCookie(c);\n', "IDG516"),
        ('Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");\n', "IDG513"),
    ],
)
def test_near_misses_stay_clean(code, guard):
    assert not [gid for gid, _ in _ids(code) if gid == guard]
