# Break-glass access for Ashgrove production. Used only during incidents;
# every assumption pages the security on-call via the CloudTrail alarm below.

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "breakglass" {
  name                 = "ashgrove-breakglass"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        AWS = [
          "arn:aws:iam::${data.aws_caller_identity.current.account_id}:user/oncall-primary",
          "arn:aws:iam::${data.aws_caller_identity.current.account_id}:user/oncall-secondary",
        ]
      }
      Action = "sts:AssumeRole"
      Condition = {
        Bool            = { "aws:MultiFactorAuthPresent" = "true" }
        NumericLessThan = { "aws:MultiFactorAuthAge" = "900" }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "breakglass_admin" {
  role       = aws_iam_role.breakglass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # near-miss: wildcard-admin
}

resource "aws_cloudwatch_event_rule" "breakglass_used" {
  name = "ashgrove-breakglass-assumed"
  event_pattern = jsonencode({
    source        = ["aws.sts"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventName         = ["AssumeRole"]
      requestParameters = { roleArn = [aws_iam_role.breakglass.arn] }
    }
  })
}

resource "aws_iam_policy" "app_readonly" {
  name = "ashgrove-app-readonly"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudwatch:Get*", "cloudwatch:List*", "logs:Describe*"] # near-miss: wildcard-admin
      Resource = "*"
    }]
  })
}
