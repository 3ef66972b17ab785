resource "aws_iam_user" "ci" {
  name = "legacy-ci"
  path = "/automation/"
}

resource "aws_iam_access_key" "ci" { # expect: IDG206
  user = aws_iam_user.ci.name
}

resource "aws_iam_user_policy" "ci" { # expect: IDG210, IDG203, IDG213
  name = "legacy-ci"
  user = aws_iam_user.ci.name

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:RunInstances", "iam:PassRole"],
      "Resource": "*"
    }
  ]
}
EOF
}

output "ci_secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
