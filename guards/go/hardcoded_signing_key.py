"""IDG404: a signing, session or client secret written into the code as a literal."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.tree import Node

# Calls whose argument at the index is key material: last name of the call -> argument indexes.
_KEY_ARGUMENTS = {
    "SignedString": (0,),
    "NewCookieStore": (0, 1),
    "NewFilesystemStore": (1, 2),
    "NewStore": (0, 1),
    "New": (0, 1),  # securecookie.New(hashKey, blockKey), hmac.New(sha256.New, key) below
    "WithKey": (1,),
    "NewHMAC": (0,),
    "Sign": (1,),
    "JWT": (0,),
    "Protect": (0,),
}
_KEY_PACKAGES = ("securecookie", "sessions", "cookie", "redis", "memstore", "jwt", "jws", "jwtauth")
# Which packages a generic name must come from to take a key (`store.NewStore`, `middleware.JWT`, `csrf.Protect`).
_PACKAGES_OF = {
    "NewStore": _KEY_PACKAGES,
    "NewHMAC": _KEY_PACKAGES,
    "Sign": _KEY_PACKAGES,
    "WithKey": _KEY_PACKAGES,
    "JWT": ("middleware", "echojwt"),
    "Protect": ("csrf",),
}
_KEY_FIELDS = frozenset({"SigningKey", "ClientSecret", "Secret", "HashKey", "BlockKey", "SecretKey", "SigningSecret"})


class GoHardcodedSigningKey(GoGuard):
    """
    ## What it does
    Finds key material written into the code: `[]byte("...")` (or a string
    constant) passed as the key of `token.SignedString`, returned by a JWT
    Keyfunc, given to `hmac.New`, `sessions.NewCookieStore`,
    `securecookie.New`, gin/echo session stores, `jwtauth.New`, jwx
    `jwt.WithKey`, or set as `SigningKey`/`ClientSecret`/`Secret` in a
    config struct (`oauth2.Config{ClientSecret: "..."}`, echo-jwt). The
    finding is on the line of the literal, also when it sits in a constant
    or a package-level `var`. Test files (`_test.go`) are skipped.

    ## Why is this bad?
    Everyone with the repository, a build or the binary (`strings` reads it)
    has the key: they can mint tokens for any user, forge session cookies or
    act as the OAuth client, on every deployment, until a release rotates it.

    ## Example
    ```go
    var jwtKey = []byte("s3cr3t-signing-key")
    signed, err := token.SignedString(jwtKey)
    ```

    ## Use instead
    ```go
    jwtKey := []byte(os.Getenv("JWT_SIGNING_KEY"))
    if len(jwtKey) < 32 { log.Fatal("JWT_SIGNING_KEY is not set") }
    ```
    """

    id = "IDG404"
    name = "go-hardcoded-signing-key"
    title = "Hard-coded signing key or client secret"
    fix_hint = "Read the key at run time (environment, secret manager, KMS) and fail at start-up when it is missing."
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-321"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token", "secrets"],
    )
    VALID = [
        Valid(
            """
            package auth

            func sign(t *jwt.Token) (string, error) {
                return t.SignedString([]byte(os.Getenv("JWT_SIGNING_KEY")))
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/gorilla/sessions"

            var store = sessions.NewCookieStore(loadKey("SESSION_HASH_KEY"), loadKey("SESSION_BLOCK_KEY"))
            """
        ),
        Valid(
            """
            package auth

            import "golang.org/x/oauth2"

            var conf = &oauth2.Config{ClientID: "web-portal", ClientSecret: os.Getenv("OAUTH_CLIENT_SECRET")}
            """
        ),
        Valid(
            """
            package auth

            func digest(body []byte) []byte {
                mac := hmac.New(sha256.New, webhookKey)
                mac.Write([]byte("v1:"))
                return mac.Sum(body)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            var jwtKey = []byte("kx92-portal-signing")

            func issue(t *jwt.Token) (string, error) {
                return t.SignedString(jwtKey)
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package auth

            import "github.com/gorilla/sessions"

            var store = sessions.NewCookieStore([]byte("portal-session-key-2024"))
            """,
            line=5,
        ),
        Invalid(
            """
            package auth

            import "golang.org/x/oauth2"

            var conf = &oauth2.Config{
                ClientID:     "web-portal",
                ClientSecret: "b7f1c2d9e0a4",
                Endpoint:     endpoint,
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package auth

            const hmacSecret = "webhook-shared-secret"

            func keyfunc(t *jwt.Token) (any, error) {
                if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
                    return nil, errMethod
                }
                return []byte(hmacSecret), nil
            }
            """,
            line=3,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.is_test_file():
            return
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        indexes = _KEY_ARGUMENTS.get(last)
        if indexes is None:
            return
        head = name.rsplit(".", 1)[0].rsplit("/", 1)[-1].lower() if "." in name else ""
        if last == "New":
            if name in ("crypto/hmac.New", "hmac.New"):
                indexes = (1,)
            elif "securecookie" not in head and "jwtauth" not in head:
                return
        elif not any(p in head for p in _PACKAGES_OF.get(last, ("",))):
            return
        args = self.ctx.args(node)
        if last == "New" and "jwtauth" in head:
            indexes = (1,)
        for index in indexes:
            if index < len(args):
                self._check(args[index], f"`{last}`")

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None or self.ctx.is_test_file():
            return
        key, value, _ = field
        if key in _KEY_FIELDS:
            self._check(value, f"`{key}`")

    def visit_return_statement(self, node: Node) -> None:
        """A Keyfunc (`func(t *jwt.Token) (interface{}, error)`) returning a literal key."""
        function = self.ctx.enclosing_function(node)
        if function is None or self.ctx.is_test_file():
            return
        params = self.ctx.parameters(function)
        if len(params) != 1 or not params[0][1].endswith(".Token"):
            return
        values = [c for c in node.named_children if c.type != "comment"]
        items = self.ctx.expressions(values[0]) if values else []
        if items:
            self._check(items[0], "the Keyfunc")

    def _check(self, value: Node | None, where: str) -> None:
        found = self.ctx.bytes_literal(value)
        if found is None:
            return
        text, literal = found
        if not text.strip() or text.startswith(("${", "{{")):
            return
        self.report(literal, f"The key given to {where} is a literal in the code: anyone with the source can use it.")
