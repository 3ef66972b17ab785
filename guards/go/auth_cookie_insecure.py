"""IDG411: a session or auth cookie set without `Secure`, `HttpOnly` or `SameSite`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import Composite
from .support.guard import GoGuard
from .support.judge import words
from .support.tree import Node

_AUTH_WORDS = frozenset(
    {
        "session",
        "sess",
        "sid",
        "token",
        "auth",
        "jwt",
        "remember",
        "refresh",
        "access",
        "login",
        "csrf",
        "xsrf",
        "identity",
        "user",
    }
)
_COOKIE_TYPES = ("net/http.Cookie", "http.Cookie", "fiber.Cookie")


class GoAuthCookieInsecure(GoGuard):
    """
    ## What it does
    Finds session and authentication cookies without their protective flags:
    an `http.Cookie{...}` (net/http, echo, chi; fiber's `fiber.Cookie`) whose
    name or value says session, token, auth or remember-me, with `Secure`,
    `HttpOnly` (`HTTPOnly` in fiber) or `SameSite` missing or false (fields
    assigned later, `c.Secure = true`, count); gorilla `sessions.Options{...}`
    the same; and gin's `c.SetCookie(name, value, maxAge, path, domain,
    secure, httpOnly)` with a literal `false` for either flag. A cookie that
    clears a session (`MaxAge: -1`) and cookies such as a theme or locale are
    fine.

    ## Why is this bad?
    Without `HttpOnly` any injected script reads the session; without
    `Secure` it travels over plain HTTP to whoever is on the network; without
    `SameSite` the browser attaches it to cross-site requests (CSRF).

    ## Example
    ```go
    http.SetCookie(w, &http.Cookie{Name: "session", Value: sid, Path: "/"})
    ```

    ## Use instead
    ```go
    http.SetCookie(w, &http.Cookie{Name: "session", Value: sid, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
    ```
    """

    id = "IDG411"
    name = "go-auth-cookie-insecure"
    title = "Auth cookie without Secure, HttpOnly or SameSite"
    fix_hint = "Set `Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode` (or Strict) on session cookies."
    triggers = ("cookie", "sessions.options", "options")
    meta = GuardMeta(
        cwe=["CWE-614", "CWE-1004", "CWE-1275"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            package web

            func setSession(w http.ResponseWriter, sid string) {
                http.SetCookie(w, &http.Cookie{
                    Name: "session", Value: sid, Path: "/",
                    Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode,
                })
            }
            """
        ),
        Valid(
            """
            package web

            func setTheme(w http.ResponseWriter, theme string) {
                http.SetCookie(w, &http.Cookie{Name: "theme", Value: theme, Path: "/"})
            }
            """
        ),
        Valid(
            """
            package web

            func logout(w http.ResponseWriter) {
                http.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", MaxAge: -1})
            }
            """
        ),
        Valid(
            """
            package web

            func remember(w http.ResponseWriter, tok string) {
                c := &http.Cookie{Name: "remember_me", Value: tok}
                c.Secure = true
                c.HttpOnly = true
                c.SameSite = http.SameSiteLaxMode
                http.SetCookie(w, c)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package web

            func setSession(w http.ResponseWriter, sid string) {
                http.SetCookie(w, &http.Cookie{
                    Name:     "session_id",
                    Value:    sid,
                    HttpOnly: false,
                    Secure:   true,
                    SameSite: http.SameSiteLaxMode,
                })
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package web

            const authCookie = "auth_token"

            func (h *Handler) login(c echo.Context, tok string) error {
                cookie := new(http.Cookie)
                c.SetCookie(&http.Cookie{Name: authCookie, Value: tok, Path: "/"})
                return nil
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package web

            func login(c *gin.Context, tok string) {
                c.SetCookie("session", tok, 3600, "/", "", false, true)
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package web

            import "github.com/gorilla/sessions"

            func newStore(key []byte) *sessions.CookieStore {
                store := sessions.NewCookieStore(key)
                store.Options = &sessions.Options{Path: "/", MaxAge: 3600, HttpOnly: true}
                return store
            }
            """,
            line=7,
        ),
    ]

    def visit_composite_literal(self, node: Node) -> None:
        type_name = self.ctx.composite_type(node)
        holder = node.parent
        target = holder if holder is not None and holder.type == "unary_expression" else node
        composite = self._composite_with_assignments(target, node)
        if composite is None:
            return
        if any(type_name.endswith(t) for t in _COOKIE_TYPES):
            if not self._is_auth_cookie(composite):
                return
            http_only = "HTTPOnly" if type_name.endswith("fiber.Cookie") else "HttpOnly"
            self._judge(node, composite, ("Secure", http_only, "SameSite"))
        elif type_name.endswith("sessions.Options"):
            self._judge(node, composite, ("Secure", "HttpOnly", "SameSite"))

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.call_name(node) == "new" and self.ctx.text(self.ctx.arg(node, 0)).endswith("http.Cookie"):
            self._new_cookie(node)
            return
        if self.ctx.last_name(self.ctx.call_name(node)) != "SetCookie":
            return
        args = self.ctx.args(node)
        if len(args) != 7:
            return
        name = self.ctx.string_value(args[0]) or self.ctx.text(args[0])
        if not words(name) & _AUTH_WORDS or (self.ctx.number_value(args[2]) or 0) < 0:
            return
        for index, flag in ((5, "secure"), (6, "httpOnly")):
            if self.ctx.bool_value(args[index]) is False:
                self.report(node, f"The `{name}` cookie is set with `{flag}` false.")
                return

    def _new_cookie(self, node: Node) -> None:
        """`cookie := new(http.Cookie)` and then `cookie.Name = "token"`, `cookie.Secure = true`..."""
        holder = node.parent.parent if node.parent is not None else None
        if holder is None or holder.type != "short_var_declaration":
            return
        left = self.ctx.expressions(holder.child_by_field_name("left"))
        if len(left) != 1 or left[0].type != "identifier":
            return
        fields = self.ctx.field_assignments(left[0])
        if "Name" not in fields and "Value" not in fields:
            return
        composite = Composite(node, "net/http.Cookie", fields, [], self.ctx.text(left[0]))
        if self._is_auth_cookie(composite):
            self._judge(node, composite, ("Secure", "HttpOnly", "SameSite"))

    def _composite_with_assignments(self, target: Node, literal: Node) -> Composite | None:
        composite = self.ctx.composite(literal)
        if composite is None:
            return None
        holder = target.parent
        if holder is not None and holder.type == "expression_list" and holder.parent is not None:
            statement = holder.parent
            if statement.type in ("short_var_declaration", "assignment_statement"):
                left = self.ctx.expressions(statement.child_by_field_name("left"))
                if len(left) == 1 and left[0].type in ("identifier", "selector_expression"):
                    if left[0].type == "identifier":
                        composite.fields.update(self.ctx.field_assignments(left[0]))
                    else:
                        composite.variable = self.ctx.text(left[0])
        return composite

    def _is_auth_cookie(self, composite: Composite) -> bool:
        fields = composite.fields
        max_age = self.ctx.number_value(fields.get("MaxAge"))
        if max_age is not None and max_age < 0 or self.ctx.string_value(fields.get("Value")) == "":
            return False
        name_node = fields.get("Name")
        name = self.ctx.string_value(name_node) or self.ctx.text(name_node)
        value_name = self.ctx.text(fields.get("Value"))
        return bool((words(name) | words(value_name.rsplit(".", 1)[-1])) & _AUTH_WORDS)

    def _judge(self, node: Node, composite: Composite, flags: tuple[str, ...]) -> None:
        fields = composite.fields
        for flag in flags:
            value = fields.get(flag)
            if value is None:
                continue
            if flag == "SameSite":
                text = self.ctx.text(value)
                if (
                    text.endswith(("SameSiteDefaultMode", "SameSiteNoneMode"))
                    and self.ctx.bool_value(fields.get("Secure")) is not True
                ):
                    self.report(value, f"`SameSite: {text}` leaves the cookie on cross-site requests.")
                    return
                continue
            if self.ctx.bool_value(value) is False:
                self.report(self._line_of(value), f"`{flag}: false` on a session cookie.")
                return
        missing = [flag for flag in flags if flag not in fields]
        if missing:
            self.report(node, f"The session cookie is set without {', '.join(f'`{m}`' for m in missing)}.")

    def _line_of(self, value: Node) -> Node:
        parent = value.parent
        while parent is not None and parent.type != "keyed_element":
            parent = parent.parent
        return parent if parent is not None else value
