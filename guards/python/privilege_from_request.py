"""IDG134: a role, permission, scope or admin flag copied from request input without a check."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import RequestTaint, callee_name, checked_keys, decorator_words, is_request_input, leaf_keys, mentions_any_word, node_words, nodes_in, request_taint, string_literal
from ..python_support import PythonGuard, identifier_words

PRIVILEGE_WORDS = frozenset(
    {"role", "roles", "permission", "permissions", "perms", "scope", "scopes", "privilege", "privileges", "entitlements", "grants"}
)
# Names a function reads request input by when no taint was found (`req.json`).
_REQUEST_WORDS = frozenset({"request", "req"})
# Decorators / dependencies that restrict an endpoint to administrators.
_COLLECTION_ADDS = frozenset({"append", "add", "extend", "insert", "set", "union"})
_ACTOR_WORDS = frozenset({"current", "user", "actor", "me", "principal", "caller", "g", "identity"})
_ADMIN_WORDS = frozenset({"admin", "superuser", "staff", "owner"})
_REQUIRE_WORDS = frozenset({"required", "require", "requires"})
_RIGHTS_WORDS = frozenset({"permission", "permissions", "role", "roles", "scope", "scopes", "perm", "perms"})
_MASS_ASSIGN_WORDS = frozenset({"create", "update", "save", "invite", "add", "set", "upsert", "patch", "insert", "get_or_create", "update_or_create", "encode", "issue", "mint"})


_PRIVILEGE_FLAGS = frozenset({"is_admin", "is_superuser", "is_staff", "admin", "superuser", "staff", "is_owner", "is_root", "superadmin", "is_super_admin"})
# Names that describe a privilege without holding one (template context, requirements, the actor's own role).
_NOT_A_GRANT = frozenset(
    {"required", "allowed", "current", "actor", "my", "own", "requester", "lacking", "needed", "missing", "form", "formset",
     "formsets", "url", "label", "description", "display", "help", "error", "errors"}
)


def is_privilege_name(name: str | None) -> bool:
    """`role`, `role_id`, `scopes`, `permissions`, `is_admin`... (not `adminForm`, `perms_lacking`)."""
    if not name:
        return False
    if name.lower() in _PRIVILEGE_FLAGS:
        return True
    words = set(identifier_words(name))
    return bool(words & PRIVILEGE_WORDS) and not words & _NOT_A_GRANT


class PrivilegeFromRequest(PythonGuard):
    """
    ## What it does
    Finds a role, permission, scope or admin flag taken from request input
    (Flask `request.json` / `request.form` / `request.args` / `get_json()`,
    Django `request.POST` / `request.data`, Starlette `await request.json()`,
    FastAPI body models and `role` parameters) and written into a user,
    membership, invitation or token, or `**request.json` spread into a user
    update, when the same function never compares the value with an
    allow-list or with the actor's own rights and the endpoint is not
    restricted to administrators.

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

    ## References
    CWE-269 Improper Privilege Management; CWE-915 Improperly Controlled
    Modification of Dynamically-Determined Object Attributes (mass assignment);
    OWASP API3:2023 Broken Object Property Level Authorization.
    """

    id = "IDG134"
    name = "privilege-from-request"
    title = "Privilege taken from request input without a check"
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-915"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["rbac", "invitation"],
    )
    VALID = [
        'from flask import request\n\n@app.post("/members")\ndef add_member():\n    data = request.get_json()\n    role = data.get("role", "member")\n    if role not in ASSIGNABLE_ROLES:\n        abort(403)\n    Membership.create(user_id=data["user_id"], role=role)\n',
        'from flask import request\n\n@app.put("/users/<uid>")\ndef update_user(uid):\n    user = User.get(uid)\n    user.display_name = request.json["display_name"]\n    user.save()\n',
        'from flask import request\n\n@app.post("/members")\n@admin_required\ndef set_role():\n    user = User.get(request.json["user_id"])\n    user.role = request.json["role"]\n',
        'def update(request, user):\n    if request.user.role != "admin":\n        raise PermissionDenied\n    user.role = request.data["role"]\n    user.save()\n',
        'class UserCreate(BaseModel):\n    email: str\n    password: str\n\n@router.post("/users")\ndef create(body: UserCreate, db=Depends(get_db)):\n    db.add(User(**body.dict()))\n',
        'from flask import request, abort\nfrom flask_login import current_user\n\ndef set_role(uid):\n    if not current_user.is_admin:\n        abort(403)\n    User.get(uid).role = request.json["role"]\n',
        '@router.patch("/members/{member_id}")\ndef patch_member(member_id: int, body: MemberPatch, actor: User = Depends(current_user)):\n    ensure_can_assign(actor, body.role)\n    member = get_member(member_id)\n    member.role = body.role\n',
    ]
    INVALID = [
        'from flask import request\n\n@app.put("/users/<uid>")\ndef update_user(uid):\n    user = User.get(uid)\n    user.role = request.json["role"]\n    user.save()\n',
        'def invite(request):\n    data = request.POST\n    Invitation.objects.create(email=data["email"], role=data["role"])\n',
        '@router.post("/invites")\ndef create_invite(body: InviteIn, db: Session = Depends(get_db)):\n    db.add(Invite(email=body.email, role=body.role))\n',
        'from flask import request\n\ndef register():\n    user = User(**request.json)\n    db.session.add(user)\n',
        'async def token(request):\n    form = await request.form()\n    payload = {"sub": form["client_id"], "scope": form["scope"]}\n    return jwt.encode(payload, KEY, algorithm="RS256")\n',
        'from flask import request\n\ndef grant():\n    user = User.get(request.json["user_id"])\n    user.roles.append(request.json["role"])\n',
        'class UserCreate(BaseModel):\n    email: str\n    is_admin: bool = False\n\n@router.post("/users")\ndef create(body: UserCreate, db=Depends(get_db)):\n    db.add(User(**body.dict()))\n',
        'def profile(request, user):\n    for key, value in request.data.items():\n        setattr(user, key, value)\n    user.save()\n',
        '@app.patch("/users/{uid}")\ndef patch_user(uid: int, is_admin: bool = False):\n    user = get(uid)\n    user.is_admin = is_admin\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        taint = request_taint(self.ctx, node, PRIVILEGE_WORDS | _PRIVILEGE_FLAGS)
        if not taint.names and not self._reads_request(node):
            return
        if self._admin_only(node):
            return
        sinks = list(self._sinks(node))
        self._checked_keys = checked_keys(self.ctx, node.body, inside=[value for _, _, value in sinks])
        for sink, name, value in sinks:
            if not taint.is_tainted(value) or self._checked(value, name):
                continue
            self.report(sink, f"`{name}` is set from request input without checking it against an allow-list or the actor's own rights.", fix=self._fix())
        for call in nodes_in(node.body, cst.Call):
            self._mass_assignment(call, taint)

    def _checked(self, value: cst.BaseExpression, name: str | None) -> bool:
        keys = leaf_keys(self.ctx, value)
        return bool(keys & self._checked_keys) or (name is not None and name in self._checked_keys)

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
                if words & (_REQUIRE_WORDS | {"ensure", "check", "assert", "authorize", "enforce"}) and words & (_ADMIN_WORDS | _RIGHTS_WORDS | {"access"}):
                    return True
        return False

    def _sinks(self, fn: cst.FunctionDef):  # type: ignore[no-untyped-def]
        for node in nodes_in(fn.body, cst.Assign, cst.Call, cst.DictElement):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    if isinstance(target.target, (cst.Attribute, cst.Subscript)):
                        name = self.ctx.target_name(target.target)
                        if is_privilege_name(name):
                            yield node, name, node.value
            elif isinstance(node, cst.Call):
                func = node.func
                last = callee_name(func)
                if set(identifier_words(last)) & {"check", "validate", "verify", "ensure", "get", "filter", "exclude", "has", "can", "require"}:
                    continue
                for arg in node.args:
                    if arg.keyword is not None and is_privilege_name(arg.keyword.value):
                        yield arg, arg.keyword.value, arg.value
            elif isinstance(node, cst.DictElement):
                key = string_literal(node.key)
                if is_privilege_name(key):
                    yield node, key, node.value

    def _mass_assignment(self, call: cst.Call, taint: RequestTaint) -> None:
        func = call.func
        last = callee_name(func)
        if last == "setattr" and len(call.args) >= 3:
            attribute = self.ctx.string_value(call.args[1].value)
            if taint.is_tainted(call.args[1].value):
                self.report(call, "`setattr` copies request-chosen attribute names onto the object, including role/is_admin.", fix=self._fix_mass())
            elif is_privilege_name(attribute) and taint.is_tainted(call.args[2].value) and not self._checked(call.args[2].value, attribute):
                self.report(call, f"`{attribute}` is set from request input without a check.", fix=self._fix())
            return
        if last in _COLLECTION_ADDS and isinstance(call.func, cst.Attribute):
            # user.roles.append(request.json["role"]), user.groups.add(...)
            holder = self.ctx.target_name(call.func.value)
            if is_privilege_name(holder) or holder in {"groups", "group_set"}:
                for arg in call.args:
                    if taint.is_tainted(arg.value) and not self._checked(arg.value, holder):
                        self.report(call, f"Request input is added to `{holder}` without a check.", fix=self._fix())
                        break
            return
        words = set(identifier_words(last))
        if not (words & _MASS_ASSIGN_WORDS or last[:1].isupper()):
            return
        for arg in call.args:
            spread = arg.value if arg.star == "**" else self._dict_spread(arg.value)
            if spread is not None and taint.is_tainted(spread) and not self._filtered(spread) and self._model_may_hold_privilege(spread):
                self.report(arg, f"`{last}(**...)` spreads request input into the object, so the client can set role/is_admin.", fix=self._fix_mass())
            elif last == "update" and not arg.star and arg.keyword is None and self._whole_body(arg.value, taint):
                self.report(arg, "`update(...)` applies the whole request body to the object, so the client can set role/is_admin.", fix=self._fix_mass())

    def _model_may_hold_privilege(self, spread: cst.BaseExpression) -> bool:
        """`**body.dict()` of a FastAPI body model: only when the model (defined in this
        module) declares a role/is_admin/scopes field; a model defined elsewhere is unknown
        and not reported. Raw request bodies (`**request.json`) always may."""
        if is_request_input(self.ctx, spread):
            return True
        fn = self.ctx.current_function
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

    def _whole_body(self, value: cst.BaseExpression, taint: RequestTaint) -> bool:
        # The request body itself, not one field of it (`data["name"]`, `data.get("name")`).
        if isinstance(value, (cst.Subscript, cst.SimpleString, cst.Dict)) or not taint.is_tainted(value):
            return False
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in {"get", "pop"}:
            return False
        return not self._filtered(value)

    def _filtered(self, expr: cst.BaseExpression) -> bool:
        # `**form.cleaned_data` / `**schema.load(...)` / `**body.dict(include=...)` went through a schema.
        words = node_words(self.ctx, expr)
        return bool(words & {"cleaned", "validated", "load", "include", "exclude", "model_dump", "dump"})

    @staticmethod
    def _fix() -> str:
        return (
            "Check the requested role/scope against an allow-list of assignable values and against the actor's "
            "own rights (never grant above your own role) before storing it; default to the least-privileged role."
        )

    @staticmethod
    def _fix_mass() -> str:
        return "Copy only an explicit allow-list of profile fields; never spread request input into a user/membership."
