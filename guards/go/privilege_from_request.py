"""IDG419: a role, scope or admin flag taken from the request and granted without a check."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import bound_inputs, is_log_call, is_request_input, words
from .support.tree import Node

_ROLE_FIELDS = frozenset(
    {
        "Role",
        "Roles",
        "IsAdmin",
        "Admin",
        "IsSuperuser",
        "Superuser",
        "Permissions",
        "Perms",
        "Scopes",
        "Scope",
        "Groups",
        "Privileges",
        "AccessLevel",
        "Tier",
    }
)
_GRANT_CALLS = frozenset(
    {
        "SetRole",
        "AssignRole",
        "AddRole",
        "UpdateRole",
        "GrantRole",
        "ChangeRole",
        "SetRoles",
        "AddRoleForUser",
        "AddGroupingPolicy",
        "AddUserToGroup",
        "AddToGroup",
        "AddMember",
        "SetPermissions",
        "GrantPermission",
        "SetScopes",
    }
)
_SAVES = frozenset(
    {
        "Create",
        "Save",
        "Insert",
        "Update",
        "Updates",
        "CreateUser",
        "UpdateUser",
        "InsertUser",
        "SaveUser",
        "Put",
        "Upsert",
    }
)
_CHECK_WORDS = frozenset(
    {
        "allowed",
        "allow",
        "valid",
        "validate",
        "can",
        "permit",
        "permitted",
        "assignable",
        "grantable",
        "admin",
        "isadmin",
        "permission",
        "permissions",
        "authorize",
        "authorized",
        "privilege",
        "owner",
        "superuser",
        "rank",
        "actor",
        "caller",
        "known",
        "roles",
    }
)
_ROLE_WORDS = frozenset(
    {"role", "roles", "admin", "scope", "scopes", "permission", "permissions", "group", "groups", "perms"}
)


# Writes that grant when a role is among their arguments (`m.Add(c, team, email, role)`).
_MEMBER_WRITES = frozenset({"Add", "Invite", "Create", "Insert", "Upsert", "Put", "Set", "Update", "Grant", "Assign"})


class GoPrivilegeFromRequest(GoGuard):
    """
    ## What it does
    Finds privileges the client chooses: a `Role`, `Roles`, `IsAdmin`,
    `Scopes`, `Permissions` or `Groups` field set from request input
    (`r.FormValue("role")`, `r.URL.Query().Get("role")`, a header, gin/echo
    `c.Query`/`c.PostForm`, a field of a body decoded with
    `json.NewDecoder(r.Body).Decode(&in)` or `c.ShouldBindJSON(&in)`, a gRPC
    request's `req.GetRole()`), such a value passed to `SetRole`,
    `AssignRole`, Casbin `AddRoleForUser` and the like, and a whole body
    decoded into a same-file struct with a role field that is then saved.
    A function that tests the value (an allow-list, `canAssign(actor, role)`,
    a switch, a check that the actor is an admin) is fine.

    ## Why is this bad?
    Whoever sends the request picks their own privileges: one extra JSON
    field (`"role": "admin"`) turns a sign-up into an administrator account.

    ## Example
    ```go
    json.NewDecoder(r.Body).Decode(&in)
    user := User{Email: in.Email, Role: in.Role}
    ```

    ## Use instead
    ```go
    if !actor.CanAssign(in.Role) { http.Error(w, "forbidden", http.StatusForbidden); return }
    user := User{Email: in.Email, Role: in.Role}
    ```
    """

    id = "IDG419"
    name = "go-privilege-from-request"
    title = "Privilege taken from the request"
    fix_hint = (
        "Fix the role server-side, or check it against what the actor may grant (an allow-list) before storing it."
    )
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-915"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            package api

            func (h *Handler) Signup(w http.ResponseWriter, r *http.Request) {
                var in struct{ Email, Password string }
                json.NewDecoder(r.Body).Decode(&in)
                h.users.Create(r.Context(), User{Email: in.Email, Role: "member"})
            }
            """
        ),
        Valid(
            """
            package api

            var assignable = map[string]bool{"viewer": true, "editor": true}

            func (h *Handler) SetRole(w http.ResponseWriter, r *http.Request) {
                role := r.FormValue("role")
                if !assignable[role] {
                    http.Error(w, "bad role", http.StatusBadRequest)
                    return
                }
                h.store.SetRole(r.Context(), chi.URLParam(r, "id"), role)
            }
            """
        ),
        Valid(
            """
            package api

            func (s *Server) UpdateRole(ctx context.Context, req *pb.UpdateRoleRequest) (*pb.Empty, error) {
                if !callerFrom(ctx).CanGrant(req.GetRole()) {
                    return nil, status.Error(codes.PermissionDenied, "cannot grant")
                }
                return &pb.Empty{}, s.roles.SetRole(ctx, req.GetUserId(), req.GetRole())
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package teams

            func Routes(r *gin.RouterGroup, m Members) {
                r.POST("/teams/:team/members", func(c *gin.Context) {
                    var body inviteBody
                    if err := c.ShouldBindJSON(&body); err != nil {
                        return
                    }
                    role := body.Role
                    if role == "" {
                        role = "member"
                    }
                    m.Add(c, c.Param("team"), body.Email, role)
                })
                r.PATCH("/keys/:id/scopes", func(c *gin.Context) {
                    m.SetScopes(c, c.Param("id"), c.QueryArray("scope"))
                })
            }
            """,
            line=13,
        ),
        Invalid(
            """
            package api

            func (h *Handler) Signup(w http.ResponseWriter, r *http.Request) {
                var in SignupRequest
                if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
                    return
                }
                u := User{
                    Email: in.Email,
                    Role:  in.Role,
                }
                h.users.Create(r.Context(), &u)
            }
            """,
            line=10,
        ),
        Invalid(
            """
            package api

            func promote(c *gin.Context) {
                userID := c.Param("id")
                role := c.PostForm("role")
                if role == "" {
                    role = "member"
                }
                store.SetRole(c, userID, role)
            }
            """,
            line=9,
        ),
        Invalid(
            """
            package api

            type User struct {
                ID      string `json:"id"`
                Email   string `json:"email"`
                IsAdmin bool   `json:"is_admin"`
            }

            func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
                var u User
                json.NewDecoder(r.Body).Decode(&u)
                h.db.Create(&u)
            }
            """,
            line=11,
        ),
        Invalid(
            """
            package api

            func (s *Server) Invite(ctx context.Context, req *pb.InviteRequest) (*pb.Invite, error) {
                inv := &Invite{Email: req.GetEmail()}
                inv.Role = req.GetRole()
                return s.invites.Save(ctx, inv)
            }
            """,
            line=5,
        ),
    ]

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None or field[0] not in _ROLE_FIELDS:
            return
        self._judge(node, field[1], field[0])

    def visit_assignment_statement(self, node: Node) -> None:
        left = self.ctx.expressions(node.child_by_field_name("left"))
        right = self.ctx.expressions(node.child_by_field_name("right"))
        for target, value in zip(left, right, strict=False):
            if target.type == "selector_expression":
                field = self.ctx.text(target.child_by_field_name("field"))
                if field in _ROLE_FIELDS:
                    self._judge(node, value, field)

    def visit_binary_expression(self, node: Node) -> None:
        """`if r.Header.Get("X-Role") == "admin"`: the client says what it is."""
        if self.ctx.text(node.child_by_field_name("operator")) not in ("==", "!="):
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        privileged = {r.lower() for r in self.ctx.policy.limits.privileged_roles}
        for subject, other in ((left, right), (right, left)):
            value = (self.ctx.string_value(other) or "").lower()
            if value not in privileged or subject is None:
                continue
            resolved = self.ctx.unwrap(subject)
            if resolved is None or resolved.type not in ("call_expression", "identifier"):
                continue
            text = self.ctx.text(self.ctx.resolve(resolved) or resolved)
            if not words(text.replace(".", "_").replace('"', "_").replace("-", "_")) & _ROLE_WORDS:
                continue
            if self._raw_request(resolved):
                self.report(node, f"Access is decided by a role the request itself claims (`{text[:60]}`).")
                return

    def _raw_request(self, node: Node) -> bool:
        """A header, query or form value (a decoded body is judged where it is stored)."""
        resolved = self.ctx.resolve(node)
        if resolved is None or resolved.type != "call_expression":
            return False
        return is_request_input(self.ctx, resolved)

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if last in _GRANT_CALLS:
            for arg in self.ctx.args(node):
                if words(self.ctx.text(arg).rsplit(".", 1)[-1]) & _ROLE_WORDS or "Role" in self.ctx.text(arg):
                    self._judge(node, arg, last)
                    return
        elif last in _MEMBER_WRITES and not is_log_call(self.ctx, node):
            # `members.Add(ctx, team, email, role)`: a write whose argument is a role variable from the request.
            for arg in self.ctx.args(node):
                if arg.type in ("identifier", "selector_expression") and (
                    self.ctx.text(arg).rsplit(".", 1)[-1].lower() in _ROLE_WORDS
                ):
                    self._judge(
                        node,
                        arg,
                        last,
                        f"`{self.ctx.text(arg)}` from request input is passed to `{last}` without checking that "
                        "the caller may grant it.",
                    )
                    return
        elif last in ("Decode", "ShouldBindJSON", "BindJSON", "Bind", "ShouldBind", "BodyParser", "Unmarshal"):
            self._whole_body(node)

    def _judge(self, where: Node, value: Node | None, field: str, message: str | None = None) -> None:
        if value is None or not is_request_input(self.ctx, value):
            return
        if self._checked(where, value):
            return
        self.report(
            where, message or f"`{field}` is set from request input without checking that the caller may grant it."
        )

    def _checked(self, where: Node, value: Node) -> bool:
        """Some `if`/`switch` before `where` tests the value (not only for emptiness), or the actor's rights."""
        value = self.ctx.unwrap(value) or value
        texts = {self.ctx.text(value)}
        if value.type == "identifier":
            binding = self.ctx.binding_of(value)
            if binding is not None and binding.value is not None:
                texts.add(self.ctx.text(binding.value))
        return self._tested(where, texts)

    def _tested(self, where: Node, texts: set[str]) -> bool:
        function = self.ctx.outermost_function(where) or self.ctx.enclosing_function(where)
        if function is None:
            return False
        patterns = [re.compile(r"(?<![\w.])" + re.escape(t.replace(" ", "")) + r"(?![\w(])") for t in texts if t]
        for kind in ("if_statement", "expression_switch_statement"):
            for statement in self.ctx.descendants(function, (kind,)):
                if statement.start_byte > where.start_byte:
                    continue
                parts = [statement.child_by_field_name("condition" if kind == "if_statement" else "value")]
                parts.append(statement.child_by_field_name("initializer"))
                if any(p is not None and p.start_byte <= where.start_byte < p.end_byte for p in parts):
                    continue  # the grant itself sits in this `if err := grant(...); err != nil`
                condition = " ".join(self.ctx.text(p) for p in parts if p is not None)
                compact = re.sub(r'(==|!=)""', "", condition.replace(" ", ""))
                compact = re.sub(r'""(==|!=)', "", compact)
                if any(p.search(compact) and not re.fullmatch(r"\W*" + p.pattern + r"\W*", compact) for p in patterns):
                    return True
                if any(p.search(compact) for p in patterns) and kind == "expression_switch_statement":
                    return True
                if words(condition.replace(".", "_").replace("(", "_").replace("!", "_")) & _CHECK_WORDS:
                    return True
        return False

    def _whole_body(self, call: Node) -> None:
        function = self.ctx.enclosing_function(call)
        if function is None:
            return
        for variable in bound_inputs(self.ctx, function):
            type_name = self._declared_type(function, variable)
            if type_name is None or not self._has_role_field(type_name):
                continue
            if f"&{variable}" not in self.ctx.text(call).replace(" ", ""):
                continue
            for other in self.ctx.descendants(function, ("call_expression",)):
                if other.start_byte <= call.start_byte:
                    continue
                if self.ctx.last_name(self.ctx.call_name(other)) in _SAVES:
                    args = [self.ctx.text(a).lstrip("&") for a in self.ctx.args(other)]
                    fields = {f"{variable}.{field}" for field in _ROLE_FIELDS}
                    if variable in args and not self._tested(other, fields):
                        self.report(
                            call,
                            f"The request body is decoded straight into `{type_name}`, role field included, and saved.",
                        )
                        return

    def _declared_type(self, function: Node, variable: str) -> str | None:
        for spec in self.ctx.descendants(function, ("var_spec",)):
            if variable in [self.ctx.text(n) for n in spec.children_by_field_name("name")]:
                return self.ctx.text(spec.child_by_field_name("type")).lstrip("*").rsplit(".", 1)[-1]
        for declaration in self.ctx.descendants(function, ("short_var_declaration",)):
            left = self.ctx.expressions(declaration.child_by_field_name("left"))
            if len(left) == 1 and self.ctx.text(left[0]) == variable:
                composite = self.ctx.composite(self.ctx.expressions(declaration.child_by_field_name("right"))[0])
                if composite is not None:
                    return composite.type_name.rsplit(".", 1)[-1]
        return None

    def _has_role_field(self, type_name: str) -> bool:
        for spec in self.ctx.nodes("type_spec"):
            if self.ctx.text(spec.child_by_field_name("name")) != type_name:
                continue
            for field in self.ctx.descendants(spec, ("field_declaration",)):
                names = {self.ctx.text(n) for n in field.children_by_field_name("name")}
                if names & _ROLE_FIELDS:
                    return True
        return False
