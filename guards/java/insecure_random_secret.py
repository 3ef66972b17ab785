"""IDG510: `java.util.Random`, `Math.random()` or `RandomStringUtils` used for tokens, codes or keys."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import CREDENTIAL_WORDS, target_name, words
from .support.tree import Node

_RANDOM_METHODS = frozenset(
    {
        "nextInt",
        "nextLong",
        "nextBytes",
        "nextDouble",
        "nextFloat",
        "nextBoolean",
        "ints",
        "longs",
        "doubles",
        "nextGaussian",
    }
)
_PREDICTABLE_TYPES = frozenset({"Random", "ThreadLocalRandom", "SplittableRandom"})
_COMMONS = frozenset(
    {"random", "randomAlphanumeric", "randomNumeric", "randomAlphabetic", "randomAscii", "randomPrint", "randomGraph"}
)
_HARMLESS = frozenset(
    {"jitter", "backoff", "delay", "sample", "sampling", "shuffle", "retry", "color", "colour", "demo", "test", "cache"}
    | {"partition", "shard", "bucket", "latency", "load", "weight", "index", "pick", "choose", "simulate", "mock"}
)


_CLOCK_TOKEN_WORDS = frozenset(
    {"token", "otp", "code", "session", "sid", "nonce", "csrf", "secret", "apikey", "key"}
    | {"invite", "reset", "remember", "magic", "password"}
)
_TIME_WORDS = frozenset(
    {"expires", "expiry", "expiration", "issued", "created", "timestamp", "time", "at", "ttl", "deadline", "until"}
    | {"millis", "nanos", "start", "elapsed", "age", "updated", "last", "when", "exp", "iat", "nbf", "duration"}
)


class JavaInsecureRandomSecret(JavaGuard):
    """
    ## What it does
    Finds predictable randomness producing a credential: `java.util.Random`
    (fields, locals or `new Random()` inline), `ThreadLocalRandom`,
    `SplittableRandom`, `Math.random()` and commons-lang
    `RandomStringUtils.random*` when the value goes to a variable or method
    named for a token, code, OTP, reset link, session id, API key, invitation,
    nonce, salt or password. `Random` for jitter, sampling or shuffling is left alone.

    ## Why is this bad?
    `java.util.Random` is a 48-bit linear congruential generator: a few
    outputs reveal its state, and then every past and future "random" code.
    An attacker who sees one reset code or invite id can compute the next.

    ## Example
    ```java
    String otp = String.format("%06d", new Random().nextInt(1_000_000));
    ```

    ## Use instead
    ```java
    String otp = String.format("%06d", SECURE_RANDOM.nextInt(1_000_000));  // a java.security.SecureRandom
    ```
    """

    id = "IDG510"
    name = "java-insecure-random-secret"
    title = "Predictable random source used for a credential"
    fix_hint = "Use `java.security.SecureRandom` (or `UUID.randomUUID()` for ids) for tokens, codes and keys."
    triggers = ("random", "currenttimemillis", "nanotime")
    meta = GuardMeta(
        cwe=["CWE-338", "CWE-330"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "invitation"],
    )
    VALID = [
        Valid(
            """
            private static final SecureRandom RANDOM = new SecureRandom();
            String resetCode() { return String.format("%06d", RANDOM.nextInt(1_000_000)); }
            """
        ),
        Valid(
            """
            private final Random random = new Random();
            long backoffMillis(int attempt) { return (1L << attempt) * 100 + random.nextInt(100); }
            """
        ),
        Valid(
            """
            Collections.shuffle(candidates, new Random(seed));
            double sample = Math.random();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            private static final Random RNG = new Random();
            String generateOtp() {
                return String.format("%06d", RNG.nextInt(1_000_000));
            }
            """,
            line=3,
        ),
        Invalid(
            """
            String token = Long.toHexString(new Random().nextLong());
            """,
            line=1,
        ),
        Invalid(
            """
            String inviteCode = RandomStringUtils.randomAlphanumeric(12);
            """,
            line=1,
        ),
        Invalid(
            """
            int code = (int) (Math.random() * 900000) + 100000;
            """,
            line=1,
        ),
        Invalid(
            """
            String newSessionId() { return Integer.toString(ThreadLocalRandom.current().nextInt()); }
            """,
            line=1,
        ),
    ]

    def _predictable_names(self) -> set[str]:
        """Variables and fields declared with a predictable generator type, or bound to `new Random()`."""
        ctx = self.ctx
        found = ctx.shared.get("predictable_random")
        if found is None:
            found = set()
            for kind in ("field_declaration", "local_variable_declaration", "formal_parameter"):
                for declaration in ctx.nodes(kind):
                    type_node = declaration.child_by_field_name("type")
                    if ctx.last_name(ctx.text(type_node)) in _PREDICTABLE_TYPES:
                        if kind == "formal_parameter":
                            found.add(ctx.parameter_name(declaration))
                        for declarator in declaration.named_children:
                            if declarator.type == "variable_declarator":
                                found.add(ctx.text(declarator.child_by_field_name("name")))
            ctx.shared["predictable_random"] = found
        return found

    def _predictable(self, call: Node) -> str | None:
        ctx = self.ctx
        method = ctx.method_name(call)
        name = ctx.call_name(call)
        if method == "random" and name in ("java.lang.Math.random", "Math.random", "StrictMath.random"):
            return "Math.random()"
        if method in _COMMONS and name.endswith("RandomStringUtils." + method):
            return f"RandomStringUtils.{method}"
        if method in _RANDOM_METHODS:
            receiver = ctx.unwrap(ctx.receiver(call))
            if receiver is None:
                return None
            if (
                receiver.type == "object_creation_expression"
                and ctx.last_name(ctx.type_name(receiver)) in _PREDICTABLE_TYPES
            ):
                return f"new {ctx.last_name(ctx.type_name(receiver))}()"
            if receiver.type == "method_invocation" and ctx.call_name(receiver).endswith("ThreadLocalRandom.current"):
                return "ThreadLocalRandom"
            field = receiver.child_by_field_name("field") if receiver.type == "field_access" else receiver
            if field is not None and field.type == "identifier" and ctx.text(field) in self._predictable_names():
                return "java.util.Random"
        return None

    def _clock_token(self, call: Node) -> bool:
        """`String resetToken = userId + System.currentTimeMillis()`: the clock as the only varying part."""
        ctx = self.ctx
        if ctx.method_name(call) not in ("currentTimeMillis", "nanoTime") or not ctx.call_name(call).endswith(
            ("System.currentTimeMillis", "System.nanoTime")
        ):
            return False
        parent = call.parent.parent if call.parent is not None else None
        if parent is not None and parent.type == "object_creation_expression":
            return False  # `new Random(System.nanoTime())`: a seed, judged as the generator it seeds
        current = call
        while current.parent is not None and current.parent.type in (
            "binary_expression",
            "argument_list",
            "method_invocation",
            "parenthesized_expression",
        ):
            current = current.parent
        value_text = ctx.text(current)
        if any(
            s in value_text for s in ("randomUUID", "SecureRandom", "secureRandom", "nextBytes", "+ TTL", "Ttl", "TTL")
        ):
            return False
        if (
            current.type == "binary_expression"
            and ctx.operator(current) in ("+", "-")
            and ctx.number_value(current.child_by_field_name("right")) is not None
        ):
            return False  # an instant: now + 15 minutes
        target = words(target_name(ctx, call))
        return bool(target & _CLOCK_TOKEN_WORDS) and not target & _TIME_WORDS

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if self._clock_token(node) and not ctx.is_test_file():
            self.report(node, "The clock is predictable; it must not produce a token, code or key.")
            return
        source = self._predictable(node)
        if source is None or ctx.is_test_file():
            return
        method = ctx.enclosing_method(node)
        named = method is not None and method.type == "method_declaration"  # a constructor is named for its class
        context = words(target_name(ctx, node), ctx.function_name(method) if named else "")
        found = context & CREDENTIAL_WORDS
        if context & _HARMLESS or not found or (found == {"key"} and "id" in context):
            return  # `keyId`, `currentKeyID`: the name of a key, not the key
        self.report(node, f"`{source}` is predictable; it must not produce a token, code or key.")
