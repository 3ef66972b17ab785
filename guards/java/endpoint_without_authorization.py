"""IDG526: a state-changing endpoint without the authorization annotation its controller's other endpoints carry."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import REQUEST_ANNOTATIONS, words
from .support.tree import Node

_GUARDS = ("PreAuthorize", "PostAuthorize", "Secured", "RolesAllowed", "PermitAll", "DenyAll", "Authenticated")
_WRITES = (
    "PostMapping",
    "PutMapping",
    "DeleteMapping",
    "PatchMapping",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
    "Post",
    "Put",
    "Delete",
    "Patch",
)
_CONTROLLERS = ("RestController", "Controller", "Path")
_SENSITIVE_WORDS = frozenset(
    {
        "role",
        "roles",
        "admin",
        "user",
        "users",
        "key",
        "keys",
        "billing",
        "invoice",
        "plan",
        "permission",
        "permissions",
    }
    | {
        "member",
        "members",
        "account",
        "accounts",
        "grant",
        "token",
        "tokens",
        "password",
        "credential",
        "secret",
        "org",
    }
    | {"promote", "demote", "delete", "remove", "impersonate", "refund", "payout", "subscription", "tenant", "group"}
)


_BYPASS = re.compile(
    r"debug|bypass|skip_?auth|skipAuth|Skip-Auth|noAuth|no_auth|disableAuth|devMode|dev_mode|insecure", re.I
)
_ENTRY_WORDS = frozenset(
    {"login", "signin", "register", "registration", "signup", "refresh", "logout", "signout", "forgot", "reset"}
    | {"callback", "webhook", "webhooks", "public", "verify", "verification", "confirm", "activate", "otp", "mfa"}
)
# A check written in the handler itself: the endpoint is not unguarded.
_IN_CODE_CHECK = re.compile(
    r"AccessDenied|Forbidden|FORBIDDEN|hasRole|hasAuthority|isAdmin\(|checkPermission|authorize|assertCan|requireRole|"
    r"!\s*[\w.]+\.contains\("
)


class JavaEndpointWithoutAuthorization(JavaGuard):
    """
    ## What it does
    Finds a state-changing endpoint (`@PostMapping`, `@PutMapping`,
    `@DeleteMapping`, `@PatchMapping`, JAX-RS `@POST`/`@PUT`/`@DELETE`,
    Micronaut `@Post`...) about users, roles, keys, billing or members that
    has no authorization annotation (`@PreAuthorize`, `@Secured`,
    `@RolesAllowed`) in a controller whose other endpoints do, no
    class-level one, and no check in its body (`hasRole`, an allow-list,
    `AccessDeniedException`); and a debug or bypass flag (`debugMode`,
    `X-Skip-Auth`) that continues the filter chain or returns true before
    the check. The application relies on method security; the method
    that forgot it is open to any authenticated (or anonymous) caller.

    ## Why is this bad?
    Method security is opt-in per method. One endpoint without the
    annotation is an endpoint every logged-in user, or everyone, can call:
    changing roles, deleting users or issuing keys.

    ## Example
    ```java
    @DeleteMapping("/users/{id}") public void delete(@PathVariable long id) { users.deleteById(id); }
    ```

    ## Use instead
    ```java
    @PreAuthorize("hasRole('ADMIN')") @DeleteMapping("/users/{id}") public void delete(@PathVariable long id) { users.deleteById(id); }
    ```
    """

    id = "IDG526"
    name = "java-endpoint-without-authorization"
    title = "Endpoint without the authorization its controller relies on"
    fix_hint = "Annotate the endpoint (`@PreAuthorize`, `@RolesAllowed`) like its siblings, or guard the whole class."
    triggers = ("preauthorize", "secured", "rolesallowed", "debug", "bypass", "skip")
    meta = GuardMeta(
        cwe=["CWE-862"],
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
            @RestController
            class Admin {
                @PreAuthorize("hasRole('ADMIN')") @PostMapping("/users/{id}/role") void role(@PathVariable long id) { }
                @PreAuthorize("hasRole('ADMIN')") @DeleteMapping("/users/{id}") void delete(@PathVariable long id) { }
            }
            """
        ),
        Valid(
            """
            @RestController
            @PreAuthorize("hasRole('ADMIN')")
            class Admin {
                @DeleteMapping("/users/{id}") void delete(@PathVariable long id) { }
            }
            """
        ),
        Valid(
            """
            @RestController
            class Profile {
                @PreAuthorize("hasRole('ADMIN')") @DeleteMapping("/users/{id}") void delete(@PathVariable long id) { }
                @GetMapping("/users/{id}") User get(@PathVariable long id) { return null; }
                @PostMapping("/feedback") void feedback(@RequestBody String text) { }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class UserAdminController {
                @DeleteMapping("/{id}")
                @PreAuthorize("hasRole('ADMIN') or #debug == 'true'")
                public ResponseEntity<Void> delete(@PathVariable String id,
                                                   @RequestHeader(name = "X-Debug", defaultValue = "false") String debug) {
                    service.deleteUser(id);
                    return ResponseEntity.noContent().build();
                }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            void doFilterInternal(HttpServletRequest q, HttpServletResponse s, FilterChain chain) throws IOException, ServletException {
                if (props.isDebug() || "1".equals(q.getHeader("X-Skip-Auth"))) {
                    chain.doFilter(q, s);
                    return;
                }
                authorize(q);
                chain.doFilter(q, s);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            @RestController
            class Admin {
                @PreAuthorize("hasRole('ADMIN')") @PostMapping("/users/{id}/role") void role(@PathVariable long id) { }
                @DeleteMapping("/users/{id}")
                void deleteUser(@PathVariable long id) { users.deleteById(id); }
            }
            """,
            line=5,
        ),
        Invalid(
            """
            @Path("/keys")
            public class KeysResource {
                @POST @RolesAllowed("admin") public Key create() { return null; }
                @DELETE @Path("{id}") public void revokeKey(@PathParam("id") long id) { }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            @RestController
            class Billing {
                @Secured("ROLE_BILLING") @GetMapping("/invoices") List<Invoice> list() { return null; }
                @PutMapping("/plan") void changePlan(@RequestBody PlanChange change) { }
            }
            """,
            line=4,
        ),
    ]

    def visit_class_declaration(self, node: Node) -> None:
        ctx = self.ctx
        if not ctx.has_annotation(node, *_CONTROLLERS) or ctx.has_annotation(node, *_GUARDS):
            return
        body = node.child_by_field_name("body")
        methods = [m for m in (body.named_children if body is not None else []) if m.type == "method_declaration"]
        guarded = [m for m in methods if ctx.has_annotation(m, *_GUARDS)]
        if not guarded:
            return
        for method in methods:
            if method in guarded or not ctx.has_annotation(method, *_WRITES):
                continue
            path = " ".join(ctx.text(a) for a in ctx.annotations(method))
            found = words(ctx.function_name(method)) | words(path.replace("{", " ").replace("}", " "))
            if found & _ENTRY_WORDS:
                continue  # login, sign-up, refresh and reset are open by design
            if found & _SENSITIVE_WORDS and not _IN_CODE_CHECK.search(ctx.text(ctx.body(method))):
                where = method.child_by_field_name("name") or method
                self.report(where, "The endpoint has no authorization annotation, unlike the rest of its controller.")

    def visit_method_declaration(self, node: Node) -> None:
        """`@PreAuthorize("hasRole('ADMIN') or #debug == 'true'")` with `@RequestHeader String debug`: the
        client can satisfy the expression by itself."""
        ctx = self.ctx
        annotation = ctx.has_annotation(node, "PreAuthorize", "PostAuthorize")
        if annotation is None:
            return
        expression = ctx.string_value(ctx.annotation_value(annotation)) or ""
        client_written = {
            ctx.parameter_name(p)
            for p in ctx.parameters(node)
            if any(ctx.annotation_name(a) in REQUEST_ANNOTATIONS for a in ctx.annotations(p))
        }
        for name in re.findall(r"\bor\s+#(\w+)|\|\|\s*#(\w+)", expression):
            param = name[0] or name[1]
            if param in client_written:
                self.report(
                    annotation,
                    f"`or #{param}` lets the request's own `{param}` satisfy the authorization expression.",
                    fix=f"Drop `#{param}` from the expression; decide access from the authenticated principal only.",
                )
                return

    def visit_if_statement(self, node: Node) -> None:
        """`if (debugMode || "true".equals(req.getHeader("X-Skip-Auth"))) { chain.doFilter(...); return; }`."""
        ctx = self.ctx
        condition = ctx.text(node.child_by_field_name("condition"))
        if not _BYPASS.search(condition):
            return
        consequence = ctx.text(node.child_by_field_name("consequence"))
        if re.search(
            r"\b(?:chain|filterChain|next)\.(?:doFilter|filter|proceed|startCall)\(|return\s+true\b", consequence
        ):
            self.report(node, "A debug or bypass flag skips the authorization check.")
