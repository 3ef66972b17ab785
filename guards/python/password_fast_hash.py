"""IDG121: a password hashed with a fast, general-purpose digest."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta, Severity
from ..python_support import PythonGuard, identifier_words, walk
from ._secret_refs import secret_reference

_FAST = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b", "blake2s", "new"})
_PASSWORD = frozenset({"password"})
_SCHEME_WORDS = frozenset({"hasher", "crypt", "handler", "scheme"})
_BREACH_CHECK_WORDS = frozenset({"pwned", "pwnd", "hibp", "breach", "breached", "leaked", "compromised", "exposed"})


class PasswordFastHash(PythonGuard):
    """
    ## What it does
    Finds passwords hashed with `hashlib` digests (`md5`, `sha1`, `sha256`,
    `sha512`, `hashlib.new(...)`), salted or not: the digest's input carries a
    password, or the result is stored as a password hash
    (`user.password_hash = hashlib.sha256(...).hexdigest()`). Hashing
    high-entropy tokens or API keys with sha256 is fine and stays quiet. A
    hasher class or crypt function named after the digest it calls (Django's
    `MD5PasswordHasher`, passlib's `_raw_md5_crypt`) implements that legacy
    scheme, usually to verify hashes stored long ago: it is reported at medium,
    and choosing it as the default scheme is IDG124's finding.

    ## Why is this bad?
    General-purpose digests are built to be fast: a GPU tries billions of
    candidates per second, so a leaked table of sha256 password hashes is
    mostly cracked within days. Password storage needs a slow, salted KDF.

    ## Example
    ```python
    user.password_hash = hashlib.sha256(password.encode()).hexdigest()
    ```

    ## Use instead
    ```python
    from argon2 import PasswordHasher
    user.password_hash = PasswordHasher().hash(password)
    ```

    ## References
    CWE-916 Use of Password Hash With Insufficient Computational Effort;
    CWE-759 Use of a One-Way Hash without a Salt; OWASP Password Storage Cheat Sheet.
    """

    id = "IDG121"
    name = "password-fast-hash"
    title = "Password hashed with a fast digest"
    # Only `hashlib` digests are judged, and that module name is spelled in the file wherever one resolves.
    triggers = ("hashlib",)
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-759"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["password"],
        urls=["https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html"],
    )
    VALID = [
        "import hashlib\ntoken_hash = hashlib.sha256(raw_token.encode()).hexdigest()\n",
        "import hashlib\netag = hashlib.md5(body).hexdigest()\n",
        "from argon2 import PasswordHasher\nuser.password_hash = PasswordHasher().hash(password)\n",
        "import hashlib\nkey_digest = hashlib.sha256(api_key.encode()).digest()\n",
        "import hashlib\n\ndef password_is_pwned(password):\n    digest = hashlib.sha1(password.encode()).hexdigest().upper()\n    return lookup_range(digest[:5], digest[5:])\n",
    ]
    INVALID = [
        "import hashlib\nuser.password_hash = hashlib.sha256(password.encode()).hexdigest()\n",
        "import hashlib\n\ndef check(user, pw):\n    return hashlib.md5((user.salt + pw).encode()).hexdigest() == user.pw_hash\n",
        "from hashlib import sha1\nhashed = sha1(form.password.data.encode('utf-8')).hexdigest()\n",
        "import hashlib\nstored = hashlib.new('sha512', new_password.encode()).hexdigest()\n",
    ]

    def _is_fast_hash(self, call: cst.Call) -> bool:
        name = self.ctx.call_name(call) or ""
        return name.startswith("hashlib.") and "()" not in name and name.split(".", 1)[1] in _FAST

    def _breach_check(self) -> bool:
        """Have I Been Pwned's range API wants `sha1(password)[:5]`: a lookup, not password storage."""
        words: set[str] = set()
        for function in self.ctx.function_stack:
            if isinstance(function, cst.FunctionDef):
                words.update(identifier_words(function.name.value))
        return bool(words & _BREACH_CHECK_WORDS)

    def visit_Call(self, node: cst.Call) -> None:
        if not self._is_fast_hash(node) or self._breach_check():
            return
        for arg in node.args:
            carried = secret_reference(self.ctx, arg.value, _PASSWORD) or self._short_password_name(arg.value)
            if carried:
                self._report(node)
                return

    @staticmethod
    def _short_password_name(expr: cst.BaseExpression) -> str | None:
        # `pw`, `passwd`, `raw_pw` are passwords too, though too short for the shared vocabulary.
        for node in walk(expr):
            if isinstance(node, cst.Name) and {"pw", "pass"} & set(identifier_words(node.value)):
                return node.value
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            words = set(identifier_words(self.ctx.target_name(target.target) or ""))
            if not (words & {"password", "passwd", "pwd", "pw"} and words & {"hash", "hashed", "digest"}):
                continue
            value = node.value
            while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in ("hexdigest", "digest"):
                value = value.func.value
            if isinstance(value, cst.Call) and self._is_fast_hash(value):
                self._report(value)

    def _implements_the_scheme(self, node: cst.CSTNode) -> str | None:
        """`MD5PasswordHasher.encode`, passlib's `_raw_md5_crypt`: a function or class named after the digest
        it calls implements that (legacy) scheme; choosing the scheme is what IDG124 reports."""
        call = node if isinstance(node, cst.Call) else None
        digest = (self.ctx.call_name(call) or "").split(".", 1)[-1] if call is not None else ""
        if digest == "new" and call is not None:
            digest = (self.ctx.string_value(self.ctx.positional(call, 0)) or "").lower()
        if not digest:
            return None
        for scope in (*self.ctx.class_stack, *self.ctx.function_stack):
            name = getattr(getattr(scope, "name", None), "value", "")
            words = identifier_words(name)
            if digest in "".join(words) and _SCHEME_WORDS.intersection(words):
                return name
        return None

    def _report(self, node: cst.CSTNode) -> None:
        scheme = self._implements_the_scheme(node)
        if scheme is not None:
            self.report(
                node,
                f"`{scheme}` implements a password hashing scheme on a fast digest; use it only to verify "
                "legacy hashes.",
                fix="Hash new passwords with a password KDF (argon2id, scrypt, bcrypt, PBKDF2) and upgrade old "
                "hashes on login.",
                severity=Severity.medium,
            )
            return
        self.report(
            node,
            "A password is hashed with a fast general-purpose digest.",
            fix="Use a password KDF: argon2-cffi `PasswordHasher().hash(pw)`, `bcrypt.hashpw(pw, bcrypt.gensalt(12))`, "
            "or Django/passlib's default hashers.",
        )

