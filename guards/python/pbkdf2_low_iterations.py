"""IDG122: PBKDF2 password hashing with too few iterations."""

from __future__ import annotations

import re

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.password_hashing import PBKDF2_MIN_ITERATIONS, context_schemes, is_crypt_context, passlib_scheme

_WERKZEUG_METHOD = re.compile(r"^pbkdf2:(?P<digest>sha\d+):(?P<iterations>\d+)$")


def _digest_of(text: str | None) -> str:
    text = (text or "").lower().replace("-", "").replace("_", "")
    for digest in ("sha512", "sha1", "sha256"):
        if digest in text:
            return digest
    return "sha256"


class Pbkdf2LowIterations(PythonGuard):
    """
    ## What it does
    Finds PBKDF2 configured below the OWASP minimums (600 000 iterations for
    SHA-256, 1 300 000 for SHA-1, 210 000 for SHA-512):
    `hashlib.pbkdf2_hmac("sha256", pw, salt, 100_000)`, cryptography's
    `PBKDF2HMAC(..., iterations=...)`, passlib `pbkdf2_sha256.using(rounds=...)`
    and `CryptContext(pbkdf2_sha256__rounds=...)`, werkzeug
    `method="pbkdf2:sha256:1000"`, and Django hasher subclasses with
    `iterations = ...`.

    ## Why is this bad?
    The iteration count is the only thing that makes PBKDF2 slow. Counts from
    old tutorials (1 000, 10 000, 100 000) let a leaked hash table be cracked
    orders of magnitude faster than intended.

    ## Example
    ```python
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100_000)
    ```

    ## Use instead
    ```python
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    ```
    """

    id = "IDG122"
    name = "pbkdf2-low-iterations"
    title = "PBKDF2 with too few iterations"
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        urls=["https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2"],
        see_also=["OWASP Password Storage Cheat Sheet"],
    )
    VALID = [
        Valid(
            """
            import hashlib
            dk = hashlib.pbkdf2_hmac("sha256", pw.encode(), salt, 600_000)
            """
        ),
        Valid(
            """
            import hashlib
            ITERATIONS = 1_300_000
            dk = hashlib.pbkdf2_hmac("sha1", pw, salt, ITERATIONS)
            """
        ),
        Valid(
            """
            from passlib.hash import pbkdf2_sha512
            hasher = pbkdf2_sha512.using(rounds=250000)
            """
        ),
        Valid(
            """
            hashed = generate_password_hash(password, method="pbkdf2:sha256:600000")
            password_min_length = 12
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import hashlib
            dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100000)
            """,
            line=2,
        ),
        Invalid(
            """
            from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
            from cryptography.hazmat.primitives import hashes
            kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=10000)
            """,
            line=3,
        ),
        Invalid(
            """
            from passlib.context import CryptContext
            ctx = CryptContext(schemes=["pbkdf2_sha256"], pbkdf2_sha256__rounds=29000)
            """,
            line=2,
        ),
        Invalid(
            """
            from werkzeug.security import generate_password_hash
            h = generate_password_hash(pw, method="pbkdf2:sha256:1000")
            """,
            line=2,
        ),
        Invalid(
            """
            from django.contrib.auth.hashers import PBKDF2PasswordHasher

            class FastHasher(PBKDF2PasswordHasher):
                iterations = 20000
            """,
            line=4,
        ),
    ]

    def _judge(self, node: cst.CSTNode, iterations: float | None, digest: str) -> None:
        minimum = PBKDF2_MIN_ITERATIONS.get(digest, PBKDF2_MIN_ITERATIONS["sha256"])
        if iterations is not None and 0 < iterations < minimum:
            self.report(
                node,
                f"PBKDF2-{digest.upper()} with {int(iterations):,} iterations is below the OWASP minimum of {minimum:,}.",
                fix=f"Use at least {minimum:,} iterations (or switch to argon2id / bcrypt).",
            )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if name in ("hashlib.pbkdf2_hmac",):
            digest = _digest_of(
                self.ctx.string_value(self.ctx.kwarg(node, "hash_name") or self.ctx.positional(node, 0))
            )
            count = self.ctx.kwarg(node, "iterations") or self.ctx.positional(node, 3)
            self._judge(node, self.ctx.number_value(count), digest)
        elif last == "PBKDF2HMAC":
            algorithm = self.ctx.kwarg(node, "algorithm") or self.ctx.positional(node, 0)
            digest = _digest_of(self.ctx.qualname(algorithm.func) if isinstance(algorithm, cst.Call) else None)
            count = self.ctx.kwarg(node, "iterations") or self.ctx.positional(node, 3)
            self._judge(node, self.ctx.number_value(count), digest)
        elif is_crypt_context(name):
            schemes, _ = context_schemes(self.ctx, node)
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value.endswith("__rounds") and "pbkdf2" in arg.keyword.value:
                    self._judge(arg, self.ctx.number_value(arg.value), _digest_of(arg.keyword.value))
        elif last in ("using", "hash", "encrypt") and isinstance(node.func, cst.Attribute):
            scheme = passlib_scheme(self.ctx, node.func.value) or ""
            if "pbkdf2" in scheme:
                self._judge(node, self.ctx.number_value(self.ctx.kwarg(node, "rounds")), _digest_of(scheme))
        elif last == "generate_password_hash":
            method = self.ctx.string_value(self.ctx.kwarg(node, "method") or self.ctx.positional(node, 1)) or ""
            match = _WERKZEUG_METHOD.match(method)
            if match:
                self._judge(node, float(match.group("iterations")), match.group("digest"))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        bases = [self.ctx.qualname(b.value) or "" for b in node.bases]
        if not any(b.endswith("PasswordHasher") and "PBKDF2" in b for b in bases):
            return
        digest = "sha1" if any("SHA1" in b for b in bases) else "sha256"
        for statement in node.body.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and any(
                        isinstance(t.target, cst.Name) and t.target.value == "iterations" for t in small.targets
                    ):
                        self._judge(small, self.ctx.number_value(small.value), digest)
