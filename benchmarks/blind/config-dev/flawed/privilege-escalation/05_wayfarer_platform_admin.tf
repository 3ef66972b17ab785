# Wayfarer stack-vending role: teams request stacks via a service catalogue.

resource "aws_iam_role" "stack_vendor" {
  name = "wayfarer-stack-vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "stack_vendor" { # flaw: privilege-escalation
  name   = "stack-vending"
  role   = aws_iam_role.stack_vendor.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Stacks",
      "Effect": "Allow",
      "Action": [
        "cloudformation:CreateStack",
        "cloudformation:UpdateStack",
        "cloudformation:DescribeStacks"
      ],
      "Resource": "arn:aws:cloudformation:*:*:stack/vended-*/*"
    },
    {
      "Sid": "StackRoles",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::*:role/wayfarer-cfn-*"
    }
  ]
}
EOF
}

resource "aws_iam_role_policy" "self_service" { # flaw: privilege-escalation
  name   = "self-service"
  role   = aws_iam_role.stack_vendor.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AttachTeamPolicies",
      "Effect": "Allow",
      "Action": [
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy"
      ],
      "Resource": "arn:aws:iam::*:role/wayfarer-stack-vendor"
    }
  ]
}
EOF
}
