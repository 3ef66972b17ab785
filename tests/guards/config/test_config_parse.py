"""The located parsers: every format yields values that know their line."""

from __future__ import annotations

import pytest
from idguard.guards.config.support.parse import ConfigParseError, LDict, LStr, parse_config


def test_json_keys_and_values_keep_their_lines():
    (doc,) = parse_config('{\n  "a": [\n    "x",\n    {"b": "y\\u0041"}\n  ],\n  "c": true\n}\n', "json")
    assert doc.line == 1 and doc.line_of("a") == 2 and doc.line_of("c") == 6
    assert doc["a"][0].line == 3 and doc["a"][1]["b"] == "yA" and doc["a"][1].line_of("b") == 4
    assert doc["c"] is True


def test_invalid_json_reports_the_line():
    with pytest.raises(ConfigParseError) as error:
        parse_config('{\n  "a": 1,\n  "b": \n}\n', "json")
    assert error.value.line == 4


def test_yaml_multi_document_with_cloudformation_tags():
    text = "a: 1\n---\n---\nRoles:\n  R:\n    Arn: !GetAtt Role.Arn\n    Sub: !Sub 'arn:${AWS::Partition}'\n    J: !Join ['', [a, b]]\n"
    docs = parse_config(text, "yaml")
    assert len(docs) == 2 and docs[0] == {"a": 1}
    role = docs[1]["Roles"]["R"]
    assert isinstance(role["Arn"], LStr) and role["Arn"].expr and role["Arn"].line == 6
    assert role["Sub"] == "arn:${AWS::Partition}" and not role["Sub"].expr
    assert role["J"] == ["", ["a", "b"]]


def test_yaml_aliases_are_shared_not_expanded():
    text = "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n"
    (doc,) = parse_config(text, "yaml")
    assert doc["b"] is doc["a"] and doc["c"][0] is doc["a"]


def test_helm_template_actions_are_blanked_keeping_lines():
    text = "{{- if .Values.rbac }}\nkind: Role\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n"
    (doc,) = parse_config(text, "yaml")
    assert doc["kind"] == "Role" and doc.line_of("kind") == 2 and doc["metadata"].line_of("name") == 4


def test_broken_yaml_still_fails():
    with pytest.raises(ConfigParseError) as error:
        parse_config("a: [1, 2\nb: 3\n", "yaml")
    assert error.value.line >= 2


TERRAFORM = """resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "h" {
  policy = <<EOF
{
  "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]
}
EOF
}

data "aws_iam_policy_document" "d" {
  statement {
    actions = ["s3:GetObject"]
  }
}
"""


def test_terraform_blocks_jsonencode_and_heredoc_are_located():
    (body,) = parse_config(TERRAFORM, "terraform")
    policy, heredoc = body["resource"]
    assert policy.labels == ("aws_iam_policy", "p") and policy.line == 1
    statement = policy["policy"]["Statement"][0]
    assert isinstance(statement, LDict) and statement["Action"] == "*" and statement.line_of("Action") == 4
    embedded = heredoc["policy"]["Statement"][0]
    assert embedded["Action"] == "iam:*" and embedded.line_of("Action") == 13
    document = body["data"][0]
    assert document.labels == ("aws_iam_policy_document", "d")
    assert document["statement"][0].block_type == "statement" and document["statement"][0].line_of("actions") == 20


def test_terraform_references_are_expressions():
    (body,) = parse_config(
        'resource "x" "y" {\n  a = data.aws_caller_identity.me.account_id\n  b = "arn:${var.p}:iam"\n  c = 3\n}\n',
        "terraform",
    )
    block = body["resource"][0]
    assert block["a"].expr and block["a"] == "data.aws_caller_identity.me.account_id"
    assert block["b"] == "arn:${var.p}:iam" and block["c"] == 3


def test_invalid_terraform_raises():
    with pytest.raises(ConfigParseError):
        parse_config('resource "x" "y" {\n  a = \n', "terraform")


def test_helm_comment_spanning_lines_keeps_the_lines_of_what_follows():
    text = (
        "{{- /*\nA chart comment\nover three lines\n*/ -}}\napiVersion: v1\nkind: ServiceAccount\n"
        'metadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "labels" . | nindent 4 }}\n'
    )
    (document,) = parse_config(text, "yaml")
    assert document["kind"] == "ServiceAccount" and document.line_of("kind") == 6
    assert document["metadata"].line_of("name") == 8
