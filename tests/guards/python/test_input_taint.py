"""The intra-file request-input taint (guards/python/support/taint.py) and IDG134 built on it: input
followed through assignments, `or` defaults, containers, comprehensions and into same-file
helpers, stopped by allow-lists and by what the caller checks."""

from __future__ import annotations

import libcst as cst
from idguard.guards import Policy, check_code
from idguard.guards.python.support.context import PythonContext
from idguard.guards.python.support.taint import feeds, input_taint


def _context(code: str) -> tuple[PythonContext, dict[str, cst.FunctionDef]]:
    module = cst.parse_module(code)
    ctx = PythonContext(module, "auth/x.py", Policy())
    functions = {n.name.value: n for n in module.body if isinstance(n, cst.FunctionDef)}
    for node in module.body:
        if isinstance(node, cst.ClassDef):
            functions.update(
                {f"{node.name.value}.{m.name.value}": m for m in node.body.body if isinstance(m, cst.FunctionDef)}
            )
    return ctx, functions


def _lines(code: str, guard_id: str = "IDG134") -> list[int]:
    return sorted(
        f.line for f in check_code(code, path="auth/views.py").findings if f.guard_id == guard_id and not f.suppressed
    )


def test_taint_follows_defaults_containers_and_comprehensions():
    ctx, fns = _context(
        "def view(request):\n"
        "    groups = request.POST.getlist('groups') or ['partners']\n"
        "    payload = {'groups': groups, 'name': 'x'}\n"
        "    scopes = [s.strip() for s in request.headers.get('X-Scopes', '').split(',') if s.strip()]\n"
        "    picked = [s for s in scopes if s in PUBLIC_SCOPES]\n"
        "    granted = set(scopes) & client.scopes\n"
        "    name = 'fixed'\n"
    )
    taint = input_taint(ctx, fns["view"])
    assert {"groups", "payload", "scopes"} <= taint.names
    assert not {"picked", "granted", "name"} & taint.names


def test_feeds_bind_positional_keyword_and_method_arguments():
    ctx, fns = _context(
        "class Service:\n"
        "    def apply(self, user, changes):\n"
        "        pass\n"
        "    def run(self, request):\n"
        "        self.apply(request.user, changes=request.json)\n"
        "def helper(a, b):\n"
        "    pass\n"
        "def view(request):\n"
        "    helper(1, request.json)\n"
        "    helper(*request.json)\n"
    )
    bound = {(f.param, cst.Module([]).code_for_node(f.value)) for f in feeds(ctx, fns["Service.apply"])}
    assert bound == {("user", "request.user"), ("changes", "request.json")}
    assert {(f.param, f.caller.name.value) for f in feeds(ctx, fns["helper"])} == {("a", "view"), ("b", "view")}
    assert input_taint(ctx, fns["helper"], params=frozenset({"b"})).names == {"b"}


PROFILE = """from fastapi import APIRouter, Depends
from pydantic import BaseModel

router = APIRouter()

class ProfileUpdate(BaseModel):
    display_name: str | None = None
    {extra}

def apply_changes(user, changes: dict):
    for field, value in changes.items():
        setattr(user, field, value)
    return user

@router.patch("/me")
async def update_me(body: ProfileUpdate, user=Depends(current_user)):
    apply_changes(user, body.model_dump(exclude_unset=True))
"""


def test_request_body_reaches_a_setattr_helper():
    assert _lines(PROFILE.format(extra="is_admin: bool | None = None")) == [12]


def test_helper_fed_a_model_without_privilege_fields_is_clean():
    assert _lines(PROFILE.format(extra="timezone: str | None = None")) == []


def test_helper_fed_by_an_admin_endpoint_that_checks_the_changes_is_clean():
    code = PROFILE.format(extra="is_admin: bool | None = None").replace(
        '@router.patch("/me")\nasync def update_me(body: ProfileUpdate, user=Depends(current_user)):\n'
        "    apply_changes(user, body.model_dump(exclude_unset=True))\n",
        '@router.patch("/admin/users/{uid}")\nasync def admin_update(uid: int, body: ProfileUpdate, admin=Depends(require_admin)):\n'
        "    changes = body.model_dump(exclude_unset=True)\n"
        '    if changes.get("is_admin") and not admin.is_superuser:\n'
        "        raise HTTPException(403)\n"
        "    apply_changes(await load(uid), changes)\n",
    )
    assert _lines(code) == []


KEYS = """from django.contrib.auth.decorators import login_required
from .models import PartnerApiKey

@login_required
def create_api_key(request):
    scopes = [s.strip() for s in request.headers.get("X-Key-Scopes", "orders:read").split(",") if s.strip()]
{check}    key = PartnerApiKey.objects.create(
        owner=request.user,
        scopes=scopes,
    )
    return key
"""


def test_header_scopes_stored_on_a_key_are_reported():
    assert _lines(KEYS.format(check="")) == [9]


def test_header_scopes_capped_by_the_callers_own_are_clean():
    check = "    if not set(scopes) <= effective_scopes(request.user):\n        return HttpResponseForbidden()\n"
    assert _lines(KEYS.format(check=check)) == []


HELPER = """from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ASSIGNABLE = {{"viewer", "editor"}}

def _update_user(user, data):
    user.display_name = data.get("display_name", user.display_name)
    user.role = data.get("role", user.role)

@app.put("/users/<int:uid>")
def update(uid):
    data = request.get_json()
{check}    _update_user(load(uid), data)
    return jsonify(ok=True)
"""


def test_a_role_written_by_a_helper_from_the_request_body_is_reported_in_the_helper():
    assert _lines(HELPER.format(check="")) == [8]


def test_a_role_the_caller_checked_before_calling_the_helper_is_clean():
    check = '    if data.get("role") not in ASSIGNABLE:\n        abort(400)\n'
    assert _lines(HELPER.format(check=check)) == []


def test_a_role_passed_by_keyword_is_reported_once_at_the_call():
    code = (
        "from fastapi import APIRouter, Depends\n"
        "from pydantic import BaseModel\n"
        "\n"
        "class MemberIn(BaseModel):\n"
        "    user_id: int\n"
        "    role: str\n"
        "\n"
        "def add_member(db, org_id, *, user_id, role):\n"
        "    db.add(Membership(org_id=org_id, user_id=user_id, role=role))\n"
        "\n"
        '@router.post("/orgs/{org_id}/members")\n'
        "def create_member(org_id: int, body: MemberIn, user=Depends(current_user), db=Depends(get_db)):\n"
        "    add_member(db, org_id, user_id=body.user_id, role=body.role)\n"
    )
    assert _lines(code) == [13]


SCHEMA = """from flask import request
from marshmallow import Schema, fields, validate

class UserSchema(Schema):
    email = fields.Email(required=True)
    role = fields.String({restriction})

@bp.post("/users")
def create_user():
    data = UserSchema().load(request.get_json())
    user = User(**data)
    db.session.add(user)
"""


def test_a_schema_of_this_module_that_loads_the_role_unrestricted_passes_the_taint_on():
    assert _lines(SCHEMA.format(restriction="")) == [11]


def test_a_schema_that_restricts_the_role_narrows_the_input():
    assert _lines(SCHEMA.format(restriction='validate=validate.OneOf(["viewer", "editor"])')) == []
    assert _lines(SCHEMA.format(restriction="dump_only=True")) == []


def test_setattr_loop_over_a_body_model_without_privilege_fields_is_clean():
    code = PROFILE.format(extra="timezone: str | None = None").replace(
        "    apply_changes(user, body.model_dump(exclude_unset=True))\n",
        "    for key, value in body.model_dump(exclude_unset=True).items():\n        setattr(user, key, value)\n",
    )
    assert _lines(code) == []
    assert _lines(code.replace("timezone: str | None = None", "role: str | None = None")) == [18]
