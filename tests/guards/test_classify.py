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
