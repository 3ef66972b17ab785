"""IDG414: bcrypt, argon2, scrypt or PBKDF2 with a work factor below the floor."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.tree import Node

_BCRYPT_FLOOR = 10
_ARGON2_FLOOR_KIB = 35 * 1024  # OWASP: t*m of the recommended argon2id settings (19 MiB x 2 ... 7 MiB x 5)
_SCRYPT_FLOOR = 1 << 15
_PBKDF2_FLOOR = 100_000


class GoPasswordHashLowCost(GoGuard):
    """
    ## What it does
    Finds password hashing with too little work: `bcrypt.GenerateFromPassword`
    with a cost below 10 (`4`, `bcrypt.MinCost`, a constant of either),
    `argon2.IDKey` / `argon2.Key` whose time x memory is below the OWASP
    argon2id settings (about 35 MiB-passes), `scrypt.Key` with `N` below
    2^15, and `pbkdf2.Key` with fewer than 100 000 iterations.

    ## Why is this bad?
    The work factor is what makes each guess against a leaked hash cost an
    attacker time. bcrypt at cost 4 is 64 times cheaper to crack than at 10;
    argon2 with a few MiB of memory is GPU-friendly again.

    ## Example
    ```go
    hash, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
    ```

    ## Use instead
    ```go
    hash, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
    ```
    """

    id = "IDG414"
    name = "go-password-hash-low-cost"
    title = "Password hash work factor too low"
    fix_hint = "bcrypt cost 10+ (`bcrypt.DefaultCost` or higher); argon2id t=2, m=19 MiB or stronger; scrypt N=2^15+."
    triggers = ("bcrypt", "argon2", "scrypt", "pbkdf2")
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            package auth

            import "golang.org/x/crypto/bcrypt"

            func hash(pw string) ([]byte, error) { return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost) }
            """
        ),
        Valid(
            """
            package auth

            import "golang.org/x/crypto/bcrypt"

            const passwordCost = 12

            func hash(pw string) ([]byte, error) { return bcrypt.GenerateFromPassword([]byte(pw), passwordCost) }
            """
        ),
        Valid(
            """
            package auth

            import "golang.org/x/crypto/argon2"

            func derive(pw, salt []byte) []byte { return argon2.IDKey(pw, salt, 2, 19*1024, 1, 32) }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "golang.org/x/crypto/bcrypt"

            func hash(pw string) ([]byte, error) {
                return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import "golang.org/x/crypto/bcrypt"

            const hashCost = 6

            func (s *Store) SetPassword(id, pw string) error {
                h, err := bcrypt.GenerateFromPassword([]byte(pw), hashCost)
                if err != nil {
                    return err
                }
                return s.save(id, h)
            }
            """,
            line=8,
        ),
        Invalid(
            """
            package auth

            import "golang.org/x/crypto/argon2"

            func derive(pw, salt []byte) []byte { return argon2.IDKey(pw, salt, 1, 4*1024, 1, 32) }
            """,
            line=5,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        member = self.ctx.calls_package(node, "golang.org/x/crypto/bcrypt")
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        args = self.ctx.args(node)
        if member == "GenerateFromPassword" or name == "bcrypt.GenerateFromPassword":
            if len(args) < 2:
                return
            cost = self._bcrypt_cost(args[1])
            if cost is not None and cost < _BCRYPT_FLOOR:
                self.report(
                    node, f"bcrypt cost {cost:g} is below {_BCRYPT_FLOOR}: each guess is cheap for an attacker."
                )
        elif last in ("IDKey", "Key") and "argon2" in name and len(args) >= 4:
            time, memory = self.ctx.number_value(args[2]), self.ctx.number_value(args[3])
            if time is not None and memory is not None and time * memory < _ARGON2_FLOOR_KIB:
                self.report(node, f"argon2 with t={time:g}, m={memory:g} KiB is below the recommended work factor.")
        elif last == "Key" and "scrypt" in name and len(args) >= 3:
            cost = self.ctx.number_value(args[2])
            if cost is not None and cost < _SCRYPT_FLOOR:
                self.report(node, f"scrypt N={cost:g} is below 2^15.")
        elif last == "Key" and "pbkdf2" in name and len(args) >= 3:
            iterations = self.ctx.number_value(args[2])
            if iterations is not None and iterations < _PBKDF2_FLOOR:
                self.report(node, f"PBKDF2 with {iterations:g} iterations is below {_PBKDF2_FLOOR}.")

    def _bcrypt_cost(self, node: Node) -> float | None:
        resolved = self.ctx.resolve(node)
        if resolved is not None and self.ctx.text(resolved).endswith("MinCost"):
            return 4.0
        return self.ctx.number_value(node)
