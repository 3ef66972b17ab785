"""IDG413: a password or API key hashed with a fast, unsalted digest."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words
from .support.guard import GoGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_DIGESTS = {
    "crypto/md5": "MD5",
    "crypto/sha1": "SHA-1",
    "crypto/sha256": "SHA-256",
    "crypto/sha512": "SHA-512",
    "golang.org/x/crypto/sha3": "SHA-3",
    "md5": "MD5",
    "sha1": "SHA-1",
    "sha256": "SHA-256",
    "sha512": "SHA-512",
}
_SUMS = frozenset({"Sum", "Sum224", "Sum256", "Sum384", "Sum512", "Sum512_256", "New", "New224", "New384", "New512"})
_STORED_KINDS = frozenset({"password", "api_key", "secret"})


# Functions whose digest names a value (in logs, caches, ETags) rather than storing it.
_IDENTIFIER_DIGESTS = frozenset({"fingerprint", "etag", "checksum", "correlation", "thumbprint"})


class GoPasswordFastHash(GoGuard):
    """
    ## What it does
    Finds passwords, API keys and client secrets hashed for storage or
    comparison with a fast digest: `md5.Sum([]byte(password))`,
    `sha256.Sum256([]byte(pw))`, `sha1.New()` then `h.Write([]byte(password))`
    (or `io.WriteString(h, password)`), also when the secret is concatenated
    with a salt. A value is a password by its name (`password`, `pw`,
    `req.Password`, `r.FormValue("password")`). Digests of non-secret data
    (ETags, cache keys, file checksums) are fine, and so are digests of
    random tokens.

    ## Why is this bad?
    MD5 and SHA-2 are built to be fast: a GPU tries billions of candidate
    passwords a second against a leaked table, and an unsalted hash falls to
    precomputed tables at once.

    ## Example
    ```go
    sum := sha256.Sum256([]byte(password))
    u.PasswordHash = hex.EncodeToString(sum[:])
    ```

    ## Use instead
    ```go
    hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
    ```
    """

    id = "IDG413"
    name = "go-password-fast-hash"
    title = "Password hashed with a fast digest"
    fix_hint = "Hash passwords with bcrypt (cost 10+), argon2id or scrypt; never MD5/SHA-1/SHA-2 alone."
    triggers = ("md5", "sha1", "sha256", "sha512", "sha3")
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-328", "CWE-759"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            package logging

            func fingerprint(secret string) string {
                sum := sha256.Sum256([]byte(secret))
                return hex.EncodeToString(sum[:4])
            }
            """
        ),
        Valid(
            """
            package store

            import "crypto/sha256"

            func etag(body []byte) string {
                sum := sha256.Sum256(body)
                return hex.EncodeToString(sum[:])
            }
            """
        ),
        Valid(
            """
            package auth

            import "golang.org/x/crypto/bcrypt"

            func hashPassword(password string) ([]byte, error) {
                return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
            }
            """
        ),
        Valid(
            """
            package auth

            import "crypto/sha256"

            func refreshTokenDigest(refreshToken string) []byte {
                sum := sha256.Sum256([]byte(refreshToken))
                return sum[:]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "crypto/md5"

            func hashPassword(password string) string {
                sum := md5.Sum([]byte(password))
                return hex.EncodeToString(sum[:])
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import "crypto/sha256"

            func (s *Service) Register(r *http.Request) error {
                h := sha256.New()
                h.Write([]byte(salt + r.FormValue("password")))
                return s.users.Create(r.FormValue("email"), h.Sum(nil))
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package auth

            import "crypto/sha1"

            func apiKeyHash(apiKey string) string {
                return fmt.Sprintf("%x", sha1.Sum([]byte(apiKey)))
            }
            """,
            line=6,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        head, _, last = name.rpartition(".")
        algorithm = _DIGESTS.get(head)
        if algorithm is not None and last in _SUMS and not last.startswith("New"):
            self._check(node, self.ctx.args(node), algorithm)
            return
        if last in ("Write", "WriteString") or name in ("io.WriteString",):
            args = self.ctx.args(node)
            receiver = args[0] if name == "io.WriteString" else node.child_by_field_name("function")
            if receiver is None:
                return
            if name != "io.WriteString":
                receiver = receiver.child_by_field_name("operand")
            source = self.ctx.resolve(receiver)
            if source is None or source.type != "call_expression":
                return
            source_head, _, source_last = self.ctx.call_name(source).rpartition(".")
            algorithm = _DIGESTS.get(source_head)
            if algorithm is not None and source_last.startswith("New"):
                self._check(node, args[1:] if name == "io.WriteString" else args, algorithm)

    def _check(self, node: Node, args: list[Node], algorithm: str) -> None:
        function = self.ctx.outermost_function(node)
        if name_words(self.ctx.function_name(function)) & _IDENTIFIER_DIGESTS:
            return  # `fingerprint(secret)`: a short, non-reversible id for logs, not a stored hash
        if self._stored_as_password(node):
            self.report(
                node, f"The password hash is a {algorithm} digest, a fast hash: leaked hashes are cracked in bulk."
            )
            return
        for arg in args:
            for part in self.ctx.descendants(
                arg, ("identifier", "selector_expression", "call_expression", "index_expression")
            ):
                kind = secret_name_kind(name_of(self.ctx, part))
                if kind in _STORED_KINDS or kind == "token" and algorithm in ("MD5", "SHA-1"):
                    label = "password" if kind == "password" else "secret"
                    self.report(
                        node, f"A {label} is hashed with {algorithm}, a fast digest: leaked hashes are cracked in bulk."
                    )
                    return

    def _stored_as_password(self, node: Node) -> bool:
        """The digest is what the statement stores as a password hash (`u.PasswordHash = hex(md5.Sum(...))`)."""
        current = node.parent
        for _ in range(6):
            if current is None or current.type in ("block", "function_declaration", "method_declaration"):
                return False
            target = ""
            if current.type in ("assignment_statement", "short_var_declaration"):
                target = self.ctx.text(current.child_by_field_name("left"))
            elif current.type == "keyed_element":
                field = self.ctx.keyed_field(current)
                target = field[0] if field is not None else ""
            if target:
                lowered = target.lower().replace("_", "")
                return "password" in lowered or "passwd" in lowered or lowered.endswith(("pwhash", "pwdhash"))
            current = current.parent
        return False
