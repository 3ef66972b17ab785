"""IDG181: an endpoint that changes roles, keys, users or billing with no authentication or authorization."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import PythonContext
from .support.flow.decisions import display_name, enclosing_class_words, module_index, own_nodes
from .support.flow.endpoints import is_endpoint, is_mutating_endpoint
from .support.flow.one_time import one_time_acceptance
from .support.flow.protection import actor_roots, canonical, endpoint_protection, involves_actor, module_protects
from .support.flow.words import callee_name, function_words, node_words, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

# What an endpoint changes that only some callers may change.
_SENSITIVE_WORDS = frozenset(
    {
        "role",
        "roles",
        "permission",
        "permissions",
        "perm",
        "perms",
        "admin",
        "owner",
        "ownership",
        "key",
        "keys",
        "apikey",
        "token",
        "tokens",
        "user",
        "users",
        "member",
        "members",
        "membership",
        "memberships",
        "billing",
        "plan",
        "plans",
        "credit",
        "credits",
        "subscription",
        "invoice",
        "invoices",
        "payment",
        "payments",
        "refund",
        "password",
        "group",
        "groups",
        "scope",
        "scopes",
        "staff",
        "superuser",
        "credential",
        "credentials",
        "secret",
        "secrets",
        "seat",
        "seats",
        "account",
        "accounts",
        "tenant",
        "tenants",
        "org",
        "organization",
        "organisation",
        "grant",
        "grants",
        "quota",
        "webhook",
        "sso",
        "mfa",
        "impersonate",
        "elevation",
        "rotate",
        "revoke",
        "regenerate",
        "transfer",
        "promote",
        "demote",
        "suspend",
        "deactivate",
        "ban",
        "unban",
    }
)
# Endpoints that are public by design: signing in, signing up, recovering an account, callbacks.
_PUBLIC_FLOW_WORDS = frozenset(
    {
        "login",
        "logout",
        "signin",
        "signout",
        "signup",
        "register",
        "registration",
        "token",
        "refresh",
        "callback",
        "forgot",
        "reset",
        "verify",
        "verification",
        "confirm",
        "confirmation",
        "accept",
        "redeem",
        "join",
        "oauth",
        "saml",
        "oidc",
        "acs",
        "webhook",
        "webhooks",
        "hook",
        "hooks",
        "health",
        "healthz",
        "ping",
        "status",
        "public",
        "metrics",
        "csrf",
        "authorize",
        "consent",
        "introspect",
        "revocation",
        "jwks",
        "discovery",
        "unsubscribe",
        "magic",
        "activate",
        "obtain",
        "session",
        "auth",
        "authenticate",
    }
)
_CHANGE_WORDS = frozenset(
    {
        "set",
        "change",
        "update",
        "add",
        "remove",
        "delete",
        "create",
        "grant",
        "assign",
        "apply",
        "cancel",
        "upgrade",
        "downgrade",
        "promote",
        "demote",
        "suspend",
        "deactivate",
        "reset",
        "issue",
        "mint",
        "ban",
        "unban",
        "approve",
        "refund",
        "charge",
        "credit",
        "disable",
        "enable",
        "invite",
        "regenerate",
        "impersonate",
        "elevate",
    }
)
_LOG_WORDS = frozenset(
    {"log", "logger", "logging", "info", "debug", "warning", "error", "exception", "audit", "print", "record"}
)


class EndpointWithoutAuthorization(PythonGuard):
    """
    ## What it does
    Finds HTTP endpoints that change something only some callers may change
    (roles, permissions, API keys, users, members, ownership, billing plans
    and credits) while nothing checks who is calling:
    - the endpoint has no authentication or authorization decorator,
      dependency, permission class or check on the caller in its body, while
      other endpoints of the same module are protected (so this one is the
      exception, not a design that leaves auth to a gateway); or
    - it only authenticates the caller (`@login_required`) while changing a
      record the caller names (`/users/<uid>/role`), where most other
      endpoints of the module (at least two) also check the caller's rights
      (`@role_required("admin")`); or
    - it is opened explicitly (`permission_classes=[AllowAny]`,
      `authentication_classes=[]`) although it changes such state.
    Endpoints are recognised across frameworks: route decorators (Flask,
    Quart, FastAPI, Starlette, Litestar, Sanic, aiohttp `RouteTableDef`,
    Pyramid `view_config`, DRF `api_view`/`action`), handler registrations
    (`app.router.add_delete(path, handler)`, `Route(...)`, `path(...)`) and
    class-based views. Sign-in, sign-up, recovery, callback and
    invitation-acceptance endpoints are public by design and not judged.
    Writing the caller's identity into a log or audit record
    (`AuditEvent(actor_id=g.user.id)`) is not a check. Reported on the
    endpoint's `def` line, or on the view class's
    `permission_classes = [AllowAny]` (or `get_permissions`'s
    `return [AllowAny()]` for that action) when that opens it.

    ## Why is this bad?
    An endpoint without a check is open to every caller that can reach it: a
    forgotten decorator on one route of an admin blueprint lets anyone change
    plans, transfer ownership or rotate other people's keys. Debug-era
    `AllowAny` overrides on a mutating action do the same.

    ## Example
    ```python
    @bp.post("/accounts/<int:account_id>/credit")
    @staff_required
    def credit(account_id): ...

    @bp.post("/accounts/<int:account_id>/plan")
    def set_plan(account_id):
        change_plan(account_id, request.get_json()["plan"])
    ```

    ## Use instead
    ```python
    @bp.post("/accounts/<int:account_id>/plan")
    @staff_required
    def set_plan(account_id):
        change_plan(account_id, request.get_json()["plan"])
    ```
    """

    id = "IDG181"
    name = "endpoint-without-authorization"
    title = "Endpoint changes identity or billing state without an authorization check"
    fix_hint = (
        "Protect the endpoint like its siblings: an authentication and authorization decorator or dependency "
        "(`@staff_required`, `Depends(require_admin)`, `permission_classes=[IsAdminUser]`), or an explicit check "
        "of the caller's rights before the change."
    )
    meta = GuardMeta(
        cwe=["CWE-306", "CWE-862"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05", "PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
        see_also=["OWASP API5:2023 Broken Function Level Authorization"],
    )
    VALID = [
        Valid(
            """
            @bp.post("/accounts/<int:aid>/credit")
            @staff_required
            def credit(aid):
                apply_credit(aid, request.json["amount"])

            @bp.post("/accounts/<int:aid>/plan")
            @staff_required
            def set_plan(aid):
                change_plan(aid, request.json["plan"])
            """
        ),
        # nothing in the module is protected here: auth lives in a gateway or an app-wide hook
        Valid(
            """
            @bp.post("/accounts/<int:aid>/plan")
            def set_plan(aid):
                change_plan(aid, request.json["plan"])
            """
        ),
        # the body checks the caller
        Valid(
            """
            from aiohttp import web

            @routes.get("/docs/{d}")
            async def get_doc(request):
                if not await allowed(request, "read"):
                    raise web.HTTPForbidden()

            @routes.delete("/keys/{k}")
            async def revoke_key(request):
                principal = request["principal"]
                key = await store.get(request.match_info["k"])
                if key.owner_id != principal.user_id:
                    raise web.HTTPNotFound()
                await store.revoke(key.id)
            """
        ),
        # public by design
        Valid(
            """
            @router.get("/me")
            def me(user=Depends(current_user)):
                return user

            @router.post("/auth/login")
            def login(body: LoginBody):
                return issue_session(body)
            """
        ),
        # signing up: the visitor creates their own account
        Valid(
            """
            @router.get("/users/{uid}")
            def read_user(uid: int, admin=Depends(require_admin)):
                return load(uid)

            @router.post("/users")
            def create_user(body: SignupBody):
                return save(User(email=body.email, password_hash=hash_password(body.password)))
            """
        ),
        # a machine endpoint that checks a key header read into a local first
        Valid(
            """
            @requires("admin")
            async def list_users(request):
                return JSONResponse(await all_users())

            async def sync_billing(request):
                provided = request.headers.get("x-sync-key", "")
                if not hmac.compare_digest(provided.encode(), SYNC_KEY.encode()):
                    return JSONResponse({}, status_code=403)
                await apply_credits(await request.json())

            app = Starlette(routes=[Route("/users", list_users), Route("/billing/sync", sync_billing, methods=["POST"])])
            """
        ),
        # signed in only, acting on the caller's own account: no record chosen by the caller
        Valid(
            """
            @bp.get("/users")
            @role_required("admin")
            def list_users():
                return jsonify(all_users())

            @bp.post("/users/<int:uid>/disable")
            @role_required("admin")
            def disable(uid):
                disable_user(uid)

            @bp.post("/me/password")
            @login_required
            def change_password():
                set_user_password(current_user, request.json["password"])
            """
        ),
        # signed in only, but the view set only ever finds the caller's own keys
        Valid(
            """
            class UserAdminViewSet(viewsets.ModelViewSet):
                permission_classes = [IsAdminUser]

                @action(detail=True, methods=["post"])
                def deactivate(self, request, pk=None):
                    deactivate_user(pk)

                @action(detail=True, methods=["post"])
                def promote(self, request, pk=None):
                    promote_user(pk)

            class MyKeysViewSet(viewsets.ModelViewSet):
                permission_classes = [IsAuthenticated]

                def get_queryset(self):
                    return ApiKey.objects.filter(owner=self.request.user)

                @action(detail=True, methods=["post"])
                def rotate(self, request, pk=None):
                    return Response({"id": rotate_key(self.get_object())})
            """
        ),
        # `get_permissions` opens only the read-only actions
        Valid(
            """
            class ServiceKeyViewSet(viewsets.ModelViewSet):
                permission_classes = [IsAdminUser]

                def get_permissions(self):
                    if self.action == "list":
                        return [AllowAny()]
                    return [IsAdminUser()]

                @action(detail=True, methods=["post"])
                def rotate(self, request, pk=None):
                    return Response({"key": rotate_service_key(pk)})
            """
        ),
        # router-level dependency protects every route
        Valid(
            """
            router = APIRouter(dependencies=[Depends(require_admin)])

            @router.delete("/users/{uid}/sessions")
            async def kill_sessions(uid: int):
                return await delete_all_for_user(uid)
            """
        ),
        # the body acts as the caller (their own keys), besides recording them in the audit trail
        Valid(
            """
            @bp.get("/admin/keys")
            @staff_required
            def all_keys():
                return jsonify(list_keys())

            @bp.post("/keys/<int:kid>/revoke")
            def revoke_key(kid):
                key = ApiKey.query.filter_by(id=kid, owner_id=g.user.id).first_or_404()
                key.revoked = True
                db.session.add(AuditEvent(actor_id=g.user.id, action="revoke"))
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            @bp.post("/accounts/<int:aid>/credit")
            @staff_required
            def credit(aid):
                apply_credit(aid, request.json["amount"])

            @bp.post("/accounts/<int:aid>/plan")
            def set_plan(aid):
                change_plan(aid, request.json["plan"])
            """,
            line=7,
        ),
        Invalid(
            """
            class ApiKeyViewSet(viewsets.GenericViewSet):
                permission_classes = [IsAuthenticated]

                @action(detail=True, methods=["post"], permission_classes=[AllowAny])
                def rotate(self, request, pk=None):
                    return Response(rotate(ApiKey.objects.get(pk=pk)))
            """,
            line=5,
        ),
        Invalid(
            """
            @router.get("/{uid}")
            async def get_user(uid: int, admin=Depends(require_admin)):
                return await load(uid)

            @router.put("/{uid}/role")
            async def set_role(uid: int, body: RoleChange, db=Depends(get_session)):
                user = await db.get(User, uid)
                user.role = body.role
            """,
            line=6,
        ),
        Invalid(
            """
            from aiohttp import web

            @routes.get("/docs/{d}")
            async def get_doc(request):
                if not await allowed(request, "read"):
                    raise web.HTTPForbidden()

            @routes.post("/spaces/{s}/owner")
            async def transfer_ownership(request):
                body = await request.json()
                await spaces.set_owner(request.match_info["s"], body["user_id"])
            """,
            line=9,
        ),
        # the caller is only written into the audit record: nothing checks who they are
        Invalid(
            """
            @bp.get("/users")
            @role_required("admin")
            def list_users():
                return jsonify(all_users())

            @bp.put("/users/<int:uid>/role")
            def set_role(uid):
                user = db.session.get(User, uid)
                user.role = request.json["role"]
                db.session.add(AuditEvent(actor_id=getattr(g, "user", None) and g.user.id, action="set_role"))
            """,
            line=7,
        ),
        # signed in only, unlike its siblings that check a role
        Invalid(
            """
            @bp.get("/users")
            @login_required
            @role_required("admin")
            def list_users():
                return jsonify(all_users())

            @bp.post("/users/<int:uid>/disable")
            @login_required
            @role_required("admin")
            def disable(uid):
                disable_user(uid)

            @bp.post("/users/<int:uid>/role")
            @login_required
            def set_role(uid):
                change_role(uid, request.json["role"])
            """,
            line=15,
        ),
        # `require_POST` restricts the method, not the caller
        Invalid(
            """
            from django.contrib.auth.decorators import login_required
            from django.views.decorators.http import require_POST

            @login_required
            def list_keys(request):
                return JsonResponse(list(ApiKey.objects.values()))

            @require_POST
            def delete_api_key(request, key_id):
                ApiKey.objects.filter(pk=key_id).delete()
                return JsonResponse({})
            """,
            line=9,
        ),
        # Starlette handlers registered with `Route(...)`: the unprotected sibling
        Invalid(
            """
            @requires("admin")
            async def list_keys(request):
                return JSONResponse(await all_keys())

            async def revoke_key(request):
                await keys.revoke(request.path_params["key_id"])
                return JSONResponse({})

            app = Starlette(routes=[Route("/keys", list_keys), Route("/keys/{key_id}/revoke", revoke_key, methods=["POST"])])
            """,
            line=5,
        ),
        # opened for this action only, by `get_permissions`: reported on that `return`
        Invalid(
            """
            class ServiceKeyViewSet(viewsets.ModelViewSet):
                permission_classes = [IsAdminUser]

                def get_permissions(self):
                    if self.action in ("list", "rotate"):
                        return [AllowAny()]
                    return super().get_permissions()

                @action(detail=True, methods=["post"])
                def rotate(self, request, pk=None):
                    return Response({"key": rotate_service_key(pk)})
            """,
            line=6,
        ),
        # opened by the view class: reported on the `permission_classes` line
        Invalid(
            """
            class RotateKeyView(APIView):
                permission_classes = [AllowAny]

                def post(self, request, service_id):
                    return Response({"key": rotate_service_key(service_id)})
            """,
            line=2,
        ),
    ]

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._reported: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not is_mutating_endpoint(self.ctx, node):
            return
        if (function_words(node) | self._path_words(node) | enclosing_class_words(self.ctx, node)) & _PUBLIC_FLOW_WORDS:
            return  # signing in (`ObtainAuthToken.post`), signing up, callbacks: public by design
        if (
            not self._sensitive(node)
            or one_time_acceptance(self.ctx, node) is not None
            or self._self_registration(node)
        ):
            return
        protection = endpoint_protection(self.ctx, node)
        if protection.public:
            # opened by the view class (`permission_classes = [AllowAny]`): reported there, once
            spot = protection.opened_by or node.name
            if id(spot) not in self._reported:
                self._reported.add(id(spot))
                self.report(
                    spot,
                    f"`{display_name(self.ctx, node)}` changes identity or billing state but is opened to every caller (AllowAny / no authentication).",
                )
            return
        if protection.level > 1 or self._acts_as_caller(node):
            return
        if protection.level == 1:
            if (
                self._names_a_record(node)
                and not self._queryset_scoped_to_caller(node)
                and self._siblings_authorize(node)
            ):
                self.report(
                    node.name,
                    f"`{display_name(self.ctx, node)}` changes identity or billing state of the record it is given after only authenticating the caller; "
                    "the other endpoints of this module also check the caller's rights.",
                )
            return
        if module_protects(self.ctx, node):
            self.report(
                node.name,
                f"`{display_name(self.ctx, node)}` changes identity or billing state with no authentication or authorization check, unlike the other endpoints of this module.",
            )

    @staticmethod
    def _names_a_record(fn: cst.FunctionDef) -> bool:
        """The caller chooses what is changed: a parameter besides the request (`uid`, `pk`, `key_id`)."""
        params = [p.name.value for p in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]]
        return any(
            name not in {"self", "cls", "request", "req"} and set(identifier_words(name)) & {"id", "pk", "uid", "slug"}
            for name in params
        )

    def _queryset_scoped_to_caller(self, fn: cst.FunctionDef) -> bool:
        """A view set whose `get_queryset` / `get_object` only finds the caller's own records
        (`ApiKey.objects.filter(owner=self.request.user)`): the record id cannot reach others'."""
        index = module_index(self.ctx)
        cls = index.class_of(fn)
        if cls is None:
            return False
        methods = index.methods(cls, "get_queryset") + index.methods(cls, "get_object")
        return any(involves_actor(self.ctx, method, method.body) for method in methods)

    def _siblings_authorize(self, fn: cst.FunctionDef) -> bool:
        """Most other endpoints of the module (at least two) check the caller's rights, not only who they are."""
        index = module_index(self.ctx)
        levels = [
            endpoint_protection(self.ctx, other).level
            for others in index.functions.values()
            for other in others
            if other is not fn and is_endpoint(self.ctx, other)
        ]
        authorized = sum(1 for level in levels if level >= 2)
        return authorized >= 2 and authorized * 2 > len(levels)

    def _path_words(self, fn: cst.FunctionDef) -> set[str]:
        words: set[str] = set()
        for decorator in fn.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call) and target.args and target.args[0].keyword is None:
                words |= node_words(self.ctx, target.args[0].value)
        return words

    def _sensitive(self, fn: cst.FunctionDef) -> bool:
        if (function_words(fn) | self._path_words(fn) | enclosing_class_words(self.ctx, fn)) & _SENSITIVE_WORDS:
            return True
        for call in own_nodes(self.ctx, fn, cst.Call):
            words = set(identifier_words(callee_name(call.func)))
            # `set_owner(...)`, `change_plan(...)`, `revoke_key(...)`: a change to something sensitive
            if (
                words & _SENSITIVE_WORDS
                and words & (_CHANGE_WORDS | {"rotate", "revoke", "transfer"})
                and not words & _LOG_WORDS
            ):
                return True
        return False

    def _self_registration(self, fn: cst.FunctionDef) -> bool:
        """`POST /users` that hashes the password the visitor chose: signing up, public by design."""
        if not function_words(fn) & {"create", "add", "new"} or not (function_words(fn) | self._path_words(fn)) & {
            "user",
            "users",
            "account",
            "accounts",
        }:
            return False
        for call in own_nodes(self.ctx, fn, cst.Call):
            words = set(identifier_words(callee_name(call.func)))
            if (
                words & {"hash", "hashpw", "make", "set", "encrypt"}
                and words & {"password", "pw", "hashpw"}
                or callee_name(call.func) in {"hashpw", "create_user"}
            ):
                return True
        return False

    def _acts_as_caller(self, fn: cst.FunctionDef) -> bool:
        """The body uses the caller's identity outside logging (`ApiKey.objects.filter(owner=request.user)`):
        it acts on the caller's own objects, which is scoping, not a missing check."""
        roots = actor_roots(self.ctx, fn) - {"request['claims']"}
        calls = own_nodes(self.ctx, fn, cst.Call)
        # `db.session.add(AuditEvent(actor_id=g.user.id))` records the caller, it does not act as them
        logged = {
            id(inner)
            for call in calls
            if set(identifier_words(callee_name(call.func))) & _LOG_WORDS
            for inner in nodes_in(call, cst.Attribute, cst.Name, cst.Subscript)
        }
        for call in calls:
            if set(identifier_words(callee_name(call.func))) & _LOG_WORDS:
                continue
            for arg in call.args:
                for inner in nodes_in(arg.value, cst.Attribute, cst.Name, cst.Subscript):
                    if id(inner) in logged:
                        continue
                    text = canonical(inner)
                    if text and any(text == r or text.startswith(r + ".") or text.startswith(r + "[") for r in roots):
                        return True
        return False
