"""IDG313: bcrypt, PBKDF2 or scrypt set below a safe cost."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.tree import Node

_BCRYPT = ("bcrypt", "bcryptjs", "bcrypt-nodejs")
_PBKDF2_MIN = {"sha1": 1_300_000, "sha256": 600_000, "sha512": 210_000}


class TsPasswordHashLowCost(ScriptGuard):
    """
    ## What it does
    Finds password hashing configured below safe cost: bcrypt / bcryptjs
    `hash(pw, rounds)`, `hashSync`, `genSalt(rounds)`, `genSaltSync` with a cost
    below 10 (also through a constant such as `const SALT_ROUNDS = 8`, reported
    where it is written), and `crypto.pbkdf2` / `pbkdf2Sync` below the OWASP
    iteration minimums (600 000 for SHA-256, 210 000 for SHA-512, 1 300 000 for
    SHA-1), `crypto.scrypt` with `N` below 2^14, and argon2
    `hash(pw, { timeCost, memoryCost })` below 2 iterations or 19 MiB. Cost
    settings in options (`bcryptRounds: 6`) are read too.

    ## Why is this bad?
    The cost is what makes each guess expensive. bcrypt at cost 4 or PBKDF2 at
    1 000 iterations lets an attacker with the hash table try passwords
    thousands of times faster than intended.

    ## Example
    ```ts
    const hash = await bcrypt.hash(password, 8);
    ```

    ## Use instead
    ```ts
    const hash = await bcrypt.hash(password, 12);
    ```
    """

    id = "IDG313"
    name = "ts-password-hash-low-cost"
    title = "Password hash cost too low"
    triggers = ("bcrypt", "pbkdf2", "scrypt", "argon2")
    meta = GuardMeta(
        cwe=["CWE-916"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
    )
    VALID = [
        Valid(
            """
            import bcrypt from "bcrypt";
            const hash = await bcrypt.hash(password, 12);
            """
        ),
        Valid(
            """
            const bcrypt = require("bcryptjs");
            const ROUNDS = 10;
            const salt = bcrypt.genSaltSync(ROUNDS);
            """
        ),
        Valid(
            """
            import crypto from "crypto";
            const key = crypto.pbkdf2Sync(password, salt, 600000, 32, "sha256");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import bcrypt from "bcrypt";
            const hash = await bcrypt.hash(password, 8);
            """,
            line=2,
        ),
        Invalid(
            """
            const bcrypt = require("bcryptjs");
            const SALT_ROUNDS = 4;
            exports.hash = (pw) => bcrypt.hashSync(pw, SALT_ROUNDS);
            """,
            line=2,
        ),
        Invalid(
            """
            import { genSalt } from "bcrypt";
            const salt = await genSalt(6);
            """,
            line=2,
        ),
        Invalid(
            """
            import crypto from "crypto";
            const derived = crypto.pbkdf2Sync(password, salt, 1000, 64, "sha512");
            """,
            line=2,
        ),
        Invalid(
            """
            import argon2 from "argon2";
            const hash = await argon2.hash(password, { timeCost: 1, memoryCost: 4096 });
            """,
            line=2,
        ),
        Invalid(
            """
            import crypto from "crypto";
            const key = crypto.scryptSync(password, salt, 64, { N: 1024 });
            """,
            line=2,
        ),
    ]

    def visit_pair(self, node: Node) -> None:
        self._setting(self.ctx._key_text(node.child_by_field_name("key")), node.child_by_field_name("value"), node)

    def visit_variable_declarator(self, node: Node) -> None:
        self._setting(self.ctx.text(node.child_by_field_name("name")), node.child_by_field_name("value"), node)

    def _setting(self, name: str, value: Node | None, at: Node) -> None:
        """`bcryptRounds: 6`, `const BCRYPT_COST = 8`, `saltRounds: 4`: a bcrypt cost set below 10."""
        words = set(identifier_words(name))
        bcrypt_module = "bcrypt" in self.ctx.tree.source[:4000].decode("utf-8", "replace")
        if not (
            words & {"bcrypt"}
            and words & {"rounds", "cost", "work", "factor"}
            or {"salt", "rounds"} <= words
            or bcrypt_module
            and words & {"rounds", "cost"}
            and len(words) <= 2
        ):
            return
        rounds = self.ctx.number_value(value)
        if rounds is not None and rounds < 10:
            self.report(at, f"bcrypt cost {rounds:g} is below 10.", fix="Use a bcrypt cost of 12 (at least 10).")

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if name.startswith(_BCRYPT) and last in ("hash", "hashSync", "genSalt", "genSaltSync"):
            rounds_arg = self.ctx.arg(node, 1 if last.startswith("hash") else 0)
            rounds = self.ctx.number_value(rounds_arg)
            if rounds is not None and rounds < 10:
                where = self.ctx.definition(rounds_arg) or node
                if where.parent is not None and where.parent.type == "variable_declarator":
                    where = where.parent
                self.report(where, f"bcrypt cost {rounds:g} is below 10.", fix="Use a bcrypt cost of 12 (at least 10).")
        elif name.startswith("argon2") and last in ("hash", "hashRaw"):
            entries = self.ctx.object_entries(self.ctx.arg(node, 1)) or {}
            time_cost = self.ctx.number_value(entries.get("timeCost"))
            memory = self.ctx.number_value(entries.get("memoryCost"))
            if time_cost is not None and time_cost < 2 or memory is not None and memory < 19456:
                self.report(
                    node,
                    "argon2 is set below the OWASP minimum (19 MiB memory, 2 iterations).",
                    fix="Use the argon2 defaults (argon2id, 64 MiB, 3 iterations) or at least m=19456, t=2.",
                )
        elif last in ("scrypt", "scryptSync") and ("crypto" in name or name == last):
            entries = self.ctx.object_entries(self.ctx.arg(node, 3)) or {}
            cost = self.ctx.number_value(entries.get("N") or entries.get("cost"))
            if cost is not None and cost < 16384:
                self.report(node, f"scrypt N={cost:g} is below 2^14.", fix="Use N of at least 2^17 (131072), r=8, p=1.")
        elif last in ("pbkdf2", "pbkdf2Sync") and ("crypto" in name or name == last):
            iterations = self.ctx.number_value(self.ctx.arg(node, 2))
            digest = (self.ctx.string_value(self.ctx.arg(node, 4)) or "sha1").lower().replace("-", "")
            minimum = _PBKDF2_MIN.get(digest, 600_000)
            if iterations is not None and iterations < minimum:
                self.report(
                    node,
                    f"PBKDF2-{digest.upper()} with {iterations:,.0f} iterations is below the {minimum:,} minimum.",
                    fix=f"Use at least {minimum:,} iterations, or bcrypt / argon2id.",
                )
