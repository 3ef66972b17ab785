resource "aws_iam_user" "support_automation" {
  name = "support-automation"
  path = "/automation/"
}

resource "aws_iam_policy" "support_automation" {
  name        = "support-automation"
  description = "Lets the helpdesk bot reset console access for staff"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ResetConsoleAccess"
        Effect = "Allow"
        Action = [
          "iam:GetLoginProfile",
          "iam:UpdateLoginProfile", # flaw: privilege-escalation
          "iam:CreateLoginProfile", # flaw: privilege-escalation
        ]
        Resource = "arn:aws:iam::*:user/*"
      },
      {
        Sid      = "RotateKeys"
        Effect   = "Allow"
        Action   = ["iam:CreateAccessKey", "iam:ListAccessKeys"] # flaw: privilege-escalation
        Resource = "arn:aws:iam::*:user/*"
      },
      {
        Sid      = "ReadDirectory"
        Effect   = "Allow"
        Action   = ["iam:ListUsers", "iam:GetUser"]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_user_policy_attachment" "support_automation" {
  user       = aws_iam_user.support_automation.name
  policy_arn = aws_iam_policy.support_automation.arn
}
