variable "ops_users" {
  type    = set(string)
  default = ["maria.ortiz", "dev.patel", "oncall-bot"]
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_user" "ops" {
  for_each = var.ops_users
  name     = each.value
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops-members"
  group = aws_iam_group.ops.name
  users = [for u in aws_iam_user.ops : u.name]
}

resource "aws_iam_group_policy" "ops_self_service" {
  name  = "ops-self-service"
  group = aws_iam_group.ops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ManageOwnPolicies"
        Effect = "Allow"
        Action = [
          "iam:ListAttachedUserPolicies",
          "iam:AttachUserPolicy", # flaw: privilege-escalation
        ]
        Resource = "arn:aws:iam::*:user/$${aws:username}"
      },
      {
        Sid      = "RotateServiceKeys"
        Effect   = "Allow"
        Action   = ["iam:CreateAccessKey", "iam:ListAccessKeys"] # flaw: privilege-escalation
        Resource = "arn:aws:iam::*:user/*"
      }
    ]
  })
}

resource "aws_iam_role" "ops_runner" {
  name = "ops-runner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "ops_runner_inline" { # flaw: privilege-escalation
  name   = "ops-runner-self"
  role   = aws_iam_role.ops_runner.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:PutRolePolicy", "iam:GetRolePolicy"],
      "Resource": "arn:aws:iam::*:role/ops-runner"
    }
  ]
}
EOF
}
