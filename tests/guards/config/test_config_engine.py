"""Config guards through the real engine: verdicts, fail-closed parsing, policy limits, boto3 documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from idguard.guards import check_code
from idguard.guards.models import Severity
from idguard.guards.policy import Limits, Policy

ROOT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "config"

ADMIN_ON_STAR_TF = """resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
"""


def test_admin_on_star_terraform_is_blocked():
    result = check_code(ADMIN_ON_STAR_TF, path="x.tf")
    assert result.language == "terraform"
    assert result.verdict == "block"
    assert result.identity_related and "iam_policy" in result.categories
    hits = [f for f in result.findings if f.guard_id == "IDG200"]
    assert [(f.line, f.severity.value) for f in hits] == [(4, "critical")]


def test_scoped_policy_is_reviewed_not_blocked():
    code = '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}\n'
    result = check_code(code, path="policy.json")
    assert result.verdict == "review" and result.findings == []


def test_unrelated_config_passes():
    code = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
    assert check_code(code, path="deploy.yaml").verdict == "pass"


@pytest.mark.parametrize(
    ("code", "path"),
    [
        ('{"Statement": [{"Effect": "Allow", "Action": "*",\n', "iam/policy.json"),
        ("kind: ClusterRole\nrules:\n  - verbs: [get\n", "rbac.yaml"),
        ('resource "aws_iam_role" "r" {\n  name = \n', "iam.tf"),
    ],
)
def test_identity_config_that_does_not_parse_is_blocked(code, path):
    result = check_code(code, path=path)
    assert result.verdict == "block"
    assert [f.guard_id for f in result.findings] == ["IDG000"]


def test_broken_unrelated_yaml_is_not_our_business():
    result = check_code("replicas: [2\nimage: nginx\n", path="values.yaml")
    assert not any(f.guard_id == "IDG000" for f in result.findings)
    assert result.verdict == "pass"


def test_a_crashing_config_guard_fails_closed(monkeypatch):
    from idguard.guards.config.rbac_wildcard_rule import RbacWildcardRule

    def explode(self, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(RbacWildcardRule, "check_config", explode)
    result = check_code("kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nrules: []\n", path="r.yaml")
    assert result.verdict == "block"
    assert any(f.guard_id == "IDG000" and "IDG220" in f.message for f in result.findings)


def test_session_duration_follows_the_policy_limit():
    code = 'resource "aws_iam_role" "r" {\n  name = "r"\n  max_session_duration = 7200\n}\n'
    assert [f.line for f in check_code(code, path="r.tf").findings if f.guard_id == "IDG207"] == [3]
    relaxed = Policy(limits=Limits(max_sts_session_seconds=4 * 3600))
    assert not [f for f in check_code(code, path="r.tf", policy=relaxed).findings if f.guard_id == "IDG207"]


def test_guard_can_be_disabled_by_policy():
    policy = Policy.model_validate({"guards": {"IDG200": {"enabled": False}}})
    result = check_code(ADMIN_ON_STAR_TF, path="x.tf", policy=policy)
    assert not any(f.guard_id == "IDG200" for f in result.findings)


def test_inline_suppression_with_reason_applies_to_yaml():
    code = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\n"
        "roleRef:\n  kind: ClusterRole\n"
        "  name: cluster-admin  # idguard: ignore[IDG221] bootstrap binding, removed by runbook OPS-12\n"
        "subjects:\n  - kind: User\n    name: admin\n"
    )
    result = check_code(code, path="bootstrap.yaml")
    (finding,) = [f for f in result.findings if f.guard_id == "IDG221"]
    assert finding.suppressed and result.verdict == "review"


def test_boto3_trust_policy_to_anyone_is_found_at_the_call():
    code = (
        "import json\nimport boto3\n\n"
        'TRUST = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}\n\n'
        "def create(name):\n"
        '    boto3.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))\n'
    )
    result = check_code(code, path="provisioning.py")
    hits = [f for f in result.findings if f.guard_id == "IDG260"]
    assert [f.line for f in hits] == [7] and "IDG204" in hits[0].message
    assert result.verdict == "block"


def test_iam_action_and_arn_names_are_not_keyword_secrets():
    code = (
        'data "aws_iam_policy_document" "d" {\n  statement {\n'
        '    actions   = ["secretsmanager:GetSecretValue"]\n'
        '    resources = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/*"]\n  }\n}\n'
    )
    result = check_code(code, path="policy.tf")
    assert not [f for f in result.findings if f.guard_id == "IDG001"]
    assert result.verdict == "review"
    # A real keyword assignment in YAML is still a hard-coded secret.
    assigned = check_code("db:\n  password: " + "Zq8vT2mLx9" + "RkWp\n", path="app.yaml")
    assert [f.line for f in assigned.findings if f.guard_id == "IDG001"] == [2]


@pytest.mark.parametrize("path", ["iam/policy.json", "iam/main.tf", "rbac/roles.yaml"])
def test_empty_identity_config_is_reviewed_not_blocked(path):
    result = check_code("\n", path=path)
    assert result.verdict == "review" and result.findings == []


def test_module_values_decide_severity():
    """Defaults and locals are followed; a website bucket and a break-glass role with MFA are reviewed."""
    code = (ROOT_FIXTURES / "module_values.tf").read_text(encoding="utf-8")
    by_line = {f.line: f for f in check_code(code, path="module_values.tf").findings if f.guard_id.startswith("IDG2")}
    assert by_line[43].severity == Severity.low  # allUsers reads a bucket configured as a website
    assert by_line[49].severity == Severity.high  # allUsers pulls from a registry, through for_each
    assert by_line[70].severity == Severity.medium  # AdministratorAccess on an MFA-only break-glass role


def test_unresolved_github_subject_is_not_judged_safe():
    code = (
        'variable "repository" {\n  type = string\n}\n'
        'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow",\n'
        '    Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" },\n'
        '    Action = "sts:AssumeRoleWithWebIdentity",\n'
        "    Condition = { StringLike = {\n"
        '      "token.actions.githubusercontent.com:sub" = "repo:${var.repository}" } } }] })\n'
        "}\n"
    )
    assert [f.line for f in check_code(code, path="trust.tf").findings if f.guard_id == "IDG205"] == [9]


def test_unresolved_metadata_setting_is_reviewed_not_passed():
    code = (ROOT_FIXTURES / "managed_identity_settings.tf").read_text(encoding="utf-8")
    imds = {f.line: f.severity for f in check_code(code, path="hosts.tf").findings if f.guard_id == "IDG217"}
    assert imds[17] == Severity.high  # `var.worker_tokens` defaults to "optional"
    assert imds[29] == Severity.low  # `var.edge_tokens` has no default: unknown
