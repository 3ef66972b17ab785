"""IDG406: a password, key or token checked against a literal written into the code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_NOT_VALUES = frozenset({"", "bearer", "basic", "bearer ", "basic ", "password", "token", "null", "undefined", "none"})
_CONSTANT_TIME = frozenset({"ConstantTimeCompare", "Equal"})


class GoHardcodedCredentialComparison(GoGuard):
    """
    ## What it does
    Finds credentials checked against literals: `if password == "admin123"`,
    `r.Header.Get("X-API-Key") != "k3y"`, `req.GetPassword() == masterPassword`
    where the constant is a string literal of the same file, and the
    constant-time forms `subtle.ConstantTimeCompare([]byte(key), []byte("..."))`
    and `hmac.Equal(...)` over a literal. Comparisons with protocol words
    (`grantType == "password"`), empty strings and `"Bearer"` are fine. Test
    files are skipped.

    ## Why is this bad?
    The literal is a credential every reader of the repository has: a back
    door that works on every deployment and cannot be rotated without a
    release. A secret scanner passes short values such as "admin123".

    ## Example
    ```go
    if user == "admin" && pass == "admin123" { return issueSession(w, "admin") }
    ```

    ## Use instead
    ```go
    u, err := users.ByName(ctx, user)
    if err != nil || bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(pass)) != nil { return errDenied }
    ```
    """

    id = "IDG406"
    name = "go-hardcoded-credential-comparison"
    title = "Credential compared with a literal"
    fix_hint = "Compare against a stored hash (bcrypt/argon2) or a secret read at run time, never a literal."
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            package auth

            func grant(r *http.Request) bool {
                return r.FormValue("grant_type") == "password"
            }
            """
        ),
        Valid(
            """
            package auth

            func login(password string) error {
                if password == "" {
                    return errEmpty
                }
                return bcrypt.CompareHashAndPassword(hash, []byte(password))
            }
            """
        ),
        Valid(
            """
            package auth

            func check(key string) bool {
                return subtle.ConstantTimeCompare([]byte(key), []byte(os.Getenv("API_KEY"))) == 1
            }
            """
        ),
        Valid(
            """
            package auth

            func scheme(h string) bool { return strings.SplitN(h, " ", 2)[0] == "Bearer" }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            func login(user, password string) bool {
                return user == "admin" && password == "Portal#2024"
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func apiKeyOK(r *http.Request) bool {
                return r.Header.Get("X-API-Key") == "f3a9c1d7e2b8"
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            const masterPassword = "letmein-ops"

            func (s *Server) Login(ctx context.Context, req *pb.LoginRequest) (*pb.LoginReply, error) {
                if req.GetPassword() != masterPassword {
                    return nil, status.Error(codes.Unauthenticated, "denied")
                }
                return s.issue(ctx, req.GetUser())
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            func basic(user, pass string) bool {
                return subtle.ConstantTimeCompare([]byte(pass), []byte("ops-basic-pw")) == 1
            }
            """,
            line=4,
        ),
    ]

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in ("==", "!="):
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        self._compare(node, left, right)

    def visit_call_expression(self, node: Node) -> None:
        last = self.ctx.last_name(self.ctx.call_name(node))
        if (
            last not in _CONSTANT_TIME
            or "subtle" not in self.ctx.call_name(node)
            and "hmac" not in self.ctx.call_name(node)
        ):
            return
        args = self.ctx.args(node)
        if len(args) == 2:
            self._compare(node, args[0], args[1])

    def _compare(self, node: Node, left: Node | None, right: Node | None) -> None:
        if self.ctx.is_test_file():
            return
        for subject, other in ((left, right), (right, left)):
            found = self.ctx.bytes_literal(other)
            if found is None or found[0].strip().lower() in _NOT_VALUES:
                continue
            resolved = self.ctx.unwrap(other)
            if resolved is not None and resolved.type == "identifier" and self.ctx.resolve(resolved) == resolved:
                continue
            name = name_of(self.ctx, subject)
            kind = secret_name_kind(name)
            if kind in ("password", "secret", "api_key", "token", "key"):
                self.report(
                    node, f"`{name}` is checked against a literal: the {kind.replace('_', ' ')} is in the code."
                )
                return
