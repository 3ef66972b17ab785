"""IDG410: tokens, codes and session ids drawn from `math/rand` (or the clock)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import function_words, words
from .support.tree import Node

_MATH_RAND = ("math/rand", "math/rand/v2")
_SECURITY_WORDS = frozenset(
    {
        "token",
        "tokens",
        "session",
        "sessionid",
        "sid",
        "otp",
        "totp",
        "pin",
        "code",
        "codes",
        "reset",
        "invite",
        "invitation",
        "apikey",
        "secret",
        "password",
        "passcode",
        "csrf",
        "xsrf",
        "nonce",
        "salt",
        "verifier",
        "challenge",
        "magic",
        "remember",
        "recovery",
        "credential",
        "credentials",
        "refresh",
        "bearer",
        "signup",
        "confirmation",
        "verification",
        "activation",
        "state",
        "key",
    }
)
_HARMLESS_WORDS = frozenset(
    {
        "jitter",
        "backoff",
        "retry",
        "delay",
        "sample",
        "sampling",
        "shuffle",
        "balance",
        "balancer",
        "pick",
        "shard",
        "color",
        "port",
        "latency",
        "simulate",
        "mock",
        "fake",
        "test",
        "demo",
        "status",
        "country",
        "error",
        "exit",
        "http",
        "cache",
        "weight",
        "weighted",
        "percent",
        "chaos",
        "spread",
        "load",
    }
)
_GENERATORS = frozenset(
    {
        "Int",
        "Intn",
        "IntN",
        "Int31",
        "Int31n",
        "Int32",
        "Int32N",
        "Int63",
        "Int63n",
        "Int64",
        "Int64N",
        "Uint32",
        "Uint64",
        "UintN",
        "N",
        "Read",
        "Float64",
        "Perm",
    }
)
_HELPER_WORDS = frozenset(
    {"random", "rand", "string", "str", "generate", "gen", "new", "make", "id", "bytes", "hex", "chars", "alphanumeric"}
)


class GoInsecureRandomSecret(GoGuard):
    """
    ## What it does
    Finds secrets drawn from a predictable source: `math/rand` (and
    `math/rand/v2`, also as `rand.New(rand.NewSource(...))` held in a
    variable) used for a session id, token, reset or invite code, OTP, API
    key, nonce or CSRF token, judged by the names around the call (the
    variable, the function, a same-file helper such as `randomString(n)`
    and the names its callers give the result); `time.Now().UnixNano()`
    formatted into such a value; `uuid.NewUUID()` (time-based v1) for one.
    `math/rand` for jitter, sampling or load balancing is fine.

    ## Why is this bad?
    `math/rand` is a seeded PRNG: from a few outputs (or the start time) an
    attacker can compute the rest and predict the next session id or reset
    code. A timestamp or a v1 UUID is guessable outright.

    ## Example
    ```go
    b[i] = letters[rand.Intn(len(letters))] // in newSessionID()
    ```

    ## Use instead
    ```go
    id := rand.Text() // crypto/rand
    ```
    """

    id = "IDG410"
    name = "go-insecure-random-secret"
    title = "Predictable randomness for a secret"
    fix_hint = "Use crypto/rand (`rand.Read`, `rand.Text()`) or `uuid.NewRandom()` for tokens, codes and session ids."
    triggers = ("math/rand", "unixnano", "newuuid", "now().unix")
    meta = GuardMeta(
        cwe=["CWE-338", "CWE-330"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["token", "invitation"],
    )
    VALID = [
        Valid(
            """
            package auth

            import "crypto/rand"

            func newSessionID() string {
                return rand.Text()
            }
            """
        ),
        Valid(
            """
            package client

            import "math/rand"

            func backoff(attempt int) time.Duration {
                jitter := time.Duration(rand.Intn(250)) * time.Millisecond
                return time.Duration(attempt)*time.Second + jitter
            }
            """
        ),
        Valid(
            """
            package lb

            import mrand "math/rand"

            func (p *Pool) pick() *Backend { return p.backends[mrand.Intn(len(p.backends))] }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package reset

            import "math/rand"

            func NewService(store CodeStore) *Service {
                return &Service{
                    store: store,
                    rng:   rand.New(rand.NewSource(time.Now().UnixNano())),
                }
            }

            func (s *Service) resetCode() string {
                return fmt.Sprintf("%06d", s.rng.Intn(1000000))
            }
            """,
            line=8,
        ),
        Invalid(
            """
            package teams

            func NewInviteCode() string {
                n := atomic.AddUint64(&inviteSeq, 1)
                return strconv.FormatInt(time.Now().Unix(), 36) + strconv.FormatUint(n, 36)
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package auth

            import "math/rand"

            const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

            func newSessionID() string {
                b := make([]byte, 32)
                for i := range b {
                    b[i] = letters[rand.Intn(len(letters))]
                }
                return string(b)
            }
            """,
            line=10,
        ),
        Invalid(
            """
            package auth

            import "math/rand"

            func randomString(n int) string {
                b := make([]byte, n)
                for i := range b {
                    b[i] = byte('a' + rand.Intn(26))
                }
                return string(b)
            }

            func (s *Service) StartReset(email string) error {
                resetCode := randomString(8)
                return s.store.SaveReset(email, resetCode)
            }
            """,
            line=8,
        ),
        Invalid(
            """
            package auth

            import "math/rand"

            var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

            func otp() string {
                return fmt.Sprintf("%06d", rng.Intn(1000000))
            }
            """,
            line=8,
        ),
        Invalid(
            """
            package auth

            func inviteToken() string {
                return strconv.FormatInt(time.Now().UnixNano(), 36)
            }
            """,
            line=4,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if any(name.startswith(p + ".") for p in _MATH_RAND):
            if last not in _GENERATORS:
                return
            if self._for_secret(node):
                self.report(node, "A secret is drawn from math/rand, a seeded PRNG whose outputs can be predicted.")
        elif last in _GENERATORS and "." in name:
            # `s.rng.Intn(...)` where `rng: rand.New(rand.NewSource(...))` (math/rand) is kept in a field or var.
            holder = name.rsplit(".", 2)[-2]
            made = self._math_rand_sources().get(holder)
            if made is not None and self._for_secret(node):
                self.report(
                    made,
                    f"`{holder}` is a math/rand generator (line {node.start_point.row + 1} draws a secret from it): "
                    "its seed and outputs can be predicted.",
                )
        elif name in ("time.Now.UnixNano", "time.Now.Unix", "time.Now.UnixMilli", "time.Now.UnixMicro"):
            parent = node.parent.parent if node.parent is not None else None
            if parent is None or parent.type != "call_expression":
                return
            outer = self.ctx.last_name(self.ctx.call_name(parent))
            if outer in ("FormatInt", "FormatUint", "Itoa", "Sprintf", "Sprint", "EncodeToString") and self._for_secret(
                node
            ):
                self.report(node, f"A secret is made from the clock (`{last}`): it can be guessed.")
        elif last == "NewUUID" and "uuid" in name and self._for_secret(node):
            self.report(node, "`uuid.NewUUID()` is a time-based v1 UUID: predictable, not a secret.")

    def _math_rand_sources(self) -> dict[str, Node]:
        """Names given to a math/rand generator in the file (`rng: rand.New(...)`, `r := rand.New(...)`)."""
        found = self.ctx.shared.get("go_math_rand_sources")
        if found is None:
            found = {}
            for call in self.ctx.nodes("call_expression"):
                name = self.ctx.call_name(call)
                if any(name == p + ".New" for p in _MATH_RAND):
                    for word in self._target_names(call):
                        found.setdefault(word, call)
            self.ctx.shared["go_math_rand_sources"] = found
        return found

    def _target_names(self, node: Node) -> list[str]:
        current = node.parent
        for _ in range(4):
            if current is None:
                return []
            if current.type in ("short_var_declaration", "assignment_statement"):
                return [
                    self.ctx.text(e).rsplit(".", 1)[-1]
                    for e in self.ctx.expressions(current.child_by_field_name("left"))
                ]
            if current.type == "var_spec":
                return [self.ctx.text(n) for n in current.children_by_field_name("name")]
            if current.type == "keyed_element":
                field = self.ctx.keyed_field(current)
                return [field[0]] if field is not None else []
            current = current.parent
        return []

    def _for_secret(self, node: Node, depth: int = 2) -> bool:
        around = function_words(self.ctx, node) | self._target_words(node)
        if around & _HARMLESS_WORDS:
            return False
        if self._security(around):
            return True
        if depth == 0:
            return False
        function = self.ctx.outermost_function(node)
        name = self.ctx.function_name(function).rsplit(".", 1)[-1] if function is not None else ""
        if not name or not words(name) & _HELPER_WORDS:
            return False
        for call in self.ctx.nodes("call_expression"):
            callee = call.child_by_field_name("function")
            if (
                callee is not None
                and self.ctx.last_name(self.ctx.text(callee)) == name
                and self.ctx.outermost_function(call) != function
            ):
                if self._for_secret(call, depth - 1):
                    return True
        return False

    @staticmethod
    def _security(found: set[str]) -> bool:
        if "key" in found and not found & {"api", "secret", "signing", "session", "hmac", "encryption"}:
            found = found - {"key"}
        if "state" in found and not found & {"oauth", "csrf", "login", "auth", "callback"}:
            found = found - {"state"}
        return bool(found & _SECURITY_WORDS)

    def _target_words(self, node: Node) -> set[str]:
        """The names the value is given: the variable assigned, the struct field, the cookie's name."""
        found: set[str] = set()
        current = node.parent
        for _ in range(6):
            if current is None:
                break
            if current.type in ("short_var_declaration", "assignment_statement"):
                found |= words(self.ctx.text(current.child_by_field_name("left")))
                break
            if current.type == "var_spec":
                found |= {w for n in current.children_by_field_name("name") for w in words(self.ctx.text(n))}
                break
            if current.type == "keyed_element":
                field = self.ctx.keyed_field(current)
                if field is not None:
                    found |= words(field[0])
                    if field[0] == "Value" and field[2] is not None:
                        composite = self.ctx.composite(field[2])
                        if composite is not None:
                            found |= words(self.ctx.string_value(composite.fields.get("Name")) or "")
                break
            if current.type in ("block", "return_statement"):
                break
            current = current.parent
        return found
