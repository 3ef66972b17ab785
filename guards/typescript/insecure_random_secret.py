"""IDG311: tokens, codes and ids made from a predictable source (`Math.random()`, `Date.now()`, uuid v1)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import secret_name_kind
from .support.tree import FUNCTION_TYPES, Node

_SECRET_WORDS = frozenset(
    {
        "token",
        "otp",
        "pin",
        "csrf",
        "xsrf",
        "nonce",
        "state",
        "invite",
        "invitation",
        "reset",
        "verification",
        "apikey",
        "secret",
        "password",
        "passcode",
        "salt",
        "sid",
        "code",
        "magic",
        "remember",
        "challenge",
        "verifier",
    }
)
_COMPARISONS = frozenset({"<", ">", "<=", ">=", "===", "!==", "==", "!=", "&&", "||", "??", "-"})
_SESSION_ID = ({"session", "id"}, {"session", "key"}, {"api", "key"}, {"invite", "id"}, {"reset", "id"})
_SAFE = frozenset({"jitter", "delay", "backoff", "retry", "sample", "sampling", "shuffle", "color", "colour", "index"})


def names_secret(name: str) -> bool:
    words = set(identifier_words(name))
    if words & _SAFE:
        return False
    if "key" in words and words & {"api", "create", "issue", "generate", "new", "rotate", "mint"}:
        return True
    return bool(secret_name_kind(name)) or bool(words & _SECRET_WORDS) or any(pair <= words for pair in _SESSION_ID)


class TsInsecureRandomSecret(ScriptGuard):
    """
    ## What it does
    Finds secrets made from predictable sources: session ids, remember-me
    cookies, reset codes, OTPs, API keys, invite codes, CSRF tokens, OAuth
    `state` and nonces built with `Math.random()`, `crypto.pseudoRandomBytes`,
    uuid v1 (`uuid.v1()`, `import { v1 } from "uuid"`), `nanoid/non-secure`,
    or `Date.now()`. The value is judged by where it goes: the variable,
    property or cookie it is stored in, what it is later stored as (one step
    through a variable), or the function that returns it
    (`function generateResetCode()`). `Math.random()` for jitter, sampling
    or shuffling stays quiet, as do `crypto.randomBytes`, `crypto.randomUUID()`,
    `crypto.getRandomValues` and `nanoid`.

    ## Why is this bad?
    `Math.random()` is not cryptographically secure: its state can be
    recovered from a few outputs, and timestamps and v1 uuids are guessable.
    Whoever predicts the next value takes over the session, resets the
    password or accepts the invite.

    ## Example
    ```ts
    const resetCode = Math.floor(100000 + Math.random() * 900000).toString();
    ```

    ## Use instead
    ```ts
    const resetCode = crypto.randomInt(100000, 1000000).toString();
    ```
    """

    id = "IDG311"
    name = "ts-insecure-random-secret"
    title = "Secret made from a predictable source"
    triggers = ("math.random", "pseudorandombytes", "uuid", "date.now", "non-secure")
    meta = GuardMeta(
        cwe=["CWE-330", "CWE-338"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["secrets", "token", "session"],
    )
    VALID = [
        Valid(
            """
            import crypto from "crypto";
            const resetToken = crypto.randomBytes(32).toString("hex");
            """
        ),
        Valid(
            """
            const delay = base * 2 ** attempt + Math.random() * 100;
            """
        ),
        Valid(
            """
            const sessionId = crypto.randomUUID();
            """
        ),
        Valid(
            """
            const expiresAt = Date.now() + 15 * 60 * 1000;
            const token = crypto.randomBytes(32).toString("base64url");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            function makeCode(length = 8) {
              let out = "";
              for (let i = 0; i < length; i++) {
                out += alphabet[Math.floor(Math.random() * alphabet.length)];
              }
              return out;
            }
            """,
            line=4,
        ),
        Invalid(
            """
            const resetCode = Math.floor(100000 + Math.random() * 900000).toString();
            """,
            line=1,
        ),
        Invalid(
            """
            function generateApiKey() {
              return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            const raw = Math.random().toString(36).substring(2);
            res.cookie("remember_me", raw, { httpOnly: true, secure: true, sameSite: "lax" });
            """,
            line=1,
        ),
        Invalid(
            """
            import { v1 as uuidv1 } from "uuid";
            const inviteCode = uuidv1();
            """,
            line=2,
        ),
        Invalid(
            """
            const session = { sid: Date.now().toString(36), user: u.id };
            """,
            line=1,
        ),
        Invalid(
            """
            import crypto from "crypto";
            const csrfToken = crypto.pseudoRandomBytes(16).toString("hex");
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        if name in ("Math.random", "crypto.pseudoRandomBytes", "node:crypto.pseudoRandomBytes") or name.endswith(
            ".pseudoRandomBytes"
        ):
            source = f"`{name}()`"
        elif name in ("uuid.v1", "uuid.v1.v1") or name.startswith(("uuid.v1", "nanoid/non-secure")):
            source = "a uuid v1" if "v1" in name else "`nanoid/non-secure`"
        elif name == "Date.now":
            source = "`Date.now()`"
        else:
            return
        destination = self._destination(node, strict=name == "Date.now")
        if destination:
            self.report(
                node,
                f"`{destination}` is made with {source}, which is predictable.",
                fix='Use `crypto.randomBytes(32).toString("base64url")`, `crypto.randomUUID()` or '
                "`crypto.randomInt()` for anything that grants access.",
            )

    def _destination(self, node: Node, strict: bool) -> str | None:
        """The secret-like name the value ends up in, or None."""
        current = node
        while current.parent is not None:
            parent = current.parent
            if parent.type == "variable_declarator":
                name = self.ctx.text(parent.child_by_field_name("name"))
                if names_secret(name):
                    return name
                return self._returned_by_secret_function(parent, name) if strict else self._flows_to(name)
            if parent.type == "pair":
                name = self.ctx._key_text(parent.child_by_field_name("key"))
                return name if names_secret(name) else None
            if parent.type == "assignment_expression":
                name = self.ctx.text(parent.child_by_field_name("left"))
                return name if names_secret(name.rsplit(".", 1)[-1]) else None
            if parent.type == "augmented_assignment_expression":
                # `out += alphabet[Math.floor(Math.random() * n)]` in a loop, then `return out` from `makeCode()`.
                name = self.ctx.text(parent.child_by_field_name("left"))
                if names_secret(name.rsplit(".", 1)[-1]):
                    return name
                return self._returned_by_secret_function(parent, name)
            if parent.type == "arguments":
                call = parent.parent
                callee = self.ctx.call_name(call) if call is not None else ""
                if self.ctx.last_name(callee) in ("cookie", "set", "setItem") and call is not None:
                    label = self.ctx.string_value(self.ctx.arg(call, 0)) or ""
                    if names_secret(label):
                        return label
                if strict or callee.endswith(("update", "digest", "createHash", "createHmac")):
                    return None
            if parent.type in ("return_statement",) or parent.type in FUNCTION_TYPES:
                function = parent if parent.type in FUNCTION_TYPES else self.ctx.enclosing_function(parent)
                name = self.ctx.function_name(function)
                return name if name and names_secret(name) else None
            if parent.type in ("statement_block", "expression_statement", "program"):
                return None
            if (
                parent.type == "binary_expression"
                and self.ctx.text(parent.child_by_field_name("operator")) in _COMPARISONS
            ):
                return None  # `expires < Date.now()`: a check, not a value
            current = parent
        return None

    def _returned_by_secret_function(self, declarator: Node, variable: str) -> str | None:
        """`const stamp = Date.now().toString(36); return `${stamp}...` in `inviteCodeFor()`: the code is the time."""
        function = self.ctx.enclosing_function(declarator)
        name = self.ctx.function_name(function)
        if function is None or not names_secret(name):
            return None
        for ret in self.ctx.descendants(function, ("return_statement",)):
            if self._mentions(ret, variable) and not self.ctx.descendants(ret, ("call_expression",)):
                return name
            value = ret.named_children[0] if ret.named_children else None
            if value is not None and value.type == "template_string" and self._mentions(value, variable):
                return name
        return None

    def _flows_to(self, variable: str) -> str | None:
        """One step on: `const raw = Math.random()...; const token = raw + ...` or `{ code: raw }`."""
        for declarator in self.ctx.nodes("variable_declarator"):
            value = declarator.child_by_field_name("value")
            name = self.ctx.text(declarator.child_by_field_name("name"))
            if value is not None and name != variable and self._mentions(value, variable) and names_secret(name):
                return name
        for pair in self.ctx.nodes("pair"):
            value = pair.child_by_field_name("value")
            key = self.ctx._key_text(pair.child_by_field_name("key"))
            if value is not None and self._mentions(value, variable) and names_secret(key):
                return key
        for call in self.ctx.nodes("call_expression"):
            if self.ctx.last_name(self.ctx.call_name(call)) in ("cookie", "set", "setItem"):
                label = self.ctx.string_value(self.ctx.arg(call, 0)) or ""
                if names_secret(label) and any(self._mentions(a, variable) for a in self.ctx.args(call)[1:2]):
                    return label
        for ret in self.ctx.nodes("return_statement"):
            if self._mentions(ret, variable):
                name = self.ctx.function_name(self.ctx.enclosing_function(ret))
                if names_secret(name):
                    return name
        return None

    def _mentions(self, node: Node, variable: str) -> bool:
        return any(
            self.ctx.text(i) == variable
            for i in self.ctx.descendants(node, ("identifier", "shorthand_property_identifier"))
        )
