"""IDG105: an empty password given to a connection or an account."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.credential_literals import QuietInTests
from .support.literals import string_literal_value
from .support.words import identifier_words

_PASSWORD_KWARGS = frozenset({"password", "passwd", "pwd", "passphrase", "db_password", "redis_password"})
_SETTERS = frozenset({"set_password", "change_password", "setPassword"})


def _is_empty_literal(expr: cst.BaseExpression | None) -> bool:
    if isinstance(expr, cst.SimpleString):
        value = string_literal_value(expr)
        return value in ("", b"")
    return False


class EmptyPassword(QuietInTests):
    """
    ## What it does
    Finds empty passwords given to calls: `psycopg2.connect(password="")`,
    `redis.Redis(password="")`, `User.objects.create_user(name, password="")`,
    `user.set_password("")`, `ldap.simple_bind_s(dn, "")`. Test code is skipped,
    and so is a throwaway instance (`User().set_password("")`: Django hashes an
    empty password for unknown users to even out the timing of a failed login).

    ## Why is this bad?
    An empty password is no authentication. For accounts it makes a usable
    credential anyone can guess; for LDAP it can even turn into an anonymous
    bind that "succeeds" for any user.

    ## Example
    ```python
    user = User.objects.create_user(username=name, email=email, password="")
    ```

    ## Use instead
    ```python
    user = User.objects.create_user(username=name, email=email)
    user.set_unusable_password()  # until the invited user sets one
    ```
    """

    id = "IDG105"
    name = "empty-password"
    title = "Empty password"
    meta = GuardMeta(
        cwe=["CWE-258", "CWE-521"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["password", "secrets"],
    )
    VALID = [
        Valid(
            """
            user = User.objects.create_user(username=name, email=email)
            user.set_unusable_password()
            """
        ),
        Valid(
            """
            conn = psycopg2.connect(host=h, password=os.environ["PGPASSWORD"])
            """
        ),
        Valid(
            """
            pw = request.form.get("password", "")
            field = PasswordField(label="")
            """
        ),
        Valid(
            """
            if user is None:
                UserModel().set_password("")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            user = User.objects.create_user(username=name, email=email, password="")
            """,
            line=1,
        ),
        Invalid(
            """
            r = redis.Redis(host="cache", port=6379, password="")
            """,
            line=1,
        ),
        Invalid(
            """
            user.set_password("")
            """,
            line=1,
        ),
        Invalid(
            """
            conn.simple_bind_s(user_dn, "")
            """,
            line=1,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        for arg in node.args:
            if (
                arg.keyword is not None
                and arg.keyword.value.lower() in _PASSWORD_KWARGS
                and _is_empty_literal(arg.value)
            ):
                self._report(arg)
                return
        if not any(arg.keyword is None and not arg.star and _is_empty_literal(arg.value) for arg in node.args):
            return  # no empty string passed by position: the callee's name does not matter
        last = (self.ctx.call_name(node) or "").rsplit(".", 1)[-1]
        if last in _SETTERS and _is_empty_literal(self.ctx.positional(node, 0)):
            if isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call):
                return  # `User().set_password("")` on a throwaway instance: Django runs the hasher to even out timing
            self._report(node)
        elif "bind" in identifier_words(last) and _is_empty_literal(self.ctx.positional(node, 1)):
            self._report(node)

    def _report(self, node: cst.CSTNode) -> None:
        self.report(
            node,
            "An empty password is passed here: no authentication at all.",
            fix="Require a real credential from configuration; for new accounts call `set_unusable_password()` "
            "until the user sets one.",
        )
