"""IDG121: a password hashed with a fast, general-purpose digest."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import PythonGuard
from .support.password_hashing import algorithm_site, judge_digest, may_be_digest_call


class PasswordFastHash(PythonGuard):
    """
    ## What it does
    Finds passwords and PINs hashed with general-purpose digests (`hashlib.md5`, `sha1`,
    `sha256`, `sha512`, `hashlib.new(...)`, pycryptodome `SHA256.new`), salted or not: the
    digest's input carries a password (also through `h.update(password)`), the result is stored
    as a password hash (`user.password_hash = ...`, `pin_hash=...`), or a helper such as
    `def _digest(raw): return md5(raw.encode()).hexdigest()` is called with a password or to fill
    a password-hash field. A sha256 pre-hash fed into bcrypt/argon2 (for bcrypt's 72-byte limit),
    Have I Been Pwned range lookups, and digests of tokens or API keys (see IDG160) are not
    reported here. Code inside a class or function named after the digest it uses
    (`SaltedMD5PasswordHasher`, `_raw_md5_crypt`) implements a legacy scheme for old hashes and
    is reported as low.

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
    """

    id = "IDG121"
    name = "password-fast-hash"
    title = "Password hashed with a fast digest"
    # `hashlib` and pycryptodome's `Crypto.Hash` digests; one of these is spelled wherever they resolve.
    triggers = ("hashlib", "crypto.hash", "cryptodome.hash")
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-759"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["password"],
        urls=["https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html"],
        see_also=["OWASP Password Storage Cheat Sheet"],
    )
    VALID = [
        Valid(
            """
            import hashlib
            token_hash = hashlib.sha256(raw_token.encode()).hexdigest()
            """
        ),
        Valid(
            """
            import hashlib
            etag = hashlib.md5(body).hexdigest()
            """
        ),
        Valid(
            """
            from argon2 import PasswordHasher
            user.password_hash = PasswordHasher().hash(password)
            """
        ),
        Valid(
            """
            import hashlib
            key_digest = hashlib.sha256(api_key.encode()).digest()
            """
        ),
        Valid(
            """
            import hashlib

            def password_is_pwned(password):
                digest = hashlib.sha1(password.encode()).hexdigest().upper()
                return lookup_range(digest[:5], digest[5:])
            """
        ),
        Valid(
            """
            import base64, hashlib, bcrypt

            def _prehash(password):
                digest = hashlib.sha256(password.encode()).digest()
                return base64.b64encode(digest)

            def hash_password(password):
                return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(12))
            """
        ),
        Valid(
            """
            import hashlib
            if user.password_hash[-8:] != hashlib.sha256(data).hexdigest()[-8:]:
                pass
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import hashlib
            user.password_hash = hashlib.sha256(password.encode()).hexdigest()
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib

            def check(user, pw):
                return hashlib.md5((user.salt + pw).encode()).hexdigest() == user.pw_hash
            """,
            line=4,
        ),
        Invalid(
            """
            from hashlib import sha1
            hashed = sha1(form.password.data.encode('utf-8')).hexdigest()
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib
            stored = hashlib.new('sha512', new_password.encode()).hexdigest()
            """,
            line=2,
        ),
        Invalid(
            """
            from hashlib import md5

            def _digest(raw):
                return md5(raw.strip().encode()).hexdigest()

            def register(email, password):
                return User(email=email, password_hash=_digest(password))
            """,
            line=4,
        ),
        Invalid(
            """
            import hmac
            from hashlib import sha1 as _fp

            def check(user, candidate):
                computed = _fp(candidate.encode()).hexdigest()
                return hmac.compare_digest(computed, user.password_digest)
            """,
            line=5,
        ),
        Invalid(
            """
            import hashlib
            DIGEST = 'md5'

            def _hash(secret):
                return getattr(hashlib, DIGEST)(secret.encode()).hexdigest()

            def add(db, name, password):
                db[name] = {'password_hash': _hash(password)}
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib

            class KioskPin:
                def set_pin(self, pin):
                    self.pin_hash = hashlib.sha1((self.salt + pin).encode()).hexdigest()
            """,
            line=5,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        if not may_be_digest_call(self.ctx, node):
            return  # cheap: every digest judged here is called by a digest's name, or through getattr(hashlib, ...)
        use = judge_digest(self.ctx, node)
        if use is None or use.kind != "password" or use.prehash or use.breach_check:
            return
        if use.legacy_scheme:
            self.report(
                node,
                f"This implements the legacy {use.algorithm} password scheme: keep it for verifying and upgrading "
                "old hashes only.",
                fix="Hash new passwords with argon2/bcrypt/scrypt and re-hash legacy ones at the next successful login.",
                severity=Severity.low,
            )
            return
        self.report(
            node,
            (
                f"A digest made with {_describe(use.algorithm)}, a fast general-purpose digest, is kept or compared as "
                f"a password hash (`{use.carried}`)."
                if use.from_sink
                else f"A password (`{use.carried}`) is hashed with {_describe(use.algorithm)}, a fast general-purpose digest."
            ),
            fix=_FIX,
        )
        site = algorithm_site(self.ctx, node)
        if site is not None and id(site) not in self._sites:  # the algorithm is chosen elsewhere: point there too
            self._sites.add(id(site))
            self.report(
                site, f"`{use.algorithm}`, chosen here, is the fast digest passwords are hashed with.", fix=_FIX
            )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._sites: set[int] = set()


_FIX = (
    "Use a password KDF: argon2-cffi `PasswordHasher().hash(pw)`, `bcrypt.hashpw(pw, bcrypt.gensalt(12))`, "
    "or Django/passlib's default hashers."
)


def _describe(algorithm: str) -> str:
    return algorithm if algorithm.startswith("a ") else f"`{algorithm}`"
