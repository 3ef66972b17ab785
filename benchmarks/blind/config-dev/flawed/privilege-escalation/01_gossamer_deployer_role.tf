# Role assumed by the Gossamer release pipeline to roll out functions.

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "release" {
  name = "gossamer-release-pipeline"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/gossamer-ci-runner" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "release_functions" {
  name = "functions"
  role = aws_iam_role.release.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ManageFunctions"
        Effect = "Allow"
        Action = [
          "lambda:CreateFunction", # flaw: privilege-escalation
          "lambda:UpdateFunctionCode",
          "lambda:UpdateFunctionConfiguration",
          "lambda:InvokeFunction", # flaw: privilege-escalation
          "lambda:GetFunction",
        ]
        Resource = "*"
      },
      {
        Sid      = "HandExecutionRoles"
        Effect   = "Allow"
        Action   = "iam:PassRole" # flaw: privilege-escalation
        Resource = "*"
      },
      {
        Sid      = "ArtifactRead"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::gossamer-build-artifacts/*"
      }
    ]
  })
}
