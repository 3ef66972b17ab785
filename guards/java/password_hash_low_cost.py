"""IDG512: bcrypt or PBKDF2 with a work factor too low for passwords."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

_MIN_BCRYPT = 10
_MIN_PBKDF2 = 10_000


class JavaPasswordHashLowCost(JavaGuard):
    """
    ## What it does
    Finds password hashing with a low work factor: `new BCryptPasswordEncoder(n)`
    (also with a `BCryptVersion` first) and `BCrypt.gensalt(n)` with a strength
    below 10, `new PBEKeySpec(password, salt, iterations, length)` and
    `new Pbkdf2PasswordEncoder(secret, saltLength, iterations, ...)` with fewer
    than 10,000 iterations (constants followed).

    ## Why is this bad?
    The work factor is what makes a leaked hash expensive to crack. Strength
    4 is 64 times cheaper than the default 10; PBKDF2 with 1,000 iterations
    is cracked almost as fast as a plain digest.

    ## Example
    ```java
    PasswordEncoder encoder = new BCryptPasswordEncoder(4);
    ```

    ## Use instead
    ```java
    PasswordEncoder encoder = new BCryptPasswordEncoder(12);
    ```
    """

    id = "IDG512"
    name = "java-password-hash-low-cost"
    title = "Password hash work factor too low"
    fix_hint = "Use bcrypt strength 10 or more (12 is common), or PBKDF2 with at least the OWASP iteration count."
    triggers = ("bcrypt", "pbekeyspec", "pbkdf2")
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            PasswordEncoder encoder = new BCryptPasswordEncoder();
            """
        ),
        Valid(
            """
            String salt = BCrypt.gensalt(12);
            """
        ),
        Valid(
            """
            private static final int ITERATIONS = 310_000;
            KeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            PasswordEncoder encoder = new BCryptPasswordEncoder(4);
            """,
            line=1,
        ),
        Invalid(
            """
            String hash = BCrypt.hashpw(password, BCrypt.gensalt(6));
            """,
            line=1,
        ),
        Invalid(
            """
            private static final int ROUNDS = 1000;
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ROUNDS, 256);
            """,
            line=2,
        ),
        Invalid(
            """
            PasswordEncoder encoder = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 8);
            """,
            line=1,
        ),
    ]

    def visit_object_creation_expression(self, node: Node) -> None:
        ctx = self.ctx
        type_name = ctx.last_name(ctx.type_name(node))
        args = ctx.args(node)
        if type_name == "BCryptPasswordEncoder" and args:
            strength = ctx.number_value(args[0])
            if strength is None and len(args) > 1:
                strength = ctx.number_value(args[1])
            if strength is not None and 0 < strength < _MIN_BCRYPT:
                self.report(node, f"bcrypt strength {strength:g} is below {_MIN_BCRYPT}.")
        elif type_name in ("PBEKeySpec", "Pbkdf2PasswordEncoder") and len(args) >= 3:
            self._iterations(node, ctx.number_value(args[2]))

    def _iterations(self, node: Node, iterations: float | None) -> None:
        if iterations is not None and iterations < _MIN_PBKDF2:
            self.report(node, f"PBKDF2 with {iterations:g} iterations is far below {_MIN_PBKDF2:,}.")

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.method_name(node) == "gensalt" and ctx.call_name(node).endswith("BCrypt.gensalt"):
            rounds = ctx.number_value(ctx.arg(node, 0))
            if rounds is not None and rounds < _MIN_BCRYPT:
                self.report(node, f"bcrypt cost {rounds:g} is below {_MIN_BCRYPT}.")
