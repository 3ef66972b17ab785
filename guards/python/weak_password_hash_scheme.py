"""IDG124: passwords stored with a broken or unsalted hashing scheme."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.password_hashing import context_schemes, is_crypt_context, passlib_scheme
from .support.values import value_uses
from .support.words import identifier_words

# Scheme-name words that name no system (`salted`, `md5`, `crypt`): a context sharing them is not a compatibility preset.
_GENERIC_SCHEME_WORDS = frozenset(
    {
        "salted",
        "md",
        "md5",
        "sha",
        "sha1",
        "crypt",
        "hex",
        "des",
        "plaintext",
        "disabled",
        "apr",
        "sun",
        "ldap",
        "1",
        "4",
        "5",
        "256",
        "512",
    }
)

WEAK_PASSLIB_SCHEMES = frozenset(
    {
        "md5_crypt",
        "des_crypt",
        "bsdi_crypt",
        "bigcrypt",
        "crypt16",
        "plaintext",
        "ldap_md5",
        "ldap_sha1",
        "ldap_plaintext",
        "ldap_salted_md5",
        "ldap_salted_sha1",
        "hex_md4",
        "hex_md5",
        "hex_sha1",
        "hex_sha256",
        "hex_sha512",
        "mysql323",
        "mysql41",
        "oracle10",
        "oracle11",
        "postgres_md5",
        "lmhash",
        "nthash",
        "apr_md5_crypt",
        "sun_md5_crypt",
        "msdcc",
        "msdcc2",
        "cisco_pix",
        "cisco_asa",
        "cisco_type7",
        "django_salted_md5",
        "django_salted_sha1",
        "django_des_crypt",
        "django_disabled",
        "roundup_plaintext",
    }
)
WEAK_DJANGO_HASHERS = frozenset(
    {
        "MD5PasswordHasher",
        "UnsaltedMD5PasswordHasher",
        "UnsaltedSHA1PasswordHasher",
        "SHA1PasswordHasher",
        "CryptPasswordHasher",
    }
)
_WEAK_WERKZEUG = frozenset({"md5", "sha1", "sha256", "sha512", "plain"})
# Django hasher `algorithm` names accepted by `make_password(pw, hasher=...)`.
_WEAK_DJANGO_ALGORITHMS = frozenset({"md5", "sha1", "unsalted_md5", "unsalted_sha1", "crypt"})


class WeakPasswordHashScheme(PythonGuard):
    """
    ## What it does
    Finds password hashing set up with broken or unsalted schemes: passlib
    `CryptContext` whose default (or first) scheme is `md5_crypt`, `des_crypt`,
    `plaintext`, `ldap_md5`, `hex_sha256`...; direct use such as
    `md5_crypt.hash(pw)`; Django `PASSWORD_HASHERS` whose first (hashing)
    entry is `MD5PasswordHasher`, `UnsaltedSHA1PasswordHasher`,
    `SHA1PasswordHasher`...; `make_password(pw, hasher="md5")`; werkzeug
    `generate_password_hash(pw, method="sha256")`.
    Weak schemes listed *after* a strong default (to verify legacy hashes and
    upgrade them) are fine. A context named after the system whose hash format it
    speaks (`mysql_context = CryptContext(["mysql41"])`, as passlib.apps ships) is
    for interoperating with that system and is reported as low.

    ## Why is this bad?
    These schemes are fast, unsalted, truncated or plain text; a leaked user
    table falls to precomputed tables or a GPU in hours.

    ## Example
    ```python
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ```

    ## Use instead
    ```python
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    ```
    """

    id = "IDG124"
    name = "weak-password-hash-scheme"
    title = "Weak password hashing scheme"
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-759", "CWE-256"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["password"],
    )
    VALID = [
        Valid(
            """
            from passlib.context import CryptContext
            pwd = CryptContext(schemes=["argon2", "md5_crypt"], deprecated="auto")
            """
        ),
        Valid(
            """
            PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]
            """
        ),
        Valid(
            """
            h = generate_password_hash(password, method="scrypt")
            """
        ),
        Valid(
            """
            from passlib.hash import argon2
            hashed = argon2.hash(password)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from passlib.context import CryptContext
            pwd = CryptContext(schemes=["md5_crypt", "bcrypt"])
            """,
            line=2,
        ),
        Invalid(
            """
            PASSWORD_HASHERS = ["django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher"]
            """,
            line=1,
        ),
        Invalid(
            """
            from passlib.hash import md5_crypt
            hashed = md5_crypt.hash(password)
            """,
            line=2,
        ),
        Invalid(
            """
            from werkzeug.security import generate_password_hash
            h = generate_password_hash(pw, method="sha256")
            """,
            line=2,
        ),
        Invalid(
            """
            from passlib.context import CryptContext
            ctx = CryptContext(schemes=["bcrypt", "plaintext"], default="plaintext")
            """,
            line=2,
        ),
        Invalid(
            """
            from django.contrib.auth.hashers import make_password
            user.password = make_password(raw, hasher="unsalted_md5")
            """,
            line=2,
        ),
        Invalid(
            """
            from passlib.context import CryptContext
            legacy_context = CryptContext(schemes=["md5_crypt"])
            """,
            line=2,
        ),
    ]

    def _report(self, node: cst.CSTNode, scheme: str) -> None:
        self.report(
            node,
            f"Passwords are hashed with `{scheme}`, a broken or unsalted scheme.",
            fix="Hash with argon2id, scrypt, bcrypt or PBKDF2-SHA256 (600k+ iterations); keep old schemes only "
            "as non-default entries that are upgraded on login.",
        )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if is_crypt_context(name):
            _, default = context_schemes(self.ctx, node)
            if default in WEAK_PASSLIB_SCHEMES:
                if self._compatibility_context(node, default):
                    self.report(
                        node,
                        f"This context reads and writes `{default}` hashes, the format of the system it is named after; "
                        "use it only to interoperate with that system, never to store this application's passwords.",
                        fix="Store this application's passwords with argon2id, scrypt or bcrypt.",
                        severity=Severity.low,
                    )
                else:
                    self._report(node, default)
        elif last in ("hash", "encrypt", "using") and isinstance(node.func, cst.Attribute):
            scheme = passlib_scheme(self.ctx, node.func.value)
            if scheme in WEAK_PASSLIB_SCHEMES:
                self._report(node, scheme)
        elif last == "make_password":
            hasher = self.ctx.string_value(self.ctx.kwarg(node, "hasher") or self.ctx.positional(node, 2))
            if hasher is not None and hasher.lower() in _WEAK_DJANGO_ALGORITHMS:
                self._report(node, hasher)
        elif last == "generate_password_hash" and "bcrypt" not in name.lower():
            method = self.ctx.string_value(self.ctx.kwarg(node, "method") or self.ctx.positional(node, 1))
            if method is not None and method.lower() in _WEAK_WERKZEUG:
                self._report(node, method)

    def _compatibility_context(self, node: cst.Call, scheme: str) -> bool:
        """`mysql_context = CryptContext(["mysql41"])`, `postgres_context = LazyCryptContext(["postgres_md5"])`:
        a context named after the system whose hash format its scheme is (passlib.apps ships such presets)."""
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        scheme_words = set(identifier_words(scheme)) - _GENERIC_SCHEME_WORDS
        for use in value_uses(self.ctx, node, function, depth=0):
            if use.kind == "assign" and use.name and scheme_words & set(identifier_words(use.name)):
                return True
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if self.ctx.target_name(target.target) != "PASSWORD_HASHERS":
                continue
            value = self.ctx.resolve(node.value)
            if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
                first = self.ctx.string_value(value.elements[0].value) or ""
                hasher = first.rsplit(".", 1)[-1]
                if hasher in WEAK_DJANGO_HASHERS:
                    self._report(node, hasher)
