"""IDG511: passwords hashed with a fast digest, or with an encoder that does not hash them."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.guard import JavaGuard
from .support.judge import name_of, words
from .support.tree import Node

_FAST = frozenset(
    {"MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-256"}
    | {"SHA3-512", "SHA-512/256"}
)
_DIGEST_UTILS = frozenset(
    {
        "md5",
        "md5Hex",
        "sha1",
        "sha1Hex",
        "shaHex",
        "sha256",
        "sha256Hex",
        "sha384Hex",
        "sha512",
        "sha512Hex",
        "sha3_256Hex",
    }
)
_WEAK_ENCODERS = frozenset(
    {
        "NoOpPasswordEncoder",
        "StandardPasswordEncoder",
        "MessageDigestPasswordEncoder",
        "Md5PasswordEncoder",
        "ShaPasswordEncoder",
        "LdapShaPasswordEncoder",
        "Md4PasswordEncoder",
    }
)
_PASSWORD_WORDS = frozenset(
    {"password", "passwords", "passwd", "pwd", "passphrase", "pin", "credential", "credentials"}
)
_SECRET_WORDS = _PASSWORD_WORDS | {"secret", "apikey"}


def _is_secret_words(found: set[str]) -> bool:
    return bool(found & _SECRET_WORDS) or {"api", "key"} <= found


def _kind(found: set[str]) -> str | None:
    """'password' for passwords and PINs, 'secret' for API keys and other high-entropy secrets, else None."""
    if found & _PASSWORD_WORDS:
        return "password"
    return "secret" if _is_secret_words(found) else None


def _broken(algorithm: str) -> bool:
    return algorithm.upper().replace("-", "").startswith(("MD", "SHA1")) or algorithm.upper() == "SHA"


class JavaPasswordFastHash(JavaGuard):
    """
    ## What it does
    Finds passwords (and other secrets kept for comparison) hashed with a
    fast, unsalted digest: `MessageDigest.getInstance("MD5" | "SHA-1" | "SHA-256" ...)`
    in a method that hashes a password or digests one, commons-codec
    `DigestUtils.md5Hex(password)`/`sha256Hex(...)`, Guava
    `Hashing.sha256().hashString(password, ...)`, and Spring's
    `NoOpPasswordEncoder`, `StandardPasswordEncoder`,
    `MessageDigestPasswordEncoder`, `LdapShaPasswordEncoder`. An API key or
    other random secret hashed with MD5 or SHA-1 is reported as medium; its
    SHA-256 (a lookup index for a high-entropy key) and SHA-256 of non-secret
    data (ETags, checksums, cache keys) are left alone.

    ## Why is this bad?
    A GPU computes billions of MD5 or SHA-256 hashes a second: a leaked table
    of fast password hashes is cracked in hours, and without a salt equal
    passwords share a hash.

    ## Example
    ```java
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(UTF_8));
    ```

    ## Use instead
    ```java
    String hash = passwordEncoder.encode(password);  // BCryptPasswordEncoder, Argon2PasswordEncoder
    ```
    """

    id = "IDG511"
    name = "java-password-fast-hash"
    title = "Password hashed with a fast digest"
    fix_hint = "Hash passwords with bcrypt, scrypt, Argon2 or PBKDF2 (`PasswordEncoderFactories.createDelegatingPasswordEncoder()`)."
    triggers = ("messagedigest", "digestutils", "hashing.", "passwordencoder")
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-328", "CWE-759"],
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
            String etag(byte[] body) throws Exception {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            }
            """
        ),
        Valid(
            """
            @Bean PasswordEncoder passwordEncoder() { return new BCryptPasswordEncoder(12); }
            """
        ),
        Valid(
            """
            String checksum = DigestUtils.sha256Hex(fileBytes);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            String hashPassword(String raw) throws Exception {
                MessageDigest md = MessageDigest.getInstance("MD5");
                return HexFormat.of().formatHex(md.digest(raw.getBytes()));
            }
            """,
            line=2,
        ),
        Invalid(
            """
            String stored = DigestUtils.sha256Hex(request.getPassword());
            """,
            line=1,
        ),
        Invalid(
            """
            @Bean PasswordEncoder encoder() { return NoOpPasswordEncoder.getInstance(); }
            """,
            line=1,
        ),
        Invalid(
            """
            byte[] h(String password) throws Exception {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(password.getBytes(UTF_8));
                return digest.digest();
            }
            """,
            line=2,
        ),
    ]

    def _input_kind(self, scope: Node | None) -> str | None:
        """What the digest calls of `scope` hash: 'password', 'secret' or None."""
        ctx = self.ctx
        found: str | None = None
        for call in ctx.descendants(scope, ("method_invocation",)):
            if ctx.method_name(call) in ("digest", "update", "hashString", "hashBytes", "hashUnencodedChars"):
                for argument in ctx.args(call):
                    inner = ctx.unwrap(argument)
                    if (
                        inner is not None
                        and inner.type == "method_invocation"
                        and ctx.method_name(inner)
                        in (
                            "getBytes",
                            "toCharArray",
                        )
                    ):
                        inner = ctx.receiver(inner)
                    kind = self._subtree_kind(inner)
                    if kind == "password":
                        return kind
                    found = found or kind
        return found

    def _subtree_kind(self, node: Node | None) -> str | None:
        """The kind of secret an expression carries: `password`, `salt + password`, `raw.toString().getBytes()`."""
        ctx = self.ctx
        found: str | None = None
        for part in ctx.descendants(node, ("identifier", "field_access", "method_invocation")):
            if (
                part.type == "identifier"
                and part.parent is not None
                and part.parent.type in ("method_invocation", "field_access")
                and part.parent.child_by_field_name("name") == part
            ):
                continue
            kind = _kind(words(name_of(ctx, part)))
            if kind == "password":
                return kind
            found = found or kind
        return found

    def _judge(self, node: Node, algorithm: str, kind: str | None, what: str) -> None:
        """Passwords: any fast digest. API keys and other random secrets: only broken digests, as medium
        (a SHA-256 of a high-entropy key is a sound lookup index)."""
        if kind == "password":
            self.report(node, f"{what} is a fast digest; passwords need a slow, salted hash.")
        elif kind == "secret" and _broken(algorithm):
            self.report(node, f"{what} is a broken digest for a stored secret.", severity=Severity.medium)

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        name = ctx.call_name(node)
        if method == "getInstance" and name.endswith("MessageDigest.getInstance"):
            algorithm = (ctx.string_value(ctx.arg(node, 0)) or "").upper()
            if algorithm not in _FAST:
                return
            function = ctx.enclosing_method(node)
            kinds = {_kind(words(ctx.function_name(function))), self._input_kind(function)}
            kind = "password" if "password" in kinds else ("secret" if "secret" in kinds else None)
            self._judge(node, algorithm, kind, algorithm)
        elif method in _DIGEST_UTILS and name.endswith("DigestUtils." + method):
            function = ctx.enclosing_method(node)
            kinds = {self._subtree_kind(ctx.arg(node, 0))}
            if function is not None and words(ctx.function_name(function)) & _PASSWORD_WORDS:
                kinds.add("password")
            kind = "password" if "password" in kinds else ("secret" if "secret" in kinds else None)
            self._judge(node, method.removesuffix("Hex"), kind, f"`DigestUtils.{method}`")
        elif method in ("hashString", "hashBytes", "hashUnencodedChars"):
            receiver = ctx.receiver(node)
            if receiver is not None and ctx.call_name(receiver).rsplit(".", 1)[-1] in (
                "md5",
                "sha1",
                "sha256",
                "sha512",
            ):
                if _kind(words(name_of(ctx, ctx.arg(node, 0)))) == "password":
                    self.report(node, "A fast Guava digest hashes a password.")
        elif method == "getInstance" and ctx.last_name(name.rsplit(".", 1)[0]) in _WEAK_ENCODERS:
            self.report(node, f"`{ctx.last_name(name.rsplit('.', 1)[0])}` does not hash passwords safely.")

    def visit_object_creation_expression(self, node: Node) -> None:
        type_name = self.ctx.last_name(self.ctx.type_name(node))
        if type_name in _WEAK_ENCODERS:
            self.report(node, f"`{type_name}` does not hash passwords safely.")
