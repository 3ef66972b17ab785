"""Semantic guards judged on the shape of the logic: the forms a pattern matcher misses
(typed ORM defaults, both pysaml2 opt-outs, a nonce compared where the state should be,
one kind of key deleted while the module handles more), each with the line it is found on."""

from __future__ import annotations

from idguard.guards import check_code


def _lines(code: str, guard_id: str, path: str = "auth/module.py") -> list[int]:
    return sorted(f.line for f in check_code(code, path=path).findings if f.guard_id == guard_id and not f.suppressed)


def test_privileged_default_hidden_in_a_column_or_field_call():
    code = (
        "from dataclasses import dataclass, field\n"
        "from sqlalchemy.orm import Mapped, mapped_column\n"
        "\n"
        "class Account(Base):\n"
        '    role: Mapped[str] = mapped_column(String(20), default="owner")\n'
        '    tier: Mapped[str] = mapped_column(String(20), default="free")\n'
        "\n"
        "@dataclass\n"
        "class ServiceRequest:\n"
        '    roles: list[str] = field(default_factory=lambda: ["admin"])\n'
        "    tags: list[str] = field(default_factory=list)\n"
    )
    assert _lines(code, "IDG130") == [5, 10]


def test_least_privileged_factory_through_a_constant_is_clean():
    code = (
        "from dataclasses import dataclass, field\n"
        'DEFAULT_SERVICE_ROLES = ("service-readonly",)\n'
        "\n"
        "@dataclass\n"
        "class ServiceRequest:\n"
        "    roles: list[str] = field(default_factory=lambda: list(DEFAULT_SERVICE_ROLES))\n"
    )
    assert _lines(code, "IDG130") == []


def test_pysaml2_both_signatures_off_reports_each_setting():
    code = (
        "from saml2.config import SPConfig\n"
        "settings = {\n"
        '    "service": {"sp": {\n'
        '        "want_response_signed": False,\n'
        '        "want_assertions_signed": False,\n'
        "    }},\n"
        "}\n"
    )
    assert _lines(code, "IDG141") == [4, 5]
    signed = code.replace('"want_assertions_signed": False', '"want_assertions_signed": True')
    assert _lines(signed, "IDG141") == []


def test_nonce_compared_in_constant_time_does_not_count_as_the_state_check():
    code = (
        "import hmac\n"
        "import requests\n"
        "from flask import abort, request, session\n"
        "\n"
        '@app.get("/oidc/callback")\n'
        "def callback():\n"
        '    code = request.args.get("code")\n'
        '    resp = requests.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": code})\n'
        '    claims = verify(resp.json()["id_token"])\n'
        '    expected = session.pop("oidc_nonce", "")\n'
        '    if not hmac.compare_digest(claims.get("nonce", ""), expected):\n'
        "        abort(400)\n"
    )
    assert _lines(code, "IDG142") == [6]
    checked = code.replace(
        '    code = request.args.get("code")\n',
        '    expected_state = session.pop("oauth_state", "")\n'
        '    if not hmac.compare_digest(request.args.get("state", ""), expected_state):\n'
        "        abort(400)\n"
        '    code = request.args.get("code")\n',
    )
    assert _lines(checked, "IDG142") == []


def test_deleting_one_kind_of_key_is_not_revoking_every_kind():
    code = (
        "import boto3\n"
        "\n"
        "class IamOffboarder:\n"
        "    def inventory(self, user):\n"
        '        return {"ssh": self.iam.list_ssh_public_keys(UserName=user), "keys": self.iam.list_access_keys(UserName=user)}\n'
        "\n"
        "    def offboard(self, user):\n"
        '        for key in self.iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:\n'
        '            self.iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])\n'
    )
    assert _lines(code, "IDG148") == [7]
    complete = code + (
        '        for key in self.iam.list_ssh_public_keys(UserName=user)["SSHPublicKeys"]:\n'
        '            self.iam.delete_ssh_public_key(UserName=user, SSHPublicKeyId=key["SSHPublicKeyId"])\n'
    )
    assert _lines(complete, "IDG148") == []


MAGIC_LINK = (
    "from sqlalchemy import update\n"
    "\n"
    "async def send_magic_link(email):\n"
    "    await mail(email)\n"
    "\n"
    "async def consume_link(token, db, current_user_id):\n"
    "    claimed = await db.execute(\n"
    "        update(MagicLink).where(MagicLink.token == token, MagicLink.used_at.is_(None)).values(used_at=now()).returning(MagicLink.user_id)\n"
    "    )\n"
    "    user_id = claimed.scalar_one_or_none()\n"
    "    return await start_session(db, {who})\n"
)


def test_magic_link_that_logs_in_its_own_user_through_a_local_name_is_bound():
    assert _lines(MAGIC_LINK.format(who="user_id"), "IDG151") == []


def test_magic_link_that_logs_in_someone_else_is_not_bound():
    assert _lines(MAGIC_LINK.format(who="current_user_id"), "IDG151") == [6]


AUTHORIZE = (
    "from urllib.parse import urlparse\n"
    "\n"
    "def redirect_allowed(client, redirect_uri):\n"
    "    if not client.redirect_uris:\n"
    "        return True\n"
    "    target = urlparse(redirect_uri)\n"
    "    for registered in client.redirect_uris:\n"
    "        reg = urlparse(registered)\n"
    "        if target.scheme == reg.scheme and target.netloc.endswith(reg.netloc):\n"
    "            return True\n"
    "    return False\n"
)


def test_redirect_uri_matched_by_suffix_or_allowed_when_unregistered():
    assert _lines(AUTHORIZE, "IDG156") == [5, 9]


def test_exact_redirect_uri_match_and_relative_next_are_clean():
    code = (
        "def redirect_allowed(client, redirect_uri):\n"
        "    return redirect_uri in client.redirect_uris\n"
        "\n"
        "def safe_next_url(nxt):\n"
        '    return nxt if nxt.startswith("/") and not nxt.startswith("//") else "/"\n'
    )
    assert _lines(code, "IDG156") == []


def test_pydantic_field_with_a_positional_privileged_default():
    code = (
        "from pydantic import BaseModel, Field\n"
        "\n"
        "class InviteIn(BaseModel):\n"
        '    role: str = Field("admin", description="role of the invitee")\n'
        '    plan: str = Field("admin-free", description="a plan, not a role")\n'
    )
    assert _lines(code, "IDG130") == [4]


def test_privilege_set_on_the_new_record_in_signup_or_acceptance():
    code = (
        "def register(request):\n"
        '    user = User.objects.create_user(request.POST["email"], password=request.POST["password"])\n'
        "    user.is_staff = True\n"
        "    user.save()\n"
        "\n"
        "def accept_invite(invite, user):\n"
        "    membership = Membership(org=invite.org, user=user)\n"
        '    membership.role = "owner"\n'
        "    membership.role = invite.role\n"
        "\n"
        "def promote_to_admin(user):\n"
        "    user.is_staff = True\n"
    )
    assert _lines(code, "IDG130") == [3, 8]


def test_kubernetes_rule_over_every_verb_or_writing_every_resource():
    code = (
        "from kubernetes import client\n"
        'admin = client.V1PolicyRule(api_groups=["*"], resources=["*"], verbs=["*"])\n'
        'writer = {"apiGroups": [""], "resources": ["*"], "verbs": ["create", "delete"]}\n'
        'reader = client.V1PolicyRule(api_groups=["*"], resources=["*"], verbs=["get", "list", "watch"])\n'
        'pods = client.V1PolicyRule(api_groups=[""], resources=["pods"], verbs=["get", "list"])\n'
    )
    assert _lines(code, "IDG131") == [2, 3]


def test_swallowed_failure_of_a_revocation_called_through_a_loop_variable():
    code = (
        'STEPS = (("okta", okta.deactivate_user), ("github", github.remove_org_member))\n'
        "\n"
        "def offboard(user):\n"
        "    for system, step in STEPS:\n"
        "        try:\n"
        "            step(user.email)\n"
        "        except Exception:\n"
        '            log.warning("%s failed", system)\n'
        '    user.status = "offboarded"\n'
    )
    assert _lines(code, "IDG147") == [7]
    harmless = code.replace("okta.deactivate_user", "okta.sync_profile").replace(
        "github.remove_org_member", "github.refresh_profile"
    )
    assert _lines(harmless, "IDG147") == []


def test_signup_gated_by_codes_written_into_the_program():
    code = (
        "from flask import abort, request, session\n"
        "\n"
        'BETA_CODES = {"EARLYBIRD", "FRIENDS2024"}\n'
        "\n"
        '@app.post("/signup")\n'
        "def signup():\n"
        '    code = request.form["invite_code"]\n'
        "    if code not in BETA_CODES:\n"
        "        abort(403)\n"
        '    user = User(email=request.form["email"])\n'
        '    session["user_id"] = user.id\n'
    )
    assert _lines(code, "IDG150") == [6]
    stored = code.replace(
        "    if code not in BETA_CODES:\n        abort(403)\n",
        "    if not BetaInvite.objects.filter(code=code, redeemed_at=None).exists():\n        abort(403)\n",
    )
    assert _lines(stored.replace('BETA_CODES = {"EARLYBIRD", "FRIENDS2024"}\n', ""), "IDG150") == []


def test_oidc_library_settings_that_switch_off_its_checks():
    code = (
        'OIDC_RP_SIGN_ALGO = "RS256"\n'
        "OIDC_VERIFY_JWT = False\n"
        "OIDC_USE_NONCE = True\n"
        "SOCIALACCOUNT_PROVIDERS = {\n"
        '    "openid_connect": {\n'
        '        "APPS": [{"provider_id": "corp", "client_id": CLIENT_ID}],\n'
        '        "VERIFIED_EMAIL": True,\n'
        "    }\n"
        "}\n"
    )
    assert _lines(code, "IDG157", path="project/settings.py") == [2, 7]


AUTHORIZE_ENDPOINT = (
    "from fastapi.responses import RedirectResponse\n"
    "\n"
    '@router.get("/oauth/authorize")\n'
    "def authorize(client_id: str, redirect_uri: str, state: str, user=Depends(current_user)):\n"
    "{check}"
    "    code = issue_code(client_id, user)\n"
    '    return RedirectResponse(f"{{redirect_uri}}?code={{code}}&state={{state}}")\n'
)


def test_authorization_code_sent_to_a_redirect_uri_query_parameter():
    assert _lines(AUTHORIZE_ENDPOINT.format(check=""), "IDG145") == [6]


def test_redirect_uri_query_parameter_checked_against_the_client():
    check = "    if not redirect_allowed(CLIENTS[client_id], redirect_uri):\n        raise HTTPException(400)\n"
    assert _lines(AUTHORIZE_ENDPOINT.format(check=check), "IDG145") == []


def test_saml_response_used_without_testing_its_errors():
    code = (
        "from onelogin.saml2.auth import OneLogin_Saml2_Auth\n"
        "\n"
        "def acs(request):\n"
        "    auth = OneLogin_Saml2_Auth(prepare(request), SAML_SETTINGS)\n"
        "    auth.process_response()\n"
        "{check}"
        "    login(request, get_or_create_user(auth.get_nameid()))\n"
    )
    assert _lines(code.format(check=""), "IDG158") == [5]
    checked = "    saml_errors = auth.get_errors()\n    if saml_errors:\n        return HttpResponseBadRequest()\n"
    assert _lines(code.format(check=checked), "IDG158") == []


def test_saml_signing_switched_off_item_by_item():
    code = (
        "cfg = load_json('saml.json')\n"
        "cfg['security']['wantAssertionsSigned'] = False\n"
        "cfg['security']['wantMessagesSigned'] = False\n"
    )
    assert _lines(code, "IDG141") == [2]
    assert _lines(code.replace("['wantMessagesSigned'] = False", "['wantMessagesSigned'] = True"), "IDG141") == []


GATHER = (
    "import asyncio\n"
    "\n"
    "async def offboard_user(user):\n"
    "    {keep}await asyncio.gather(\n"
    "        okta.deactivate_user(user.okta_id),\n"
    "        github.remove_org_member(user.github_login),\n"
    "        return_exceptions=True,\n"
    "    )\n"
    "{check}"
    '    user.status = "offboarded"\n'
)


def test_concurrent_revocations_whose_failures_nobody_reads():
    assert _lines(GATHER.format(keep="", check=""), "IDG147") == [4]
    assert _lines(GATHER.format(keep="", check=""), "IDG148") == []  # it does revoke, at the IdP and the code host
    checked = "    if any(isinstance(r, Exception) for r in results):\n        raise OffboardingIncomplete(results)\n"
    assert _lines(GATHER.format(keep="results = ", check=checked), "IDG147") == []


def test_background_revocation_whose_future_is_dropped():
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "\n"
        "def deprovision(user):\n"
        "    with ThreadPoolExecutor() as pool:\n"
        "        for revoke in (vault.revoke_tokens, aws.delete_access_keys):\n"
        "            pool.submit(revoke, user.email)\n"
        "    return True\n"
    )
    assert _lines(code, "IDG147") == [6]
    kept = code.replace(
        "            pool.submit(revoke, user.email)\n", "            futures.append(pool.submit(revoke, user.email))\n"
    )
    assert _lines(kept, "IDG147") == []
