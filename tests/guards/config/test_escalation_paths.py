"""Every escalation path of the catalogue: a role that completes it is found, one action short is not."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.config.support.principals import ESCALATION_PATHS


def _role_with(actions: list[str]) -> str:
    """A Terraform role holding `actions` through two policies (inline and attached), one action per line."""
    first, second = actions[: len(actions) // 2 or 1], actions[len(actions) // 2 or 1 :]

    def statement(chunk: list[str]) -> str:
        lines = "".join(f'        "{a}",\n' for a in chunk)
        return f'    Statement = [{{\n      Effect = "Allow"\n      Action = [\n{lines}      ]\n      Resource = "*"\n    }}]\n'

    return (
        'resource "aws_iam_role" "worker" {\n  name = "worker"\n}\n\n'
        'resource "aws_iam_role_policy" "inline" {\n  role   = aws_iam_role.worker.id\n'
        "  policy = jsonencode({\n" + statement(first) + "  })\n}\n\n"
        'resource "aws_iam_policy" "attached" {\n  policy = jsonencode({\n' + statement(second or first) + "  })\n}\n\n"
        'resource "aws_iam_role_policy_attachment" "attached" {\n  role       = aws_iam_role.worker.name\n'
        "  policy_arn = aws_iam_policy.attached.arn\n}\n"
    )


def _path_findings(code: str) -> list:
    return [f for f in check_code(code, path="iam.tf").findings if f.guard_id == "IDG213"]


def test_catalogue_entries_are_paths_with_sources():
    assert len(ESCALATION_PATHS) >= 15
    assert len({p.id for p in ESCALATION_PATHS}) == len(ESCALATION_PATHS)
    for path in ESCALATION_PATHS:
        assert len(path.actions) >= 2, f"{path.id}: single actions are IDG203's"
        assert path.source and path.url.startswith("https://")


@pytest.mark.parametrize("path", ESCALATION_PATHS, ids=lambda p: p.id)
def test_completing_the_path_reports_each_action_on_its_line(path):
    code = _role_with(list(path.actions))
    found = _path_findings(code)
    lines = code.splitlines()
    reported = {lines[f.line - 1].strip().strip('",') for f in found}
    assert reported >= set(path.actions)
    assert any(path.id in f.message for f in found)


@pytest.mark.parametrize("path", ESCALATION_PATHS, ids=lambda p: p.id)
def test_one_action_short_is_not_this_path(path):
    for missing in path.actions:
        code = _role_with([a for a in path.actions if a != missing])
        assert not any(path.id in f.message for f in _path_findings(code)), f"{path.id} without {missing}"


def test_pass_role_on_one_named_role_completes_no_path():
    code = (
        'resource "aws_iam_role" "deployer" {\n  name = "deployer"\n}\n'
        'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.deployer.id\n  policy = jsonencode({ Statement = [\n'
        '    { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },\n'
        '    { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.exec.arn },\n  ] })\n}\n'
    )
    assert _path_findings(code) == []


def test_cloudformation_policy_resource_joins_the_role_it_names():
    code = (
        "Resources:\n  Runner:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n"
        "        - PolicyName: run\n          PolicyDocument:\n            Statement:\n"
        "              - Effect: Allow\n                Action: ec2:RunInstances\n                Resource: '*'\n"
        "  Pass:\n    Type: AWS::IAM::Policy\n    Properties:\n      Roles: [!Ref Runner]\n"
        "      PolicyDocument:\n        Statement:\n          - Effect: Allow\n"
        "            Action: iam:PassRole\n            Resource: '*'\n"
    )
    found = [f for f in check_code(code, path="stack.yaml").findings if f.guard_id == "IDG213"]
    assert sorted(f.line for f in found) == [10, 19]


def test_two_roles_each_holding_half_complete_nothing():
    code = (
        'resource "aws_iam_role_policy" "a" {\n  role = "alpha"\n'
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })\n}\n'
        'resource "aws_iam_role_policy" "b" {\n  role = "beta"\n'
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })\n}\n'
    )
    assert _path_findings(code) == []


def test_pass_role_only_to_a_service_that_runs_no_code_completes_no_lambda_path():
    code = (
        'resource "aws_iam_role" "ops" {\n  name = "ops"\n}\n'
        'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.ops.id\n  policy = jsonencode({ Statement = [\n'
        '    { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },\n'
        '    { Effect = "Allow", Action = "iam:PassRole", Resource = "*",\n'
        '      Condition = { StringEquals = { "iam:PassedToService" = "monitoring.rds.amazonaws.com" } } },\n'
        "  ] })\n}\n"
    )
    assert _path_findings(code) == []
    to_lambda = code.replace("monitoring.rds.amazonaws.com", "lambda.amazonaws.com")
    assert sorted(f.line for f in _path_findings(to_lambda)) == [7, 8]
