"""IDG130: an admin/owner/superuser role given by default."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import callee_name, function_words
from .support.guard import PythonGuard
from .support.words import identifier_words

_ROLE_WORDS = frozenset({"role", "roles", "group", "level", "tier", "membership"})
_SUPER_FLAGS = frozenset(
    {"is_superuser", "is_staff", "is_admin", "is_owner", "superuser", "admin", "is_super_admin", "is_root"}
)
_CREATE_WORDS = frozenset(
    {
        "create",
        "invite",
        "add",
        "new",
        "register",
        "insert",
        "signup",
        "provision",
        "build",
        "make",
        "get_or_create",
        "onboard",
        "join",
    }
)
# Functions whose purpose is an explicit privileged grant, or creating the
# container the caller will own: a literal admin/owner role there is intended.
_INTENDED_WORDS = frozenset(
    {
        "superuser",
        "admin",
        "owner",
        "promote",
        "elevate",
        "bootstrap",
        "seed",
        "grant",
        "transfer",
        "break",
        "glass",
        "root",
    }
)
_PRINCIPAL_WORDS = frozenset(
    {
        "user",
        "member",
        "membership",
        "account",
        "invite",
        "invitation",
        "principal",
        "identity",
        "profile",
        "grant",
        "binding",
        "employee",
        "staff",
        "seat",
        "collaborator",
        "assignment",
        "role",
    }
)
# Functions that create or admit an ordinary principal: a literal privilege there reaches everyone.
_FLOW_WORDS = _CREATE_WORDS | frozenset(
    {"accept", "redeem", "activate", "callback", "sso", "register", "registration", "enroll", "enrol", "claim"}
)
_CHECK_WORDS = frozenset(
    {
        "require",
        "requires",
        "required",
        "check",
        "has",
        "is",
        "can",
        "ensure",
        "only",
        "verify",
        "authorize",
        "allowed",
        "permission",
    }
)
_CONTAINER_WORDS = frozenset(
    {
        "org",
        "organization",
        "organisation",
        "team",
        "workspace",
        "project",
        "tenant",
        "account",
        "group",
        "repo",
        "repository",
        "company",
        "space",
    }
)


class PrivilegedRoleDefault(PythonGuard):
    """
    ## What it does
    Finds a privileged role handed out by default: a parameter default such as
    `role="admin"` or `is_superuser=True`, a `DEFAULT_ROLE = "owner"` setting, a
    model field defaulting to an admin role (also through `mapped_column(default=...)`,
    `Field(default=...)` and a dataclass `default_factory=lambda: ["admin"]`),
    `data.get("role", "admin")`, and
    create/invite/signup calls that pass a privileged role or `is_superuser=True`
    in ordinary (not explicitly privileged) flows, also when it is set on the new
    record afterwards (`user.is_staff = True`, `membership.role = "owner"` in a
    sign-up or invitation acceptance). Privileged role names come
    from the policy (`limits.privileged_roles`).

    ## Why is this bad?
    Defaults are what every caller that forgets an argument gets. A default of
    admin turns every invitation, signup or SCIM provisioning call into a full
    privilege grant (least privilege violated by construction).

    ## Example
    ```python
    def invite_member(org, email, role="admin"):
        return Invitation.objects.create(org=org, email=email, role=role)
    ```

    ## Use instead
    ```python
    def invite_member(org, email, role="viewer"):
        return Invitation.objects.create(org=org, email=email, role=role)
    ```
    """

    id = "IDG130"
    name = "privileged-role-default"
    title = "Privileged role granted by default"
    fix_hint = (
        "Default to the least-privileged role (e.g. 'viewer' or 'member'); grant admin/owner only in an "
        "explicit, authorized promotion step that is reviewed and audited."
    )
    meta = GuardMeta(
        cwe=["CWE-1188", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "invitation"],
    )
    VALID = [
        Valid(
            """
            def invite_member(org, email, role="viewer"):
                return Invitation.objects.create(org=org, email=email, role=role)
            """
        ),
        Valid(
            """
            def dashboard(user):
                if user.role == "admin":
                    return render_admin()
                return render_home()
            """
        ),
        Valid(
            """
            def create_organization(owner, name):
                org = Organization.objects.create(name=name)
                Membership.objects.create(user=owner, org=org, role="owner")
                return org
            """
        ),
        Valid(
            """
            class Member(Base):
                role = Column(String(20), default="member", nullable=False)
                is_admin = Column(Boolean, default=False)
            """
        ),
        Valid(
            """
            ADMIN_ROLE = "admin"
            DEFAULT_ROLE = "member"

            def signup(email):
                return User.objects.create_user(email=email, role=DEFAULT_ROLE)
            """
        ),
        Valid(
            """
            class Command(BaseCommand):
                def handle(self, *args, **opts):
                    User.objects.create_superuser(email=opts["email"], password=None)
            """
        ),
        Valid(
            """
            class Account(Base):
                role: Mapped[str] = mapped_column(String(20), default="member")
            """
        ),
        Valid(
            """
            def promote_to_admin(user):
                user.is_staff = True
                user.role = "admin"
                user.save()
            """
        ),
        Valid(
            """
            def accept_invite(invite, user):
                membership = Membership(org=invite.org, user=user)
                membership.role = invite.role
                membership.save()
            """
        ),
        Valid(
            """
            DEFAULT_SERVICE_ROLES = ("service-readonly",)

            @dataclass
            class ServiceRequest:
                name: str
                roles: list[str] = field(default_factory=lambda: list(DEFAULT_SERVICE_ROLES))
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def invite_member(org, email, role="admin"):
                return Invitation.objects.create(org=org, email=email, role=role)
            """,
            line=1,
        ),
        Invalid(
            """
            DEFAULT_ROLE = "owner"

            def invite(org, email):
                return Invite(org=org, email=email, role=DEFAULT_ROLE)
            """,
            line=1,
        ),
        Invalid(
            """
            def register(email, password):
                return User.objects.create_user(email=email, password=password, is_superuser=True)
            """,
            line=2,
        ),
        Invalid(
            """
            from pydantic import BaseModel

            class InviteIn(BaseModel):
                email: str
                role: str = "admin"
            """,
            line=5,
        ),
        Invalid(
            """
            from sqlalchemy import Column, String

            class Member(Base):
                role = Column(String(20), default="admin", nullable=False)
            """,
            line=4,
        ),
        Invalid(
            """
            def signup(email):
                return User.objects.create(email=email, role=Role.OWNER)
            """,
            line=2,
        ),
        Invalid(
            """
            def accept_invite(data):
                role = data.get("role", "owner")
                return add_member(data["org"], data["email"], role=role)
            """,
            line=2,
        ),
        # a typed ORM column and a dataclass field: the default hides in the call
        Invalid(
            """
            class Account(Base):
                role: Mapped[str] = mapped_column(String(20), default="owner")
            """,
            line=2,
        ),
        Invalid(
            """
            @dataclass
            class ServiceRequest:
                name: str
                roles: list[str] = field(default_factory=lambda: ["admin"])
            """,
            line=4,
        ),
        Invalid(
            """
            class InviteIn(BaseModel):
                email: str
                role: str = Field("admin", description="role of the invitee")
            """,
            line=3,
        ),
        # set after the create call, in sign-up and in invitation acceptance
        Invalid(
            """
            def register(request):
                user = User.objects.create_user(request.POST["email"], password=request.POST["password"])
                user.is_staff = True
                user.save()
            """,
            line=3,
        ),
        Invalid(
            """
            def accept_invite(invite, user):
                membership = Membership(org=invite.org, user=user)
                membership.role = "owner"
                membership.save()
            """,
            line=3,
        ),
    ]

    def _privileged(self, expr: cst.BaseExpression | None) -> str | None:
        """A privileged role name: the string 'admin', or an enum member such as `Role.ADMIN`."""
        roles = {r.lower() for r in self.ctx.policy.limits.privileged_roles}
        resolved = self.ctx.resolve(expr)
        if isinstance(resolved, cst.Attribute) and isinstance(resolved.value, (cst.Name, cst.Attribute)):
            owner = set(identifier_words(self.ctx.source(resolved.value)))
            if owner & _ROLE_WORDS and resolved.attr.value.lower() in roles:
                return resolved.attr.value
            return None
        value = self.ctx.string_value(expr)
        if value is None:
            return None
        return value if value.lower() in roles else None

    def _privileged_default(self, expr: cst.BaseExpression | None, depth: int = 3) -> str | None:
        """`_privileged`, also through the shapes a field default takes: a list of roles (`["admin"]`),
        a copy of one (`list(DEFAULT_ROLES)`) and a factory (`default_factory=lambda: ["admin"]`)."""
        if expr is None or depth == 0:
            return None
        resolved = self.ctx.resolve(expr)
        if isinstance(resolved, cst.Lambda):
            return self._privileged_default(resolved.body, depth - 1)
        if isinstance(resolved, (cst.List, cst.Tuple, cst.Set)):
            for element in resolved.elements:
                if not isinstance(element, cst.StarredElement) and (
                    role := self._privileged_default(element.value, depth - 1)
                ):
                    return role
            return None
        if (
            isinstance(resolved, cst.Call)
            and callee_name(resolved.func) in {"list", "tuple", "set", "frozenset"}
            and len(resolved.args) == 1
        ):
            return self._privileged_default(resolved.args[0].value, depth - 1)
        return self._privileged(expr)

    @staticmethod
    def _is_role_name(name: str) -> bool:
        words = set(identifier_words(name))
        return bool(words & _ROLE_WORDS) and not words & {
            "required",
            "require",
            "min",
            "minimum",
            "check",
            "needed",
            "admin",
            "owner",
        }

    @staticmethod
    def _is_super_flag(name: str) -> bool:
        return name.lower() in _SUPER_FLAGS

    def _intended_context(self) -> bool:
        for fn in self.ctx.function_stack:
            words = function_words(fn)
            if words & _INTENDED_WORDS:
                return True
            if words & {"create", "new", "setup", "init", "initialize"} and words & _CONTAINER_WORDS:
                return True
        return False

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is None:
            return
        name = node.name.value
        fn = self.ctx.current_function
        if fn is not None and function_words(fn) & _CHECK_WORDS:
            return  # `def require_role(role="admin")` checks a role, it grants nothing
        if isinstance(node.default, cst.Name) and "default" in identifier_words(node.default.value):
            return  # `role=DEFAULT_ROLE`: reported where the default is assigned
        if self._is_role_name(name) and (role := self._privileged(node.default)):
            if not self._intended_context():
                self.report(node, f"Parameter `{name}` defaults to the privileged role '{role}'.")
        elif self._is_super_flag(name) and self.ctx.bool_value(node.default) is True and not self._intended_context():
            self.report(
                node,
                f"Parameter `{name}` defaults to True: callers get super-user rights unless they opt out.",
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = self.ctx.target_name(target.target) or ""
            words = set(identifier_words(name))
            if "default" in words and words & _ROLE_WORDS and (role := self._privileged(node.value)):
                self.report(node, f"`{name}` makes '{role}' the default role.")
            elif self.ctx.class_stack and not self.ctx.function_stack and isinstance(node.value, cst.Call):
                self._column_default(node, name, node.value)
            elif isinstance(target.target, cst.Attribute) and self._ordinary_flow():
                self._attribute_grant(node, name, node.value)

    def _ordinary_flow(self) -> bool:
        """Inside a signup, invitation, acceptance or provisioning function that is not an explicit promotion."""
        fn = self.ctx.current_function
        return (
            fn is not None
            and bool(function_words(fn) & _FLOW_WORDS)
            and not function_words(fn) & _CHECK_WORDS
            and not self._intended_context()
        )

    def _attribute_grant(self, node: cst.Assign, name: str, value: cst.BaseExpression) -> None:
        """`user.is_staff = True` after `create_user(...)` in sign-up, `membership.role = "owner"` when an invitation is accepted."""
        if self._is_super_flag(name) and self.ctx.bool_value(value) is True:
            self.report(
                node,
                f"`{name}` is set to True in an ordinary sign-up / invitation flow: every new account is privileged.",
            )
        elif (
            self._is_role_name(name)
            and isinstance(self.ctx.resolve(value), (cst.SimpleString, cst.ConcatenatedString, cst.Attribute))
            and (role := self._privileged(value))
        ):
            self.report(
                node,
                f"`{name}` is set to the privileged role '{role}' in an ordinary sign-up / invitation flow.",
            )

    def _column_default(self, node: cst.CSTNode, name: str, column: cst.Call) -> None:
        """`role = Column(String, default="admin")`, `is_admin = models.BooleanField(default=True)`."""
        defaults = [self.ctx.kwarg(column, key) for key in ("default", "server_default", "default_factory")]
        if callee_name(column.func) == "Field" and column.args and column.args[0].keyword is None:
            defaults.append(column.args[0].value)  # pydantic `Field("admin", description=...)`
        for default in defaults:
            if default is None:
                continue
            if self._is_role_name(name) and (role := self._privileged_default(default)):
                self.report(node, f"Field `{name}` defaults to the privileged role '{role}'.")
            elif self._is_super_flag(name) and self.ctx.bool_value(default) is True:
                self.report(node, f"Field `{name}` defaults to True: every new row is privileged.")

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if not self.ctx.class_stack or self.ctx.function_stack or node.value is None:
            return
        name = self.ctx.target_name(node.target) or ""
        if isinstance(node.value, cst.Call) and callee_name(node.value.func) not in {
            "list",
            "tuple",
            "set",
            "frozenset",
        }:
            # `role: Mapped[str] = mapped_column(default="owner")`, `roles: list = field(default_factory=lambda: ["admin"])`
            self._column_default(node, name, node.value)
        elif self._is_role_name(name) and (role := self._privileged_default(node.value)):
            self.report(node, f"Field `{name}` defaults to the privileged role '{role}'.")
        elif self._is_super_flag(name) and self.ctx.bool_value(node.value) is True:
            self.report(node, f"Field `{name}` defaults to True.")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        last = callee_name(func)
        if last in {"get", "getattr", "setdefault", "pop"} and len(node.args) >= 2:
            key = self.ctx.string_value(node.args[-2].value)
            role = self._privileged(node.args[-1].value)
            if key and role and self._is_role_name(key) and not self._intended_context():
                self.report(node, f"A missing `{key}` falls back to the privileged role '{role}'.")
            return
        if "superuser" in last.lower():
            return
        words = set(identifier_words(last))
        # `Membership(...)`, `User(...)` create principals; `Q(is_superuser=True)` only filters.
        creates = bool(words & _CREATE_WORDS) or (last[:1].isupper() and bool(words & _PRINCIPAL_WORDS))
        if not creates or self._intended_context():
            return
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if self._is_super_flag(key) and self.ctx.bool_value(arg.value) is True:
                self.report(arg, f"`{last}(...)` creates the account with `{key}=True`.")
            elif self._is_role_name(key) and isinstance(
                self.ctx.resolve(arg.value), (cst.SimpleString, cst.ConcatenatedString, cst.Attribute)
            ):
                role = self._privileged(arg.value)
                if role and isinstance(arg.value, cst.Name):
                    continue  # a named default is reported where it is assigned
                if role:
                    self.report(
                        arg,
                        f"`{last}(...)` grants the privileged role '{role}' in an ordinary create/invite flow.",
                    )
