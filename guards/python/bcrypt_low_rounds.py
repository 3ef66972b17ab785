"""IDG123: bcrypt with a work factor below 10."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.password_hashing import BCRYPT_MIN_ROUNDS, is_crypt_context, passlib_scheme


class BcryptLowRounds(PythonGuard):
    """
    ## What it does
    Finds bcrypt configured with a cost (log rounds) below 10:
    `bcrypt.gensalt(rounds=8)`, passlib `bcrypt.using(rounds=...)` and
    `CryptContext(bcrypt__rounds=...)`, flask-bcrypt
    `BCRYPT_LOG_ROUNDS = 4` and `generate_password_hash(pw, rounds=...)`, and
    Django bcrypt hasher subclasses with `rounds = ...`.

    ## Why is this bad?
    Each step of the cost halves the attacker's work. Cost 4, often copied
    from test settings, makes bcrypt about 64 times cheaper to crack than the
    default of 12.

    ## Example
    ```python
    hashed = bcrypt.hashpw(password, bcrypt.gensalt(rounds=6))
    ```

    ## Use instead
    ```python
    hashed = bcrypt.hashpw(password, bcrypt.gensalt(rounds=12))
    ```
    """

    id = "IDG123"
    name = "bcrypt-low-rounds"
    title = "bcrypt cost below 10"
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        urls=["https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#bcrypt"],
        see_also=["OWASP Password Storage Cheat Sheet"],
    )
    VALID = [
        Valid(
            """
            import bcrypt
            hashed = bcrypt.hashpw(pw, bcrypt.gensalt())
            """
        ),
        Valid(
            """
            import bcrypt
            ROUNDS = 12
            hashed = bcrypt.hashpw(pw, bcrypt.gensalt(rounds=ROUNDS))
            """
        ),
        Valid(
            """
            from passlib.hash import bcrypt
            hasher = bcrypt.using(rounds=13)
            max_login_rounds = 3
            """
        ),
        Valid(
            """
            retry_rounds = 3
            for _ in range(retry_rounds):
                pass
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import bcrypt
            hashed = bcrypt.hashpw(password, bcrypt.gensalt(rounds=6))
            """,
            line=2,
        ),
        Invalid(
            """
            import bcrypt
            salt = bcrypt.gensalt(4)
            """,
            line=2,
        ),
        Invalid(
            """
            from passlib.context import CryptContext
            pwd_context = CryptContext(schemes=['bcrypt'], bcrypt__rounds=8)
            """,
            line=2,
        ),
        Invalid(
            """
            BCRYPT_LOG_ROUNDS = 4
            app.config["BCRYPT_LOG_ROUNDS"] = 5
            """,
            line=1,
        ),
        Invalid(
            """
            from passlib.hash import bcrypt as bc
            hasher = bc.using(rounds=9)
            """,
            line=2,
        ),
    ]

    def _judge(self, node: cst.CSTNode, rounds: float | None) -> None:
        if rounds is not None and 0 < rounds < BCRYPT_MIN_ROUNDS:
            self.report(
                node,
                f"bcrypt cost {int(rounds)} is below the minimum of {BCRYPT_MIN_ROUNDS}.",
                fix="Use a cost of at least 10 (12 is the usual default): `bcrypt.gensalt(rounds=12)`.",
            )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        last = name.rsplit(".", 1)[-1]
        if name == "bcrypt.gensalt":
            self._judge(node, self.ctx.number_value(self.ctx.kwarg(node, "rounds") or self.ctx.positional(node, 0)))
        elif is_crypt_context(name):
            for arg in node.args:
                if (
                    arg.keyword is not None
                    and arg.keyword.value.startswith("bcrypt")
                    and arg.keyword.value.endswith("__rounds")
                ):
                    self._judge(arg, self.ctx.number_value(arg.value))
        elif last in ("using", "hash", "encrypt") and isinstance(node.func, cst.Attribute):
            if (passlib_scheme(self.ctx, node.func.value) or "").startswith("bcrypt"):
                self._judge(node, self.ctx.number_value(self.ctx.kwarg(node, "rounds")))
        elif name.startswith("flask_bcrypt.") or (last == "generate_password_hash" and "bcrypt" in name.lower()):
            self._judge(node, self.ctx.number_value(self.ctx.kwarg(node, "rounds")))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if self.ctx.target_name(target.target) == "BCRYPT_LOG_ROUNDS":
                self._judge(node, self.ctx.number_value(node.value))
        if (
            len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
            and node.targets[0].target.value == "rounds"
        ):
            for klass in self.ctx.class_stack[-1:]:
                if any("BCrypt" in (self.ctx.qualname(b.value) or "") for b in klass.bases):
                    self._judge(node, self.ctx.number_value(node.value))
