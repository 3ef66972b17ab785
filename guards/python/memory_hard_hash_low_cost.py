"""IDG125: argon2 or scrypt password hashing configured below safe cost."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.password_hashing import is_crypt_context, passlib_scheme

# OWASP Password Storage Cheat Sheet: argon2id needs m=7 MiB with t=5 at the very least (the
# equivalent settings trade memory for passes: 19 MiB/t=2, 46 MiB/t=1), so memory x passes
# must reach about 35 MiB-passes and memory must not drop below 7 MiB.
ARGON2_MIN_MEMORY_KIB = 7 * 1024
ARGON2_MIN_MEMORY_TIMES_PASSES_KIB = 35 * 1024
# scrypt: Django's default (n=2**14, r=8, p=1) is the floor; OWASP recommends 8x that.
SCRYPT_MIN_WORK = 2**14 * 8


class MemoryHardHashLowCost(PythonGuard):
    """
    ## What it does
    Finds argon2 and scrypt password hashing weakened below safe cost:
    argon2-cffi `PasswordHasher(time_cost=1, memory_cost=1024)`, passlib
    `argon2.using(memory_cost=..., rounds=...)` and `CryptContext(argon2__memory_cost=...)`,
    Django `Argon2PasswordHasher` subclasses with low `memory_cost`/`time_cost`,
    and `hashlib.scrypt(..., n=..., r=..., p=...)` below n·r·p = 2^14·8.
    The libraries' defaults are fine; this fires only on explicit low settings.

    ## Why is this bad?
    argon2 and scrypt resist GPU cracking through memory: each guess must fill
    the configured memory. Settings copied from test suites (1 MiB, one pass)
    remove exactly that protection.

    ## Example
    ```python
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    ```

    ## Use instead
    ```python
    hasher = PasswordHasher()  # argon2-cffi defaults: t=3, m=64 MiB
    ```
    """

    id = "IDG125"
    name = "memory-hard-hash-low-cost"
    title = "argon2/scrypt password hashing below safe cost"
    # Every call, keyword and base class judged names argon2 or scrypt in its identifiers.
    triggers = ("argon2", "scrypt")
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        urls=["https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id"],
        see_also=["OWASP Password Storage Cheat Sheet"],
    )
    VALID = [
        Valid(
            """
            from argon2 import PasswordHasher
            hasher = PasswordHasher()
            """
        ),
        Valid(
            """
            from argon2 import PasswordHasher
            hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
            """
        ),
        Valid(
            """
            import hashlib
            dk = hashlib.scrypt(pw, salt=salt, n=2**17, r=8, p=1)
            """
        ),
        Valid(
            """
            import hashlib
            dk = hashlib.scrypt(pw, salt=salt, n=16384, r=8, p=1)
            memory_cost_label = 'low'
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from argon2 import PasswordHasher
            hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
            """,
            line=2,
        ),
        Invalid(
            """
            import argon2
            ph = argon2.PasswordHasher(memory_cost=8192, time_cost=1)
            """,
            line=2,
        ),
        Invalid(
            """
            import hashlib
            dk = hashlib.scrypt(password.encode(), salt=salt, n=1024, r=8, p=1)
            """,
            line=2,
        ),
        Invalid(
            """
            from passlib.hash import argon2
            hasher = argon2.using(memory_cost=512, rounds=1)
            """,
            line=2,
        ),
        Invalid(
            """
            from django.contrib.auth.hashers import Argon2PasswordHasher

            class FastArgon2(Argon2PasswordHasher):
                time_cost = 1
                memory_cost = 256
            """,
            line=3,
        ),
    ]

    def _judge_argon2(self, node: cst.CSTNode, memory: float | None, passes: float | None) -> None:
        if memory is None and passes is None:
            return
        memory = memory if memory is not None else 65536  # argon2-cffi / passlib defaults
        passes = passes if passes is not None else 2
        if memory < ARGON2_MIN_MEMORY_KIB or memory * passes < ARGON2_MIN_MEMORY_TIMES_PASSES_KIB:
            self.report(
                node,
                f"argon2 with {int(memory)} KiB memory and {int(passes)} pass(es) is below the OWASP minimum.",
                fix="Use the library defaults, or at least memory_cost=19456 (19 MiB) with time_cost=2.",
            )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if name.startswith("argon2") and last == "PasswordHasher":
            self._judge_argon2(
                node,
                self.ctx.number_value(self.ctx.kwarg(node, "memory_cost") or self.ctx.positional(node, 1)),
                self.ctx.number_value(self.ctx.kwarg(node, "time_cost") or self.ctx.positional(node, 0)),
            )
        elif (
            last in ("using", "hash")
            and isinstance(node.func, cst.Attribute)
            and passlib_scheme(self.ctx, node.func.value) == "argon2"
        ):
            self._judge_argon2(
                node,
                self.ctx.number_value(self.ctx.kwarg(node, "memory_cost")),
                self.ctx.number_value(self.ctx.kwarg(node, "rounds") or self.ctx.kwarg(node, "time_cost")),
            )
        elif is_crypt_context(name):
            self._judge_argon2(
                node,
                self.ctx.number_value(self.ctx.kwarg(node, "argon2__memory_cost")),
                self.ctx.number_value(
                    self.ctx.kwarg(node, "argon2__rounds") or self.ctx.kwarg(node, "argon2__time_cost")
                ),
            )
        elif name == "hashlib.scrypt":
            n = self.ctx.number_value(self.ctx.kwarg(node, "n"))
            r = self.ctx.number_value(self.ctx.kwarg(node, "r"))
            p = self.ctx.number_value(self.ctx.kwarg(node, "p")) or 1
            if n is not None and r is not None and n * r * p < SCRYPT_MIN_WORK:
                self.report(
                    node,
                    f"scrypt with n={int(n)}, r={int(r)}, p={int(p)} is below the minimum work (n·r·p ≥ 2^14·8).",
                    fix="Use n=2**17, r=8, p=1 (OWASP), or at least Django's n=2**14, r=8.",
                )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if not any("Argon2PasswordHasher" in (self.ctx.qualname(b.value) or "") for b in node.bases):
            return
        values: dict[str, float | None] = {}
        for statement in node.body.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign):
                        for target in small.targets:
                            if isinstance(target.target, cst.Name) and target.target.value in (
                                "time_cost",
                                "memory_cost",
                            ):
                                values[target.target.value] = self.ctx.number_value(small.value)
        if values:
            self._judge_argon2(node, values.get("memory_cost"), values.get("time_cost"))
