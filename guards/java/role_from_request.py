"""IDG520: a role, permission or admin flag taken from request input and stored or granted."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import is_request_input, name_of, request_parameters, words
from .support.tree import Node

_GRANTS = frozenset(
    {"setRole", "setRoles", "setAuthorities", "setAdmin", "setIsAdmin", "setPermissions", "setScopes", "setGroups"}
    | {
        "setSuperuser",
        "setSuperUser",
        "addRole",
        "grantRole",
        "assignRole",
        "setUserRole",
        "addAuthority",
        "setAccountType",
    }
    | {"role", "roles", "authorities", "permissions", "addRoles", "grantAuthority", "setRoleName", "setGroup"}
)
_CONVERSIONS = frozenset(
    {"valueOf", "fromString", "of", "parse", "from", "fromValue", "copyOf", "toUpperCase", "toLowerCase", "trim"}
    | {"stream", "map", "collect", "toList", "toSet", "forName", "getOrDefault"}
)
_CHECKS = (
    "hasRole",
    "hasAuthority",
    "canGrant",
    "canAssign",
    "assignable",
    "Assignable",
    "AccessDeniedException",
    "ForbiddenException",
    "FORBIDDEN",
    "ALLOWED_ROLES",
    "allowedRoles",
    "SELF_SERVICE",
    "checkCanGrant",
    "requireAdmin",
)
# The acting user's own privileges checked (`currentUser.isAdmin()`, `actor.hasRole(...)`).
_ACTOR_CHECK = re.compile(
    r"\b(?:actor|caller|principal|me|current\w*|auth\w*|requester|admin)\.(?:isAdmin|hasRole|hasAuthority|getRole)\("
)
_PRIVILEGE_WORDS = frozenset(
    {
        "role",
        "roles",
        "admin",
        "scope",
        "scopes",
        "group",
        "groups",
        "permission",
        "permissions",
        "superuser",
        "authority",
    }
)
_ENTITY_WORDS = frozenset({"user", "account", "member", "principal", "employee", "customer", "entity", "profile"})


class JavaRoleFromRequest(JavaGuard):
    """
    ## What it does
    Finds privileges the client chooses: `user.setRole(dto.getRole())`,
    `setAdmin(request.isAdmin())`, `addRole(Role.valueOf(req.getParameter("role")))`
    where the value comes from a `@RequestBody`/`@RequestParam`/`@RequestHeader`
    (JAX-RS `@QueryParam`, Micronaut `@Body`...) parameter or
    `request.getParameter`/`getHeader`, and `BeanUtils.copyProperties(dto, user)`
    copying a request body onto a user entity without ignoring its role
    fields (also `modelMapper.map(dto, User.class)`), and a role read from a
    request header or parameter and compared with a role name
    (`"ADMIN".equals(request.getHeader("X-User-Role"))`). A method guarded by `@PreAuthorize`/`@RolesAllowed`, or one that
    checks the actor's right to grant (`hasRole`, an allow-list,
    `AccessDeniedException`), is not reported.

    ## Why is this bad?
    Whatever the caller sends becomes their privilege: a sign-up or profile
    update with `"role": "ADMIN"` makes the caller an administrator.

    ## Example
    ```java
    user.setRole(request.getRole());
    ```

    ## Use instead
    ```java
    user.setRole(Role.MEMBER);  // roles change only through the admin API, which checks the actor
    ```
    """

    id = "IDG520"
    name = "java-role-from-request"
    title = "Role or privilege taken from request input"
    fix_hint = (
        "Set roles server-side, or check that the actor may grant the requested role (an allow-list of what they hold)."
    )
    triggers = ("role", "admin", "authorit", "permission", "scope", "copyproperties", "group", "mapper")
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-915"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            @PostMapping("/signup")
            User signup(@RequestBody SignupRequest request) {
                User user = new User(request.getEmail());
                user.setRole(Role.MEMBER);
                return users.save(user);
            }
            """
        ),
        Valid(
            """
            @PreAuthorize("hasRole('ADMIN')")
            @PutMapping("/users/{id}/role")
            void changeRole(@PathVariable long id, @RequestBody RoleChange change) {
                users.get(id).setRole(change.getRole());
            }
            """
        ),
        Valid(
            """
            @PutMapping("/me")
            User update(@RequestBody ProfileDto dto, @AuthenticationPrincipal User me) {
                BeanUtils.copyProperties(dto, me, "role", "roles", "admin");
                return users.save(me);
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            @PostMapping("/signup")
            User signup(@RequestBody SignupRequest request) {
                User user = new User(request.getEmail());
                user.setRole(request.getRole());
                return users.save(user);
            }
            """,
            line=4,
        ),
        Invalid(
            """
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                String role = req.getParameter("role");
                account.addRole(Role.valueOf(role));
            }
            """,
            line=3,
        ),
        Invalid(
            """
            @PutMapping("/users/{id}")
            User update(@PathVariable long id, @RequestBody UserDto dto) {
                User user = users.findById(id).orElseThrow();
                BeanUtils.copyProperties(dto, user);
                return users.save(user);
            }
            """,
            line=4,
        ),
    ]

    def _guarded(self, node: Node) -> bool:
        ctx = self.ctx
        method = ctx.enclosing_method(node)
        if method is None:
            return False
        if ctx.has_annotation(method, "PreAuthorize", "RolesAllowed", "Secured", "PostAuthorize"):
            return True
        klass = ctx.enclosing_class(method)
        if klass is not None and ctx.has_annotation(klass, "PreAuthorize", "RolesAllowed", "Secured"):
            return True
        text = ctx.text(ctx.body(method))
        return any(check in text for check in _CHECKS) or _ACTOR_CHECK.search(text) is not None

    def _from_request(self, node: Node | None, depth: int = 4) -> bool:
        ctx = self.ctx
        node = ctx.unwrap(node)
        if node is None or depth == 0:
            return False
        if is_request_input(ctx, node):
            return True
        if node.type == "method_invocation" and ctx.method_name(node) in _CONVERSIONS:
            return any(self._from_request(a, depth - 1) for a in ctx.args(node)) or self._from_request(
                ctx.receiver(node), depth - 1
            )
        if node.type == "identifier":
            bound = ctx.binding(node)
            return bound is not None and self._from_request(bound, depth - 1)
        return False

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in _GRANTS:
            if any(self._from_request(a) for a in ctx.args(node)) and not self._guarded(node):
                self.report(node.child_by_field_name("name") or node, f"`{method}` is given a value the client chose.")
        elif method in ("equals", "equalsIgnoreCase") and not self._guarded(node):
            # "ADMIN".equals(request.getHeader("X-User-Role")): the client states its own role
            receiver, argument = ctx.receiver(node), ctx.arg(node, 0)
            for value, literal in ((receiver, argument), (argument, receiver)):
                role = ctx.string_value(literal)
                if role is None or value is None or not is_request_input(ctx, value):
                    continue
                named = words(name_of(ctx, value)) | words(role)
                if named & _PRIVILEGE_WORDS:
                    self.report(node.child_by_field_name("name") or node, "The caller's role is read from the request.")
                    return
        elif method == "map" and len(ctx.args(node)) == 2 and "mapper" in ctx.text(ctx.receiver(node)).lower():
            source, target = ctx.args(node)
            if source is not None and ctx.text(source) in request_parameters(ctx):
                if words(ctx.text(target)) & _ENTITY_WORDS and not self._guarded(node):
                    self.report(node, "The request body is mapped onto the user, role fields included.")
        elif method == "copyProperties" and len(ctx.args(node)) == 2:
            source, target = ctx.args(node)
            if source is None or ctx.text(source) not in request_parameters(ctx):
                return
            target_words = words(ctx.text(target))
            if target_words & _ENTITY_WORDS and not self._guarded(node):
                self.report(node, "The request body is copied onto the user, role fields included.")
