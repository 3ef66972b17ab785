"""Identity classification: identity code is recognised, everyday code that merely says "token" is not."""

from __future__ import annotations

import pytest
from idguard.guards.classify import classify

IDENTITY = {
    "jwt": (
        "import jwt\n\ndef issue(user, key):\n    return jwt.encode({'sub': user.id}, key, algorithm='RS256')\n",
        "token",
    ),
    "refresh": (
        "def rotate(user):\n    refresh_token = store.new_refresh_token(user)\n    return refresh_token\n",
        "token",
    ),
    "password": ("def set_password(user, raw):\n    user.password_hash = hasher.hash(raw)\n", "password"),
    "invite": (
        "def invite(team, email, role):\n    return Invitation.create(team=team, email=email, role=role)\n",
        "invitation",
    ),
    "rbac": (
        "def grant(user, role):\n    if role not in ASSIGNABLE:\n        raise PermissionDenied()\n    user.roles.add(role)\n",
        "rbac",
    ),
    "offboard": (
        "def offboard(user):\n    sessions.revoke_all(user)\n    api_keys.revoke_all(user)\n",
        "deprovisioning",
    ),
}

NOT_IDENTITY = {
    "lexer": "class Lexer:\n    def tokens(self, text):\n        for token in self.scan(text):\n            yield token.type, token.value\n",
    "cancellation": "async def run(token):\n    while not token.cancelled:\n        await step()\n",
    "file_mode": "import os\n\ndef publish(path):\n    os.chmod(path, 0o644)  # permissions for the web server\n",
    "scopes": "def resolve(name, scopes):\n    for scope in reversed(scopes):\n        if name in scope:\n            return scope[name]\n",
    "plain": "def add(a, b):\n    return a + b\n",
}


@pytest.mark.parametrize("name", sorted(IDENTITY))
def test_identity_code_is_recognised(name):
    code, category = IDENTITY[name]
    identity, categories = classify(code, "app/module.py")
    assert identity and category in categories


@pytest.mark.parametrize("name", sorted(NOT_IDENTITY))
def test_everyday_code_is_not_identity(name):
    assert classify(NOT_IDENTITY[name], "app/module.py") == (False, [])


def test_identity_paths_force_classification():
    assert classify("x = 1\n", "src/auth/helpers.py")[0]
    assert classify("x = 1\n", ".idguard/policy.toml") == (True, ["policy"])


def test_guards_run_on_code_the_classifier_calls_everyday():
    """Classification decides review, never whether code is checked: TLS turned off in a module with no
    identity word is still found, and code that does not parse is still blocked."""
    from idguard.guards import check_code

    tls_off = "import ssl\n\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_NONE\n"
    assert classify(tls_off, "app/net.py") == (False, [])
    result = check_code(tls_off, path="app/net.py")
    assert [(f.guard_id, f.line) for f in result.findings] == [("IDG138", 4)]
    assert check_code("def add(a, b):\n    return a + b\n", path="app/math.py").verdict == "pass"
    broken = check_code("def add(a, b)\n", path="app/math.py")
    assert (broken.verdict, broken.findings[0].guard_id) == ("block", "IDG000")


IDENTITY_IN_OTHER_LANGUAGES = {
    "src/verify.ts": (
        "import jwt from 'jsonwebtoken';\nexport const read = (t: string) => jwt.verify(t, key);\n",
        "token",
    ),
    "src/auth.js": ("const passport = require('passport');\n", "token"),
    "api/token.go": ('package api\n\nimport "github.com/golang-jwt/jwt/v5"\n', "token"),
    "api/login.go": ('package api\n\nimport "golang.org/x/oauth2"\n', "sso"),
    "src/Parse.java": ("import io.jsonwebtoken.Jwts;\nclass Parse {}\n", "token"),
    "src/Web.java": ('class Web { void c(H h) { h.requestMatchers("/admin/**").permitAll(); } }\n', "rbac"),
    "src/Admin.kt": ("@PreAuthorize(\"hasRole('ADMIN')\")\nfun purge() {}\n", "rbac"),
    "app/controllers/admin_controller.rb": (
        "class AdminController < ApplicationController\n  skip_before_action :require_login\nend\n",
        "rbac",
    ),
    "Controllers/AdminController.cs": ("[AllowAnonymous]\npublic class AdminController : Controller { }\n", "rbac"),
    "app/Http/Admin.php": (
        "<?php\nuse Illuminate\\Support\\Facades\\Gate;\nGate::define('purge', fn () => true);\n",
        "rbac",
    ),
    "app/users.py": ('def promote(user):\n    user.role = "admin"\n', "rbac"),
    "app/flags.ts": ("export const user = { name, isAdmin: true };\n", "rbac"),
}


@pytest.mark.parametrize("path", sorted(IDENTITY_IN_OTHER_LANGUAGES))
def test_identity_constructs_of_every_language_are_identity(path: str):
    code, category = IDENTITY_IN_OTHER_LANGUAGES[path]
    identity, categories = classify(code, path)
    assert identity and category in categories


@pytest.mark.parametrize(
    "code",
    [
        'page.title = "admin"\n',
        'user.display_name = "Administrator of nothing"\n',
        "import { format } from 'date-fns/passport-date';\n",
        "const permitted = list.filter(allowAll);\n",
    ],
)
def test_near_misses_of_the_constructs_are_not_identity(code: str):
    assert classify(code, "app/module.py") == (False, [])


def test_path_forces_identity_is_the_path_part_of_classification():
    from idguard.guards.classify import path_forces_identity
    from idguard.guards.policy import Policy

    assert path_forces_identity("services/auth/handlers.py")
    assert path_forces_identity(".idguard/policy.toml") and path_forces_identity(".github/workflows/ci.yml")
    assert not path_forces_identity("app/handlers.py")
    assert path_forces_identity("app/handlers.py", Policy(identity_paths=["app/*"]))


# One text per alternative of every construct, in the case and spacing a real file may use.
CONSTRUCT_SAMPLES = [
    "const jwt = require( 'jsonwebtoken' );",
    'import NextAuth from "next-auth/providers/github";',
    "import { authenticate } from 'passport-saml'",
    'import "github.com/lestrrat-go/jwx"',
    "import static com.nimbusds.jose.JWSAlgorithm;",
    "var claims = Jwts .parser().parse(token);",
    "JWT::decode($token, $key);",
    "var handler = new JwtSecurityTokenHandler();",
    "using System.IdentityModel.Tokens.Jwt;",
    "use Firebase\\JWT\\JWT;",
    'import "golang.org/x/oauth2"',
    'import "github.com/crewjam/saml"',
    "import org.pac4j.core.Config;",
    "gem 'omniauth'",
    "services.AddJwtBearer (options => {});",
    '@RolesAllowed({"ops"})',
    "http.authorizeRequests().ANYREQUEST().PERMITALL ()",
    "import org.apache.shiro.SecurityUtils;",
    '[ Authorize(Roles = "Admin")]',
    "app.UseAuthorization();",
    "public ClaimsPrincipal User;",
    "  skip_before_action :verify_authenticity_token",
    "authorize! :update, @post",
    "devise :database_authenticatable",
    "Gate::before(fn () => true);",
    "Route::get('/x')->middleware( 'auth:sanctum');",
    "#[IsGranted('ROLE_ADMIN')]",
    "use Laravel\\Sanctum\\HasApiTokens;",
    'import "github.com/casbin/casbin/v2"',
    "@Login_Required",
    "    permission_classes = [IsAuthenticated]",
    "user.roles.append( 'SuperUser')",
    'claims = {"groups": ["owner"]}',
    "account.is_superuser = True",
    "const u = { isAdmin: 1 }",
    'import "github.com/alexedwards/scs/v2"',
    "if (password_verify($raw, $hash)) {}",
    "use Illuminate\\Support\\Facades\\Hash;",
]


@pytest.mark.parametrize("sample", CONSTRUCT_SAMPLES)
def test_every_construct_match_holds_one_of_its_triggers(sample: str):
    """A construct's pattern runs only on text holding one of its triggers: every match must hold one, or
    the fast path would miss what the pattern finds."""
    from idguard.guards.classify import _CONSTRUCTS

    matched = [c for c in _CONSTRUCTS if c.pattern.search(sample)]
    assert matched, f"no construct matches {sample!r}"
    for construct in matched:
        text = construct.pattern.search(sample).group(0)
        assert construct.gate(text.lower() if construct.ignorecase else text), (sample, construct.triggers)


def _texts_for_construct_search() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    folders = [root / "tests" / "fixtures", root / "benchmarks" / "corpus"]
    folders += [root / "benchmarks" / "blind" / name for name in ("python-dev", "python-dev4", "ts-dev")]
    texts = [p.read_text(encoding="utf-8", errors="replace") for f in folders for p in sorted(f.rglob("*.*"))]
    # Non-ASCII text: the letters a case-insensitive regex folds to ASCII and str.lower() does not.
    texts += [s.replace("s", "\u017f").replace("i", "\u0131") for s in CONSTRUCT_SAMPLES]
    return texts + CONSTRUCT_SAMPLES


def test_the_trigger_gated_construct_search_finds_what_every_pattern_finds():
    from idguard.guards.classify import _construct_categories

    texts = _texts_for_construct_search()
    assert len(texts) > 200
    found = 0
    for text in texts:
        fast = _construct_categories(text)
        assert fast == _construct_categories(text, use_triggers=False), text[:200]
        found += bool(fast)
    assert found > 50  # the comparison ran on texts that hold constructs, not only on texts without any


def test_a_non_ascii_lookalike_still_counts_as_the_construct():
    """`re.IGNORECASE` matches `ſ` (long s) for `s`: such text skips the ASCII triggers and runs every pattern."""
    assert classify("class V:\n    permi\u017f\u017fion_classes = [IsStaff]\n", "app/views.py")[1] == ["rbac"]
