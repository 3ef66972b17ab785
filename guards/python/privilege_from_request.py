"""IDG134: a role, permission, scope or admin flag copied from request input without a check.

One module because it is one judgement: where the value comes from (forms, serializers, models, raw
bodies, DTO spreads), where it lands (fields, grants, SQL) and which checks bless it are asked of the same
assignment; the framework-neutral parts live in support/taint.py and support/flow/."""

from __future__ import annotations

from typing import cast

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.context import PythonContext
from .support.flow.credential_kinds import flag_rank, literal_strings, privilege_rank
from .support.flow.decisions import checked_keys, leaf_keys, module_index, own_nodes
from .support.flow.denials import block_denies, checks_before
from .support.flow.protection import canonical, involves_actor
from .support.flow.words import (
    callee_name,
    decorator_words,
    file_cache,
    is_request_input,
    mentions_any_word,
    node_words,
    nodes_in,
    string_literal,
)
from .support.guard import PythonGuard
from .support.taint import InputTaint, feeds, input_taint, schema_admits
from .support.words import expression_name, identifier_words

PRIVILEGE_WORDS = frozenset(
    {
        "role",
        "roles",
        "permission",
        "permissions",
        "perms",
        "scope",
        "scopes",
        "privilege",
        "privileges",
        "entitlements",
        "grants",
    }
)
# Names a function reads request input by when no taint was found (`req.json`).
_REQUEST_WORDS = frozenset({"request", "req"})
# Decorators / dependencies that restrict an endpoint to administrators.
_COLLECTION_ADDS = frozenset({"append", "add", "extend", "insert", "set", "union"})
_ACTOR_WORDS = frozenset({"current", "user", "actor", "me", "principal", "caller", "g", "identity"})
_ADMIN_WORDS = frozenset({"admin", "superuser", "staff", "owner"})
_REQUIRE_WORDS = frozenset({"required", "require", "requires"})
_RIGHTS_WORDS = frozenset({"permission", "permissions", "role", "roles", "scope", "scopes", "perm", "perms"})
_MASS_ASSIGN_WORDS = frozenset(
    {
        "create",
        "update",
        "values",
        "save",
        "invite",
        "add",
        "set",
        "upsert",
        "patch",
        "insert",
        "get_or_create",
        "update_or_create",
        "encode",
        "issue",
        "mint",
    }
)


# Requirements that make the caller a trusted system, not a person: it provisions roles by design.
_SYSTEM_CALLER_WORDS = frozenset(
    {
        "scim",
        "idp",
        "provisioner",
        "provisioning",
        "internal",
        "machine",
        "system",
        "hmac",
        "signature",
        "signed",
        "mtls",
    }
)
_RIGHTS_CHECK_WORDS = frozenset(
    {
        "can",
        "may",
        "allowed",
        "permission",
        "permissions",
        "authorize",
        "authorized",
        "admin",
        "owner",
        "manage",
        "grant",
        "role",
        "roles",
        "rights",
    }
)
_ROUTE_DECORATORS = frozenset(
    {"get", "post", "put", "patch", "delete", "route", "api_route", "websocket", "view_config", "api_view", "action"}
)
# Calls whose keyword arguments answer the client or log, and store nothing.
_NOT_STORING = frozenset(
    {
        "jsonify",
        "json_response",
        "JSONResponse",
        "Response",
        "JsonResponse",
        "HttpResponse",
        "render",
        "render_template",
        "TemplateResponse",
        "redirect",
        "dumps",
        "info",
        "debug",
        "warning",
        "error",
        "exception",
        "log",
        "print",
        "format",
        "emit",
    }
)
# Names of the request body as a whole: never an alias of one of its fields.
_CONTAINERS = frozenset(
    {
        "request",
        "req",
        "body",
        "data",
        "payload",
        "form",
        "self",
        "cls",
        "request.json",
        "request.data",
        "request.POST",
        "request.form",
    }
)


def _value_nodes(expr: cst.CSTNode, *, skip_keys: bool = False) -> list[cst.CSTNode]:
    """Names, attributes, subscripts and calls in `expr`, leaving out the attribute names themselves
    (`role` in `actor.role` is not the variable `role`) and, with `skip_keys`, subscript keys
    (in the value `data[field]`, `field` picks the value, it is not the value)."""
    found = nodes_in(expr, cst.Name, cst.Attribute, cst.Subscript, cst.Call)
    skipped = {id(n.attr) for n in found if isinstance(n, cst.Attribute)}
    if skip_keys:
        for node in found:
            if isinstance(node, cst.Subscript):
                for element in node.slice:
                    skipped.update(id(n) for n in nodes_in(element, cst.Name, cst.Attribute, cst.Subscript, cst.Call))
    return [n for n in found if id(n) not in skipped]


def _disjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return _disjuncts(test.left) + _disjuncts(test.right)
    return [test]


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


_PRIVILEGE_FLAGS = frozenset(
    {
        "is_admin",
        "is_superuser",
        "is_staff",
        "admin",
        "superuser",
        "staff",
        "is_owner",
        "is_root",
        "superadmin",
        "is_super_admin",
    }
)
# Names that describe a privilege without holding one (template context, requirements, the actor's own role).
_NOT_A_GRANT = frozenset(
    {
        "required",
        "allowed",
        "current",
        "actor",
        "my",
        "own",
        "requester",
        "lacking",
        "needed",
        "missing",
        "form",
        "formset",
        "formsets",
        "url",
        "label",
        "description",
        "display",
        "help",
        "error",
        "errors",
    }
)


def is_privilege_name(name: str | None) -> bool:
    """`role`, `role_id`, `scopes`, `permissions`, `is_admin`... (not `adminForm`, `perms_lacking`)."""
    if not name:
        return False
    if name.lower() in _PRIVILEGE_FLAGS:
        return True
    words = set(identifier_words(name))
    return bool(words & PRIVILEGE_WORDS) and not words & _NOT_A_GRANT


_GRANTING_VERBS = frozenset({"add", "assign", "grant", "set", "attach"})


def _grants_privilege_call(name: str) -> str | None:
    """`add_roles`, `assign_role`, `grant_permissions`, `set_scopes`: a call named for granting a privilege,
    whose positional arguments are what is granted (and to whom). The privilege word, or None."""
    words = identifier_words(name)
    if not set(words) & _GRANTING_VERBS:
        return None
    privilege = [w for w in words if w in PRIVILEGE_WORDS]
    return privilege[0] if privilege and not set(words) & _NOT_A_GRANT else None


class PrivilegeFromRequest(PythonGuard):
    """
    ## What it does
    Finds a role, permission, scope, group or admin flag taken from request
    input (Flask `request.json` / `request.form` / `request.args` /
    `get_json()`, Django `request.POST` / `request.data`, Starlette
    `await request.json()`, Falcon `req.media`, Pyramid `json_body`, Tornado
    `get_argument`, FastAPI body models and parameters) and written into a
    user, membership, invitation, API key or token, unless a check before the
    write ties it to what the caller may grant. The guard compares two things:
    how privileged the caller is known to be (`@admin_required`,
    `Depends(require_admin)`, `if actor.role not in ("admin", "owner"): raise`,
    `if not current_user.is_superuser: abort(403)`), and the most privileged
    value the client can send (the top entry of an allow-list the value is
    checked against, of a `Literal`/enum body field, `True` for a flag;
    unbounded otherwise). It reports when the client can get more than the
    caller holds: at the default severity when anyone can, at medium when an
    administrator can hand out owner/superuser. A check that compares the
    value with the caller's rights (`role in GRANTABLE[actor.role]`,
    `requested <= scopes_for_user(g.user)`), a validating helper
    (`ensure_can_grant(actor, role)`) or an allow-list named for what may be
    granted (`ASSIGNABLE_ROLES`) counts as bounding it. A record the client
    only names (`invite = Invitation.get(code=body.code)`) is server data.
    Also reported: `**request.json` spread into a user update, and access
    decided by a role the client sends (`if request.headers["X-Role"] == "admin"`).
    Input is followed through the file (`guards/python/support/taint.py`): `or`
    defaults, containers, comprehensions that only drop blanks, and into a
    same-file helper's parameter (`apply_changes(user, body.model_dump(exclude_unset=True))`
    reported at the helper's `setattr`) when the caller neither narrows nor
    checks it, its body model may hold a privilege and it is no
    administrator-only endpoint.

    ## Why is this bad?
    The client chooses its own privileges: any member can send
    `{"role": "owner"}` or `is_admin=true` and become an administrator
    (mass assignment / privilege escalation).

    ## Example
    ```python
    @app.post("/orgs/<org_id>/members")
    def add_member(org_id):
        data = request.get_json()
        Membership.create(org_id=org_id, user_id=data["user_id"], role=data["role"])
    ```

    ## Use instead
    ```python
    @app.post("/orgs/<org_id>/members")
    def add_member(org_id):
        data = request.get_json()
        role = data.get("role", "member")
        if role not in ASSIGNABLE_ROLES or ROLE_RANK[role] > ROLE_RANK[current_user.role_in(org_id)]:
            abort(403)
        Membership.create(org_id=org_id, user_id=data["user_id"], role=role)
    ```
    """

    id = "IDG134"
    name = "privilege-from-request"
    title = "Privilege taken from request input without a check"
    fix_hint = (
        "Check the requested role/scope against an allow-list of assignable values and against the actor's "
        "own rights (never grant above your own role) before storing it; default to the least-privileged role."
    )
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-915"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["rbac", "invitation"],
        see_also=["OWASP API3:2023 Broken Object Property Level Authorization"],
    )
    VALID = [
        Valid(
            """
            from flask import request

            @app.post("/members")
            def add_member():
                data = request.get_json()
                role = data.get("role", "member")
                if role not in ASSIGNABLE_ROLES:
                    abort(403)
                Membership.create(user_id=data["user_id"], role=role)
            """
        ),
        Valid(
            """
            from flask import request

            @app.put("/users/<uid>")
            def update_user(uid):
                user = User.get(uid)
                user.display_name = request.json["display_name"]
                user.save()
            """
        ),
        # an administrator may hand out roles up to their own level
        Valid(
            """
            from flask import request

            @app.post("/members")
            @admin_required
            def set_role():
                role = request.json["role"]
                if role not in {"viewer", "editor", "admin"}:
                    abort(422)
                User.get(request.json["user_id"]).role = role
            """
        ),
        Valid(
            """
            def update(request, user):
                if not request.user.is_superuser:
                    raise PermissionDenied
                user.role = request.data["role"]
                user.save()
            """
        ),
        Valid(
            """
            class UserCreate(BaseModel):
                email: str
                password: str

            @router.post("/users")
            def create(body: UserCreate, db=Depends(get_db)):
                db.add(User(**body.dict()))
            """
        ),
        # whoever asks, only ordinary roles can be chosen
        Valid(
            """
            from flask import request

            def signup():
                role = request.form["role"]
                if role not in ("viewer", "commenter"):
                    abort(400)
                User.create(email=request.form["email"], role=role)
            """
        ),
        Valid(
            """
            @router.patch("/members/{member_id}")
            def patch_member(member_id: int, body: MemberPatch, actor: User = Depends(current_user)):
                ensure_can_assign(actor, body.role)
                member = get_member(member_id)
                member.role = body.role
            """
        ),
        # the role comes from a record looked up by the client's code, not from the client
        Valid(
            """
            async def accept(request):
                body = await request.json()
                invite = await invites.find(body["code"])
                await spaces.add_member(invite["space_id"], request["claims"]["sub"], role=invite["role"])
            """
        ),
        # the requested scopes must be a subset of the creator's own
        Valid(
            """
            from flask import request, g

            def create_key():
                requested = set(request.json.get("scopes") or DEFAULT_SCOPES)
                allowed = scopes_for_user(g.user)
                if not requested <= allowed:
                    abort(403)
                return ApiKey(owner_id=g.user.id, scopes=sorted(requested))
            """
        ),
        # the helper copies whatever it is given, but this body model holds no privilege
        Valid(
            """
            class ProfileIn(BaseModel):
                display_name: str | None = None

            def apply_changes(user, changes):
                for field, value in changes.items():
                    setattr(user, field, value)

            @router.patch("/me")
            def update_me(body: ProfileIn, user=Depends(current_user)):
                apply_changes(user, body.model_dump(exclude_unset=True))
            """
        ),
        # pydantic drops unknown fields: a body model without a privilege field cannot name one
        Valid(
            """
            class ProfileIn(BaseModel):
                display_name: str | None = None

            @router.patch("/me")
            def update_me(body: ProfileIn, user=Depends(current_user)):
                for key, value in body.model_dump(exclude_unset=True).items():
                    setattr(user, key, value)
            """
        ),
        # the schema restricts the role it loads
        Valid(
            """
            class UserSchema(Schema):
                email = fields.Email(required=True)
                role = fields.String(validate=validate.OneOf(["viewer", "editor"]))

            def create_user():
                data = UserSchema().load(request.get_json())
                db.session.add(User(**data))
            """
        ),
        # the allow-list keeps profile fields only
        Valid(
            """
            PROFILE_FIELDS = {"display_name", "department", "phone"}

            async def create_member(request):
                if not request.user.can_manage_members:
                    return JSONResponse({"error": "forbidden"}, status_code=403)
                payload = await request.json()
                fields = {k: v for k, v in payload.items() if k in PROFILE_FIELDS}
                return MemberService(db).add_member(request.user.tenant_id, **fields)
            """
        ),
        # the role is fixed server-side; the response dict only echoes it
        Valid(
            """
            @bp.post("/signup")
            def signup():
                data = request.get_json()
                account = Account(email=data["email"], role=DEFAULT_ROLE)
                db.session.add(account)
                body = {"id": account.id, "role": account.role}
                if data.get("role") not in (None, DEFAULT_ROLE):
                    body["note"] = "role requests are reviewed"
                return jsonify(body), 201
            """
        ),
        # a subset check against what the actor may grant bounds a granting call
        Valid(
            """
            @router.post("/agents/invite")
            async def invite_agent(body: InviteBody, agent=Depends(current_agent)):
                allowed = grantable_roles(agent)
                requested = set(body.roles)
                if not requested <= allowed:
                    raise HTTPException(status_code=403)
                user = directory.users.create({"email": body.email})
                directory.users.add_roles(user["user_id"], role_ids(sorted(requested)))
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            @router.post("/agents/invite")
            async def invite_agent(body: InviteBody, agent=Depends(current_agent)):
                user = directory.users.create({"email": body.email})
                directory.users.add_roles(user["user_id"], role_ids(directory, body.roles))
            """,
            line=4,
            message="`roles` is set from request input",
        ),
        Invalid(
            """
            @app.post("/members/<int:member_id>/role")
            def change_role(member_id):
                member = Member.query.get_or_404(member_id)
                member.assign_role(request.json["role"])
            """,
            line=4,
        ),
        Invalid(
            """
            EDITABLE = {"display_name", "department", "permissions"}

            async def create_member(request):
                if not request.user.can_manage_members:
                    return JSONResponse({"error": "forbidden"}, status_code=403)
                payload = await request.json()
                fields = {k: v for k, v in payload.items() if k in EDITABLE}
                return MemberService(db).add_member(request.user.tenant_id, **fields)
            """,
            line=8,
            message="admits `permissions`",
        ),
        Invalid(
            """
            ALLOWED = ("name", "role")

            @app.post("/users")
            def create_user():
                body = request.get_json()
                data = {k: body[k] for k in body if k in ALLOWED}
                return User.create(**data)
            """,
            line=7,
            message="admits `role`",
        ),
        Invalid(
            """
            from flask import request

            @app.put("/users/<uid>")
            def update_user(uid):
                user = User.get(uid)
                user.role = request.json["role"]
                user.save()
            """,
            line=6,
        ),
        Invalid(
            """
            def invite(request):
                data = request.POST
                Invitation.objects.create(email=data["email"], role=data["role"])
            """,
            line=3,
        ),
        Invalid(
            """
            @router.post("/invites")
            def create_invite(body: InviteIn, db: Session = Depends(get_db)):
                db.add(Invite(email=body.email, role=body.role))
            """,
            line=3,
        ),
        Invalid(
            """
            from flask import request

            def register():
                user = User(**request.json)
                db.session.add(user)
            """,
            line=4,
        ),
        Invalid(
            """
            async def token(request):
                form = await request.form()
                payload = {"sub": form["client_id"], "scope": form["scope"]}
                return jwt.encode(payload, KEY, algorithm="RS256")
            """,
            line=3,
        ),
        Invalid(
            """
            from flask import request

            def grant():
                user = User.get(request.json["user_id"])
                user.roles.append(request.json["role"])
            """,
            line=5,
        ),
        Invalid(
            """
            class UserCreate(BaseModel):
                email: str
                is_admin: bool = False

            @router.post("/users")
            def create(body: UserCreate, db=Depends(get_db)):
                db.add(User(**body.dict()))
            """,
            line=7,
        ),
        Invalid(
            """
            def profile(request, user):
                for key, value in request.data.items():
                    setattr(user, key, value)
                user.save()
            """,
            line=3,
        ),
        Invalid(
            """
            def update_member(request, member):
                for field in ("display_name", "role"):
                    if field in request.data:
                        setattr(member, field, request.data[field])
                member.save()
            """,
            line=4,
        ),
        Invalid(
            """
            @app.patch("/users/{uid}")
            def patch_user(uid: int, is_admin: bool = False):
                user = get(uid)
                user.is_admin = is_admin
            """,
            line=4,
        ),
        # an administrator can make anyone owner / superuser: nothing bounds the role (medium)
        Invalid(
            """
            from flask import request

            @app.post("/members")
            @admin_required
            def set_role():
                user = User.get(request.json["user_id"])
                user.role = request.json["role"]
            """,
            line=7,
        ),
        Invalid(
            """
            def update(request, user):
                if request.user.role != "admin":
                    raise PermissionDenied
                user.role = request.data["role"]
                user.save()
            """,
            line=4,
        ),
        # the allow-list holds a role above the actor's own
        Invalid(
            """
            Role = Literal["viewer", "editor", "admin", "owner"]

            class RoleUpdate(BaseModel):
                role: Role

            @router.patch("/members/{mid}")
            async def change_role(mid: int, body: RoleUpdate, actor=Depends(get_current_member)):
                if actor.role not in ("admin", "owner"):
                    raise HTTPException(403)
                member = await get_member(mid)
                member.role = body.role
            """,
            line=11,
        ),
        # validated against an allow-list, but nobody checks who is asking
        Invalid(
            """
            @router.put("/users/{uid}/role")
            async def set_role(uid: int, body: RoleChange, db=Depends(get_session)):
                if body.role not in {"viewer", "editor", "admin"}:
                    raise HTTPException(422)
                user = await db.get(User, uid)
                previous, user.role = user.role, body.role
            """,
            line=6,
        ),
        # access decided by a role the client sends
        Invalid(
            """
            from flask import request, abort, g

            @bp.get("/reports/<int:rid>")
            def report(rid):
                if request.headers.get("X-Effective-Role", g.user.role) not in ("analyst", "admin"):
                    abort(403)
                return load(rid)
            """,
            line=5,
        ),
        # the body reaches a same-file helper that copies every field (reported at its setattr)
        Invalid(
            """
            class ProfileIn(BaseModel):
                display_name: str | None = None
                is_admin: bool | None = None

            def apply_changes(user, changes):
                for field, value in changes.items():
                    setattr(user, field, value)

            @router.patch("/me")
            def update_me(body: ProfileIn, user=Depends(current_user)):
                apply_changes(user, body.model_dump(exclude_unset=True))
            """,
            line=7,
        ),
        # the module's own schema loads the role unrestricted
        Invalid(
            """
            class UserSchema(Schema):
                email = fields.Email(required=True)
                role = fields.String()

            def create_user():
                data = UserSchema().load(request.get_json())
                db.session.add(User(**data))
            """,
            line=7,
        ),
        # dropping blanks is not narrowing: any scope the header names is stored on the key
        Invalid(
            """
            @login_required
            def create_api_key(request):
                scopes = [s.strip() for s in request.headers.get("X-Key-Scopes", "").split(",") if s.strip()]
                return PartnerApiKey.objects.create(owner=request.user, scopes=scopes)
            """,
            line=4,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        taint = self._taint(node)
        if not taint.names and not self._reads_request(node):
            return
        floor: int | None = None
        stored: set[str] = set()
        for sink, name, value in self._sinks(node):
            if not taint.is_tainted(value):
                continue
            aliases = self._aliases(node, value)
            stored |= aliases
            if floor is None:
                floor = self._actor_floor(node)
            ceiling = self._ceiling(node, sink, name, value, aliases)
            if ceiling is None or ceiling <= 1 or ceiling <= floor:
                continue
            who = "any caller" if floor <= 1 else "an administrator"
            self.report(
                sink,
                f"`{name}` is set from request input that {who} can choose, without checking it against the "
                "actor's own rights or an allow-list of what they may grant.",
                severity=None if floor <= 1 else Severity.medium,
            )
        self._decisions(node, taint, stored)
        admin_only = self._admin_only(node)
        for call in nodes_in(node.body, cst.Call):
            self._mass_assignment(call, taint, admin_only)

    # -- the value: which names it goes by, what bounds it -------------------------------

    def _aliases(self, fn: cst.FunctionDef, value: cst.BaseExpression) -> set[str]:
        """Canonical spellings of the value: `body.role`; for `role = data.get("role", "member")` both
        `role` and `data['role']`; for `sorted(requested)`, `requested` and what it was read from."""
        out: set[str] = set()
        frontier = [value]
        for _ in range(3):
            nxt: list[cst.BaseExpression] = []
            for expr in frontier:
                for inner in _value_nodes(expr, skip_keys=True):
                    text = canonical(inner)
                    if text is None or text in out or text in _CONTAINERS:
                        continue
                    out.add(text)
                    if isinstance(inner, cst.Name):
                        nxt.extend(self.ctx.assigned_values(inner.value))
            frontier = nxt
        for assign in own_nodes(self.ctx, fn, cst.Assign):
            if canonical(assign.value) in out:
                for target in assign.targets:
                    if isinstance(target.target, cst.Name):
                        out.add(target.target.value)
        return out

    def _mentions(self, node: cst.CSTNode, aliases: set[str]) -> bool:
        return any(canonical(n) in aliases for n in _value_nodes(node))

    def _actor_derived(self, fn: cst.FunctionDef, node: cst.CSTNode) -> bool:
        """Reads the caller, directly or through a name computed from it (`allowed = scopes_for_user(g.user)`)."""
        if involves_actor(self.ctx, fn, node):
            return True
        for name in nodes_in(node, cst.Name):
            for value in self.ctx.assigned_values(name.value):
                if involves_actor(self.ctx, fn, value):
                    return True
        return False

    def _tainted_value(self, fn: cst.FunctionDef, value: cst.BaseExpression) -> bool:
        return self._taint(fn).is_tainted(value)

    # -- request input, also through the same file's helpers ------------------------------

    def _taint(self, fn: cst.FunctionDef) -> InputTaint:
        return input_taint(self.ctx, fn, PRIVILEGE_WORDS | _PRIVILEGE_FLAGS, self._fed_params(fn))

    def _fed_params(self, fn: cst.FunctionDef, depth: int = 2) -> frozenset[str]:
        """Parameters of `fn` that a caller in this file fills with request input nothing has bounded:
        `apply_changes(user, body.model_dump(exclude_unset=True))` from an endpoint any member may call."""
        if depth == 0 or not fn.params.params and not fn.params.kwonly_params:
            return frozenset()
        cache = file_cache(self.ctx)
        key = ("IDG134 fed", id(fn), depth)
        fed = cache.get(key)
        if fed is None:
            cache[key] = frozenset()  # a call cycle feeds nothing new
            live = set()
            for feed in feeds(self.ctx, fn):
                if feed.param in live or any(
                    a.value is feed.value and a.keyword is not None and is_privilege_name(a.keyword.value)
                    for a in feed.call.args
                ):
                    continue  # `add_member(..., role=body.role)` is judged at the call, in the caller
                caller_taint = input_taint(
                    self.ctx, feed.caller, PRIVILEGE_WORDS | _PRIVILEGE_FLAGS, self._fed_params(feed.caller, depth - 1)
                )
                if caller_taint.is_tainted(feed.value) and self._unbounded_in_caller(feed.caller, feed.value):
                    live.add(feed.param)
            fed = cache[key] = frozenset(live)
        return fed

    def _unbounded_in_caller(self, caller: cst.FunctionDef, value: cst.BaseExpression) -> bool:
        """The caller hands the input on as the client sent it: no schema narrowed it, its model may
        hold a privilege, the caller is no administrator-only endpoint and compares nothing about it."""
        if self._filtered(value) or not self._model_may_hold_privilege(value, caller) or self._admin_only(caller):
            return False
        if leaf_keys(self.ctx, value) & checked_keys(self.ctx, caller.body):
            return False
        # `if data.get("role") not in ASSIGNABLE: abort(400)` before `_update_user(user, data)`
        roots = {n.value for n in _value_nodes(value) if isinstance(n, cst.Name)}
        for comparison in nodes_in(caller.body, cst.Comparison):
            names = {n.value for n in _value_nodes(comparison) if isinstance(n, cst.Name)}
            if names & roots and (leaf_keys(self.ctx, comparison) | node_words(self.ctx, comparison)) & (
                PRIVILEGE_WORDS | _PRIVILEGE_FLAGS
            ):
                return False
        return True

    def _ceiling(
        self,
        fn: cst.FunctionDef,
        sink: cst.CSTNode,
        name: str | None,
        value: cst.BaseExpression,
        aliases: set[str],
        depth: int = 1,
    ) -> int | None:
        """The most privileged value the client can get stored: None when a check ties it to the
        actor's rights (or to an allow-list named for what may be granted, or to a validating helper);
        else the rank of the top entry of an allow-list it is checked against, of a `Literal`/enum body
        field, of a flag; 3 when nothing bounds it."""
        bounds: list[int] = []
        for check in checks_before(self.ctx, fn, sink, 1):
            if check.test is None:
                call = check.call
                if call is not None and any(self._mentions(a.value, aliases) for a in call.args):
                    return None  # `ensure_can_grant(actor, role)`, `validate_role(role)`
                continue
            if check.via is not None or not self._mentions(check.test, aliases):
                continue
            if self._actor_derived(fn, check.test):
                return None
            bound = self._allow_list_bound(check, aliases)
            if bound == -1:
                return None
            if bound is not None:
                bounds.append(bound)
        if bounds:
            return min(bounds)
        if isinstance(value, cst.Name) and depth > 0:
            # `role = "reader"` / `if request.form.get("role") in ("reader", "writer"): role = request.form["role"]`:
            # each assignment of the input is judged where it happens
            sources = [
                a
                for a in own_nodes(self.ctx, fn, cst.Assign)
                if any(isinstance(t.target, cst.Name) and t.target.value == value.value for t in a.targets)
            ]
            tainted = [a for a in sources if self._tainted_value(fn, a.value)]
            if tainted and len(tainted) < 8:
                ceilings = [self._ceiling(fn, a, name, a.value, aliases, depth - 1) for a in tainted]
                if all(c is not None for c in ceilings):
                    return max(ceilings)  # type: ignore[type-var]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                return None if all(c is None for c in ceilings) else max(c for c in ceilings if c is not None)
        if flag_rank(name) is not None:
            return flag_rank(name)
        field = self._model_field_bound(fn, value)
        return field if field is not None else 3

    def _allow_list_bound(self, check, aliases: set[str]) -> int | None:
        """`if role not in {"viewer", "editor"}: abort(400)` -> the rank of "editor"; -1 for an allow-list
        named for what may be granted (`ASSIGNABLE_ROLES`) or one this module does not spell out."""
        for comparison in nodes_in(check.test, cst.Comparison):
            if len(comparison.comparisons) != 1 or not self._mentions(comparison.left, aliases):
                continue
            target = comparison.comparisons[0]
            operator = target.operator
            if (
                isinstance(operator, cst.NotIn)
                and not check.positive
                or isinstance(operator, cst.In)
                and check.positive
                # `requested <= allowed` (subset) bounds a set of values whichever way the test is written
                or isinstance(operator, (cst.LessThanEqual, cst.LessThan))
                and not isinstance(target.comparator, (cst.Integer, cst.Float, cst.Call))
            ):
                if is_request_input(self.ctx, target.comparator) or self._tainted_value(
                    self.ctx.current_function,  # type: ignore[arg-type]  # a Lambda is judged like a function here
                    target.comparator,
                ):
                    continue  # `if field in request.data`: the input checked against itself
                values = literal_strings(self.ctx, target.comparator)
                if values is None:
                    return -1
                return max((privilege_rank(self.ctx, v) for v in values), default=1)
            if isinstance(operator, cst.Equal) and check.positive:
                text = self.ctx.string_value(target.comparator)
                if text is not None:
                    return privilege_rank(self.ctx, text)
        return None

    def _model_field_bound(self, fn: cst.FunctionDef, value: cst.BaseExpression) -> int | None:
        """`body.role` where `body: RoleUpdate` and `RoleUpdate.role: Literal["viewer", "editor"]` (or an
        enum of this module): the rank of its top value; None when the field is not known to be bounded."""
        if not isinstance(value, cst.Attribute) or not isinstance(value.value, cst.Name):
            return None
        params = {p.name.value: p for p in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]}
        param = params.get(value.value.value)
        if param is None or param.annotation is None or not isinstance(param.annotation.annotation, cst.Name):
            return None
        index = module_index(self.ctx)
        model = index.classes.get(param.annotation.annotation.value)
        if model is None:
            return None
        for field in nodes_in(model.body, cst.AnnAssign):
            if not (isinstance(field.target, cst.Name) and field.target.value == value.attr.value):
                continue
            annotation = field.annotation.annotation
            values = literal_strings(self.ctx, annotation)
            if values is None and isinstance(annotation, cst.Name) and annotation.value in index.classes:
                enum = index.classes[annotation.value]
                values = [
                    v for a in nodes_in(enum.body, cst.Assign) if (v := self.ctx.string_value(a.value)) is not None
                ] or None
            return max(privilege_rank(self.ctx, v) for v in values) if values else None
        return None

    # -- the actor: how privileged the caller is known to be -----------------------------

    def _actor_floor(self, fn: cst.FunctionDef) -> int:
        """0 for anyone, 1 for a signed-in caller with an ordinary role, 2 for an administrator, 3 for an
        owner / superuser: the least the caller must be for the function to get past its checks."""
        floor = 0
        sources: list[cst.CSTNode] = [d.decorator for d in fn.decorators]
        for param in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]:
            if isinstance(param.default, cst.Call) and callee_name(param.default.func) in {"Depends", "Security"}:
                sources.append(param.default)
        for source in sources:
            floor = max(floor, self._rank_of_requirement(source))
        for check in checks_before(self.ctx, fn, None, 1):
            if check.via is not None:
                continue
            if check.test is None:
                call = check.call
                if call is not None and any(involves_actor(self.ctx, fn, a.value) for a in call.args):
                    floor = max(floor, self._rank_of_requirement(call) or 1)
                continue
            if involves_actor(self.ctx, fn, check.test):
                floor = max(floor, self._rank_of_test(fn, check.test, check.positive))
        return floor

    def _rank_of_requirement(self, node: cst.CSTNode) -> int:
        """`@admin_required` -> 2, `Depends(require_role("db-approver"))` -> 1, `@superuser_required` -> 3,
        `@permission_required("auth.change_user")` -> 2, `@login_required` -> 1,
        `@permission_classes([IsAuthenticated])` -> 1; a route decorator counts by its dependencies."""
        if isinstance(node, cst.Call):
            name = callee_name(node.func)
            classes = PythonContext.kwarg(node, "permission_classes")
            if name == "permission_classes" and node.args:
                classes = node.args[0].value
            if classes is not None:
                return self._rank_of_classes(classes)
            if name in _ROUTE_DECORATORS:
                dependencies = PythonContext.kwarg(node, "dependencies")
                return (
                    max(
                        (
                            self._rank_of_requirement(d)
                            for d in nodes_in(dependencies, cst.Call)
                            if callee_name(d.func) in {"Depends", "Security"}
                        ),
                        default=0,
                    )
                    if dependencies is not None
                    else 0
                )
        words = node_words(self.ctx, node) - {"depends", "security"}
        if words & {"superuser", "owner", "root", "superadmin"}:
            return 3
        if words & _SYSTEM_CALLER_WORDS:
            return 3  # the caller is the IdP or another trusted system (SCIM provisioning, an internal service)
        if words & {"admin", "staff", "administrator", "superusers"}:
            return 2
        strings = [t for t in (self.ctx.string_value(n) for n in nodes_in(node, cst.SimpleString)) if t]
        if words & {"role", "roles", "group", "groups"} and strings:
            return min(privilege_rank(self.ctx, t) for t in strings)
        if words & {"permission", "permissions", "perm", "perms", "scope", "scopes", "passes"} and words & {
            "required",
            "require",
            "requires",
            "test",
            "classes",
        }:
            return 2
        if words & {"login", "authenticated", "user", "current", "member", "auth"}:
            return 1
        return 0

    def _rank_of_classes(self, classes: cst.BaseExpression) -> int:
        """DRF permission classes: `IsAdminUser` -> 2, `IsAuthenticated` -> 1, `AllowAny` -> 0, others -> 2."""
        resolved = self.ctx.resolve(classes)
        elements = [e.value for e in resolved.elements] if isinstance(resolved, (cst.List, cst.Tuple)) else [resolved]
        best = 0
        for element in elements:
            words = node_words(self.ctx, element)  # type: ignore[arg-type]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
            if words & {"superuser"}:
                rank = 3
            elif words & {"admin", "staff"}:
                rank = 2
            elif words & {"authenticated"}:
                rank = 1
            elif words & {"allow", "any"} or not words:
                rank = 0
            else:
                rank = 2  # a custom permission class checks something about the caller's rights
            best = max(best, rank)
        return best

    def _rank_of_test(self, fn: cst.FunctionDef, test: cst.BaseExpression, positive: bool) -> int:
        """What a check demands of the caller: `if actor.role not in ("admin", "owner"): raise` -> 2,
        `if not current_user.is_superuser: abort(403)` -> 3, `if not can_manage(actor, org): raise` -> 2."""
        best = 0
        for part in _conjuncts(test) if positive else _disjuncts(test):
            negated = isinstance(part, cst.UnaryOperation) and isinstance(part.operator, cst.Not)
            inner = part.expression if negated else part  # type: ignore[attr-defined]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
            if not involves_actor(self.ctx, fn, inner):
                continue
            demands = negated != positive  # `if not actor.is_admin: raise` demands is_admin
            if isinstance(inner, cst.Comparison) and len(inner.comparisons) == 1:
                target = inner.comparisons[0]
                if not involves_actor(self.ctx, fn, inner.left):
                    continue
                keeps = isinstance(target.operator, (cst.In, cst.Equal))
                if keeps == demands:  # the caller's value must be one of these
                    values = literal_strings(self.ctx, target.comparator)
                    if values:
                        best = max(best, min(privilege_rank(self.ctx, v) for v in values))
                continue
            if demands:
                text = canonical(inner) or ""
                rank = flag_rank(text.rsplit(".", 1)[-1]) if text else None
                if rank is not None:
                    best = max(best, rank)
                elif isinstance(inner, (cst.Call, cst.Await)) and node_words(self.ctx, inner) & _RIGHTS_CHECK_WORDS:
                    best = max(best, 2)
        return best

    # -- access decided by a client-sent role ----------------------------------------------

    def _decisions(self, fn: cst.FunctionDef, taint: InputTaint, stored: set[str]) -> None:
        """`if request.headers.get("X-Effective-Role") not in ("analyst", "admin"): abort(403)`: the client names
        its own role and the check trusts it. A value that is then stored is being validated, not trusted."""
        for if_node in own_nodes(self.ctx, fn, cst.If):
            other = if_node.orelse.body if isinstance(if_node.orelse, cst.Else) else None
            if not (block_denies(self.ctx, if_node.body) or block_denies(self.ctx, other)):
                continue  # a filter (`if role == "admin": query = query.filter(...)`), not an access check
            for comparison in nodes_in(if_node.test, cst.Comparison):
                key = self._input_privilege_key(comparison.left, taint)
                if key is None or canonical(comparison.left) in stored:
                    continue
                values: list[str] = []
                for target in comparison.comparisons:
                    values += literal_strings(self.ctx, target.comparator) or []
                if values and max(privilege_rank(self.ctx, v) for v in values) >= 2:
                    self.report(
                        if_node,
                        f"Access is decided by `{key}` taken from the request: the client chooses its own role.",
                        fix=self._fix_decision(),
                    )
                    break

    def _input_privilege_key(self, expr: cst.BaseExpression, taint: InputTaint) -> str | None:
        fn = self.ctx.current_function
        if isinstance(expr, cst.Name) and expr.value in taint.names and isinstance(fn, cst.FunctionDef):
            # an endpoint parameter read from the header, query or cookie (`x_role: str = Header()`)
            params = {p.name.value for p in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]}
            return expr.value if expr.value in params and is_privilege_name(expr.value) else None
        if not is_request_input(self.ctx, expr):
            return None
        key = None
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value in {"get", "getlist"}
            and expr.args
        ):
            key = self.ctx.string_value(expr.args[0].value)
        elif isinstance(expr, cst.Subscript):
            key = expression_name(expr)
        return key if is_privilege_name(key) else None

    # -- where a privilege is stored -----------------------------------------------------

    def _reads_request(self, fn: cst.FunctionDef) -> bool:
        return mentions_any_word(self.ctx, fn.body, _REQUEST_WORDS)

    def _admin_only(self, fn: cst.FunctionDef) -> bool:
        if self._checks_actor_rights(fn):
            return True
        words = decorator_words(self.ctx, fn)
        if words & _ADMIN_WORDS or (words & _REQUIRE_WORDS and words & _RIGHTS_WORDS):
            return True  # @admin_required, @permission_required("auth.change_user"), IsAdminUser
        every = [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]
        for param in every:
            if isinstance(param.default, cst.Call) and node_words(self.ctx, param.default) & {"depends", "security"}:
                words = node_words(self.ctx, param.default) - {"depends", "security"}
                if words & {"admin", "superuser", "owner", "permission", "require", "requires", "staff"}:
                    return True
        return False

    def _checks_actor_rights(self, fn: cst.FunctionDef) -> bool:
        """`if not current_user.is_admin: abort(403)`, `require_admin(request.user)`,
        `check_permission(g.user, "members:write")` before the assignment."""
        for node in nodes_in(fn.body, cst.If, cst.Assert):
            words = node_words(self.ctx, node.test)
            if words & _ACTOR_WORDS and words & (_ADMIN_WORDS | _RIGHTS_WORDS | {"can", "allowed", "authorized"}):
                return True
        for stmt in nodes_in(fn.body, cst.Expr):
            if isinstance(stmt.value, cst.Call):
                words = set(identifier_words(callee_name(stmt.value.func)))
                if words & (_REQUIRE_WORDS | {"ensure", "check", "assert", "authorize", "enforce"}) and words & (
                    _ADMIN_WORDS | _RIGHTS_WORDS | {"access"}
                ):
                    return True
        return False

    def _sinks(self, fn: cst.FunctionDef):
        """(node to report, privilege name, value) for every place a privilege is stored or granted:
        attribute / item assignments (also `previous, user.role = user.role, body.role`), keyword
        arguments of creating calls, `setattr(user, "role", v)`, `user.roles.append(v)`, dict entries
        of a token payload or record (not of a response)."""
        answering: set[int] = set()
        for node in nodes_in(fn.body, cst.Return, cst.Call):
            if isinstance(node, cst.Return) and node.value is not None:
                answering.update(id(d) for d in nodes_in(node.value, cst.DictElement))
            elif isinstance(node, cst.Call) and callee_name(node.func) in _NOT_STORING:
                answering.update(id(d) for d in nodes_in(node, cst.DictElement, cst.Arg))
        answering.update(self._response_dict_entries(fn))
        for node in nodes_in(fn.body, cst.Assign, cst.Call, cst.DictElement):
            if id(node) in answering:
                continue
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    pairs = [(target.target, node.value)]
                    if (
                        isinstance(target.target, cst.Tuple)
                        and isinstance(node.value, cst.Tuple)
                        and len(target.target.elements) == len(node.value.elements)
                    ):
                        # A tuple target's elements are assignment targets (Element.value is typed as any expression).
                        pairs = [
                            (cast(cst.BaseAssignTargetExpression, t.value), v.value)
                            for t, v in zip(target.target.elements, node.value.elements, strict=False)
                        ]
                    for where, value in pairs:
                        if isinstance(where, (cst.Attribute, cst.Subscript)):
                            name = self.ctx.target_name(where)
                            if is_privilege_name(name):
                                yield node, name, value
            elif isinstance(node, cst.Call):
                func = node.func
                last = callee_name(func)
                if last == "setattr" and len(node.args) >= 3:
                    for attribute in self._attribute_names(fn, node.args[1].value):
                        if is_privilege_name(attribute):
                            yield node, attribute, node.args[2].value
                            break
                    continue
                if last in _COLLECTION_ADDS and isinstance(func, cst.Attribute):
                    holder = self.ctx.target_name(func.value)  # user.roles.append(v), user.groups.add(v)
                    if is_privilege_name(holder) or holder in {"groups", "group_set"}:
                        for arg in node.args:
                            yield node, holder, arg.value
                    continue
                if set(identifier_words(last)) & {
                    "check",
                    "validate",
                    "verify",
                    "ensure",
                    "get",
                    "filter",
                    "exclude",
                    "has",
                    "can",
                    "require",
                }:
                    continue
                granting = _grants_privilege_call(last)
                positional = [a for a in node.args if a.keyword is None and not a.star]
                # `add_roles(user_id, roles)`: with two or more, the first names who receives them
                grantee = positional[0] if len(positional) > 1 else None
                for arg in node.args:
                    if arg.keyword is not None and is_privilege_name(arg.keyword.value):
                        yield arg, arg.keyword.value, arg.value
                    elif granting is not None and arg in positional and arg is not grantee:
                        # mgmt.users.add_roles(user_id, body.roles); through a look-up helper
                        # (`role_ids(mgmt, body.roles)`) what is granted is the helper's arguments
                        inner = arg.value
                        values = [a.value for a in inner.args if not a.star] if isinstance(inner, cst.Call) else [inner]
                        for value in values:
                            yield node, granting, value
            elif isinstance(node, cst.DictElement):
                key = string_literal(node.key)
                if is_privilege_name(key):
                    yield node, key, node.value

    def _response_dict_entries(self, fn: cst.FunctionDef) -> set[int]:
        """The entries of a dict built in a local name that only answers the client: `body = {"role":
        account.role}` later returned or passed to `jsonify(body)`, and given to no other call."""
        answered: set[str] = set()
        other: set[str] = set()
        for node in nodes_in(fn.body, cst.Return, cst.Call):
            if isinstance(node, cst.Return):
                value = node.value
                returned = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
                answered.update(v.value for v in returned if isinstance(v, cst.Name))
                continue
            names = {a.value.value for a in node.args if isinstance(a.value, cst.Name)}
            (answered if callee_name(node.func) in _NOT_STORING else other).update(names)
        entries: set[int] = set()
        for assign in own_nodes(self.ctx, fn, cst.Assign):
            if (
                isinstance(assign.value, cst.Dict)
                and len(assign.targets) == 1
                and isinstance(assign.targets[0].target, cst.Name)
                and assign.targets[0].target.value in answered - other
            ):
                entries.update(id(d) for d in nodes_in(assign.value, cst.DictElement))
        return entries

    def _attribute_names(self, fn: cst.FunctionDef, expr: cst.BaseExpression) -> list[str]:
        """`"role"`, or every name of `for field in ("display_name", "role"): setattr(user, field, ...)`."""
        text = self.ctx.string_value(expr)
        if text is not None:
            return [text]
        if isinstance(expr, cst.Name):
            for loop in own_nodes(self.ctx, fn, cst.For):
                if isinstance(loop.target, cst.Name) and loop.target.value == expr.value:
                    return literal_strings(self.ctx, loop.iter) or []
        return []

    def _mass_assignment(self, call: cst.Call, taint: InputTaint, admin_only: bool = False) -> None:
        """Request input spread into an object. Behind an administrator or member-manager check only an
        allow-list that admits a privilege field is reported (medium): the check says who may edit
        members, not which permissions they may hand out."""
        func = call.func
        last = callee_name(func)
        if admin_only:
            if set(identifier_words(last)) & _MASS_ASSIGN_WORDS or last[:1].isupper():
                for arg in call.args:
                    spread = arg.value if arg.star == "**" else self._dict_spread(arg.value)
                    admitted = self._allow_list_admits_privilege(spread, taint) if spread is not None else None
                    if admitted is not None:
                        self._report_admitted(arg, last, admitted, Severity.medium)
            return
        if last == "setattr" and len(call.args) >= 3:
            if taint.is_tainted(call.args[1].value) and self._names_may_be_privileged(call.args[1].value):
                self.report(
                    call,
                    "`setattr` copies request-chosen attribute names onto the object, including role/is_admin.",
                    fix=self._fix_mass(),
                )
            return
        words = set(identifier_words(last))
        if not (words & _MASS_ASSIGN_WORDS or last[:1].isupper()):
            return
        for arg in call.args:
            spread = arg.value if arg.star == "**" else self._dict_spread(arg.value)
            if (
                spread is not None
                and taint.is_tainted(spread)
                and not self._filtered(spread)
                and self._model_may_hold_privilege(spread)
            ):
                self.report(
                    arg,
                    f"`{last}(**...)` spreads request input into the object, so the client can set role/is_admin.",
                    fix=self._fix_mass(),
                )
            elif spread is not None and (admitted := self._allow_list_admits_privilege(spread, taint)) is not None:
                self._report_admitted(arg, last, admitted, None)
            elif last == "update" and not arg.star and arg.keyword is None and self._whole_body(arg.value, taint):
                self.report(
                    arg,
                    "`update(...)` applies the whole request body to the object, so the client can set role/is_admin.",
                    fix=self._fix_mass(),
                )

    def _report_admitted(self, arg: cst.Arg, call: str, field: str, severity: Severity | None) -> None:
        self.report(
            arg,
            f"`{call}(**...)` spreads request fields kept by an allow-list that admits `{field}`, so the client "
            "chooses it.",
            fix="Take privilege fields out of the allow-list and grant them through a checked path (the actor's "
            "own rights, an allow-list of assignable values).",
            severity=severity,
        )

    def _allow_list_admits_privilege(self, spread: cst.BaseExpression, taint: InputTaint) -> str | None:
        """`fields = {k: v for k, v in payload.items() if k in ALLOWED_FIELDS}` where the allow-list itself
        holds a privilege field (`"permissions"`): the filter keeps the client's choice of it. The field
        named, or None."""
        fn = self.ctx.current_function
        if not isinstance(fn, cst.FunctionDef):
            return None
        value: cst.BaseExpression | None = spread
        if isinstance(spread, cst.Name):
            value = None
            for assign in own_nodes(self.ctx, fn, cst.Assign):
                if any(isinstance(t.target, cst.Name) and t.target.value == spread.value for t in assign.targets):
                    value = assign.value
        if not isinstance(value, cst.DictComp) or not taint.is_tainted(value.for_in.iter):
            return None
        for condition in value.for_in.ifs:
            for comparison in nodes_in(condition.test, cst.Comparison):
                for target in comparison.comparisons:
                    if not isinstance(target.operator, cst.In):
                        continue
                    for field in literal_strings(self.ctx, target.comparator) or []:
                        if is_privilege_name(field):
                            return field
        return None

    def _names_may_be_privileged(self, name: cst.BaseExpression) -> bool:
        """`for key, value in body.model_dump().items(): setattr(user, key, value)`: the names come from the
        body model, and a model without a privilege field cannot name one (pydantic drops unknown fields)."""
        fn = self.ctx.current_function
        if not isinstance(name, cst.Name) or not isinstance(fn, cst.FunctionDef):
            return True
        for loop in own_nodes(self.ctx, fn, cst.For):
            if any(n.value == name.value for n in nodes_in(loop.target, cst.Name)):
                root = loop.iter
                while isinstance(root, (cst.Call, cst.Attribute)):
                    root = root.func if isinstance(root, cst.Call) else root.value
                params = {p.name.value: p for p in [*fn.params.params, *fn.params.kwonly_params]}
                param = params.get(root.value) if isinstance(root, cst.Name) else None
                annotation = param.annotation.annotation if param is not None and param.annotation is not None else None
                if isinstance(annotation, cst.Name) and annotation.value in module_index(self.ctx).classes:
                    return self._model_may_hold_privilege(loop.iter, fn)
        return True

    def _model_may_hold_privilege(self, spread: cst.BaseExpression, fn: cst.FunctionDef | None = None) -> bool:
        """`**body.dict()` of a FastAPI body model: only when the model (defined in this
        module) declares a role/is_admin/scopes field; a model defined elsewhere is unknown
        and not reported. Raw request bodies (`**request.json`) always may."""
        if is_request_input(self.ctx, spread):
            return True
        fn = fn or self.ctx.current_function  # type: ignore[assignment]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
        root = spread
        while isinstance(root, (cst.Call, cst.Attribute)):
            root = root.func if isinstance(root, cst.Call) else root.value
        if not isinstance(root, cst.Name) or not isinstance(fn, cst.FunctionDef):
            return True
        params = {p.name.value: p for p in [*fn.params.params, *fn.params.kwonly_params]}
        param = params.get(root.value)
        if param is None or param.annotation is None:
            return True
        annotation = param.annotation.annotation
        model = annotation.value if isinstance(annotation, cst.Name) else None
        for cls in nodes_in(self.ctx.module, cst.ClassDef):
            if cls.name.value == model:
                fields = [self.ctx.target_name(a.target) for a in nodes_in(cls.body, cst.AnnAssign)]
                return any(is_privilege_name(f) for f in fields)
        return False

    def _dict_spread(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        """`dict(**payload)` / `{**payload}` -> payload."""
        if isinstance(value, cst.Call) and self.ctx.call_name(value) in {"dict", "builtins.dict"}:
            for arg in value.args:
                if arg.star == "**":
                    return arg.value
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if isinstance(element, cst.StarredDictElement):
                    return element.value
        return None

    def _whole_body(self, value: cst.BaseExpression, taint: InputTaint) -> bool:
        # The request body itself, not one field of it (`data["name"]`, `data.get("name")`).
        if isinstance(value, (cst.Subscript, cst.SimpleString, cst.Dict)) or not taint.is_tainted(value):
            return False
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value in {"get", "pop"}
        ):
            return False
        return not self._filtered(value)

    def _filtered(self, expr: cst.BaseExpression) -> bool:
        # `**form.cleaned_data` / `**schema.load(...)` / `**body.dict(include={...})` went through a schema;
        # `model_dump(exclude_unset=True)` only drops what the client left out.
        if node_words(self.ctx, expr) & {"cleaned", "validated", "load", "loads"}:
            return not schema_admits(self.ctx, expr, PRIVILEGE_WORDS | _PRIVILEGE_FLAGS)
        return any(
            arg.keyword is not None and arg.keyword.value in {"include", "exclude"} for arg in nodes_in(expr, cst.Arg)
        )

    @staticmethod
    def _fix_decision() -> str:
        return "Decide access from the authenticated identity's stored roles (or verified token claims), never from a header, query or body field."

    @staticmethod
    def _fix_mass() -> str:
        return "Copy only an explicit allow-list of profile fields; never spread request input into a user/membership."
