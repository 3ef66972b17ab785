resource "aws_iam_group" "auditors" {
  name = "iam-auditors"
}

data "aws_iam_policy_document" "auditors" {
  statement {
    sid = "ReadIam"
    actions = [
      "iam:Get*", # near-miss: privilege-escalation
      "iam:List*",
      "iam:GenerateCredentialReport",
      "iam:GenerateServiceLastAccessedDetails",
      "access-analyzer:List*",
    ]
    resources = ["*"]
  }

  statement {
    sid = "OwnCredentials"
    actions = [
      "iam:ChangePassword", # near-miss: privilege-escalation
      "iam:CreateAccessKey", # near-miss: privilege-escalation
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
    ]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }
}

resource "aws_iam_policy" "auditors" {
  name   = "iam-auditors"
  policy = data.aws_iam_policy_document.auditors.json
}

resource "aws_iam_group_policy_attachment" "auditors" {
  group      = aws_iam_group.auditors.name
  policy_arn = aws_iam_policy.auditors.arn
}

resource "aws_iam_group_policy_attachment" "auditors_security_audit" {
  group      = aws_iam_group.auditors.name
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
