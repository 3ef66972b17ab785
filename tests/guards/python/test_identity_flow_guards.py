"""Identity-flow guards (IDG130-IDG159) beyond their own examples: policy-driven role names,
unusual Python that must never crash a guard (a crash blocks the file), and the shared
request-taint helper they rely on."""

from __future__ import annotations

import libcst as cst
import pytest
from idguard.guards import Policy, check_code, load_guards
from idguard.guards.python.support.context import PythonContext
from idguard.guards.python.support.flow.decisions import checked_keys
from idguard.guards.python.support.flow.endpoints import request_taint
from idguard.guards.python.support.guard import PythonGuard, run_python_guards

FLOW_GUARDS = [g for gid, g in load_guards().items() if issubclass(g, PythonGuard) and "IDG130" <= gid <= "IDG159"]

# Constructs that once tripped name helpers: calls of calls and subscripts, self-referential
# assignments, lambdas, walrus, match, decorators with arguments, starred args, nested defs.
AWKWARD = """
import os, requests
handlers = {"a": lambda r: r}
key = "nonce:"
key = f"{key}-{os.getpid()}"
url = f"{url}/x" if False else "http://idp.corp.net"

@router.post("/orgs/{org_id}/members/{member_id}/role")
def change_role(org_id: int, body: RoleIn, *args, **kwargs):
    handlers["a"](body)(request.json)
    factory()(role=request.json["role"])
    if (n := len(args)) > 1:
        return True
    match body.kind:
        case "admin":
            pass
    def inner():
        try:
            revoke()()
        except Exception:
            pass
    return [x for x in request.json.items() if x]

class Invite:
    role: "str" = ("admin")
    def accept_invitation(self, user, **kw):
        self.org.members.add(user, **kw)
        getattr(self, "x")()(**request.json)
"""


def test_awkward_python_never_crashes_a_flow_guard():
    result = check_code(AWKWARD, path="auth/awkward.py")
    assert [f.message for f in result.findings if f.guard_id == "IDG000"] == []
    # ... and the guards still judge it: the role copied from the request is found.
    assert any(f.guard_id == "IDG134" for f in result.findings)


@pytest.mark.parametrize("guard", FLOW_GUARDS, ids=[g.id for g in FLOW_GUARDS])
def test_each_flow_guard_alone_survives_awkward_python(guard):
    run_python_guards(AWKWARD, [guard], path="auth/awkward.py")


def test_privileged_role_names_come_from_the_policy():
    code = 'def invite(org, email, role="org_owner"):\n    return Invitation.create(org=org, email=email, role=role)\n'
    default = check_code(code, path="auth/invites.py")
    assert not any(f.guard_id == "IDG130" for f in default.findings)
    policy = Policy.model_validate({"limits": {"privileged_roles": ["org_owner"]}})
    custom = check_code(code, path="auth/invites.py", policy=policy)
    assert [f.line for f in custom.findings if f.guard_id == "IDG130"] == [1]


def test_findings_carry_a_fix_and_never_the_secret_value():
    secret = "hunter2-" + "x" * 12
    code = (
        "import requests\n"
        f'requests.post("http://idp.corp.net/token", data={{"client_secret": "{secret}"}}, verify=False)\n'
    )
    findings = [f for f in check_code(code, path="auth/client.py").findings if f.guard_id in {"IDG138", "IDG155"}]
    assert {f.guard_id for f in findings} == {"IDG138", "IDG155"}
    for finding in findings:
        assert finding.fix
        assert secret not in finding.message and secret not in (finding.fix or "")


def _function(code: str) -> tuple[PythonContext, cst.FunctionDef]:
    module = cst.parse_module(code)
    ctx = PythonContext(module, "auth/x.py", Policy())
    fn = next(n for n in module.body if isinstance(n, cst.FunctionDef))
    ctx.function_stack.append(fn)
    return ctx, fn


def test_request_taint_follows_assignments_but_not_allow_list_narrowing():
    ctx, fn = _function(
        "def view(request):\n"
        "    data = request.get_json()\n"
        "    role = data.get('role')\n"
        "    picked = {k: v for k, v in data.items() if k in PROFILE_FIELDS}\n"
        "    granted = set(data['scopes']) & client.allowed_scopes\n"
        "    name = 'fixed'\n"
    )
    taint = request_taint(ctx, fn)
    assert {"data", "role"} <= taint.names
    assert not {"picked", "granted", "name"} & taint.names


def test_checked_keys_ignore_comparisons_inside_the_judged_value():
    ctx, fn = _function(
        "def view(request, user):\n"
        "    user.is_admin = request.data.get('is_admin') == 'true'\n"
        "    if request.data['email'] != user.email:\n"
        "        raise Denied\n"
    )
    assign = fn.body.body[0].body[0]
    assert isinstance(assign, cst.Assign)
    keys = checked_keys(ctx, fn.body, inside=[assign.value])
    assert "email" in keys and "is_admin" not in keys


@pytest.mark.parametrize(
    ("code", "guard_id"),
    [
        ("from paramiko import AutoAddPolicy as TrustAll\nclient.set_missing_host_key_policy(TrustAll())\n", "IDG139"),
        ("import ssl as tls\nctx.verify_mode = tls.CERT_NONE\n", "IDG138"),
        ("from flask_cors import CORS as enable_cors\nenable_cors(app, supports_credentials=True)\n", "IDG154"),
        ("from google.oauth2 import id_token as gid\nclaims = gid.verify_oauth2_token(tok, req)\n", "IDG146"),
        ("import requests as http\nhttp.post('http://idp.corp.net/token', auth=(cid, secret))\n", "IDG155"),
    ],
)
def test_names_are_resolved_through_import_aliases(code, guard_id):
    result = check_code(code, path="auth/aliases.py")
    assert [f.line for f in result.findings if f.guard_id == guard_id] == [2]
