resource "aws_iam_group" "developers" {
  name = "developers"
}

data "aws_iam_policy_document" "self_service" {
  statement {
    sid = "ManageOwnKeys"
    actions = [
      "iam:CreateAccessKey", # near-miss: privilege-escalation
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
      "iam:UpdateAccessKey",
    ]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }

  statement {
    sid = "ManageOwnMfa"
    actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ]
    resources = [
      "arn:aws:iam::*:mfa/$${aws:username}",
      "arn:aws:iam::*:user/$${aws:username}",
    ]
  }

  statement {
    sid       = "ChangeOwnPassword"
    actions   = ["iam:ChangePassword", "iam:GetAccountPasswordPolicy"]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }
}

resource "aws_iam_policy" "self_service" {
  name   = "developer-self-service"
  policy = data.aws_iam_policy_document.self_service.json
}

resource "aws_iam_group_policy_attachment" "self_service" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.self_service.arn
}
