# Support tooling identities for the Plover helpdesk.

resource "aws_iam_user" "support_bot" {
  name = "plover-support-bot"
  path = "/automation/"
}

data "aws_iam_policy_document" "support_bot" {
  statement {
    sid = "RotateCustomerIntegrationKeys"
    actions = [
      "iam:CreateAccessKey", # flaw: privilege-escalation
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
    ]
    resources = ["arn:aws:iam::590281736644:user/*"]
  }

  statement {
    sid       = "ReadDirectory"
    actions   = ["iam:GetUser", "iam:ListUsers"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "support_bot" {
  name   = "support-bot"
  user   = aws_iam_user.support_bot.name
  policy = data.aws_iam_policy_document.support_bot.json
}

resource "aws_iam_group" "tier2" {
  name = "plover-support-tier2"
}

data "aws_iam_policy_document" "tier2" {
  statement {
    sid = "TunePolicies"
    actions = [
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:CreatePolicyVersion", # flaw: privilege-escalation
    ]
    resources = ["arn:aws:iam::590281736644:policy/plover-*"]
  }

  statement {
    sid       = "ResetConsoleAccess"
    actions   = ["iam:UpdateLoginProfile"] # flaw: privilege-escalation
    resources = ["arn:aws:iam::590281736644:user/*"]
  }
}

resource "aws_iam_group_policy" "tier2" {
  name   = "tier2"
  group  = aws_iam_group.tier2.name
  policy = data.aws_iam_policy_document.tier2.json
}
