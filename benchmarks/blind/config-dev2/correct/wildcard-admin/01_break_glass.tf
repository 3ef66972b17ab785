variable "break_glass_principals" {
  description = "Named security leads allowed to assume the emergency role"
  type        = list(string)
  default = [
    "arn:aws:iam::111122223333:user/sec-lead-anna",
    "arn:aws:iam::111122223333:user/sec-lead-omar",
  ]
}

data "aws_iam_policy_document" "break_glass_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.break_glass_principals
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["900"]
    }
  }
}

resource "aws_iam_role" "break_glass" {
  name                 = "emergency-break-glass"
  assume_role_policy   = data.aws_iam_policy_document.break_glass_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "break_glass_admin" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # near-miss: wildcard-admin
}

resource "aws_cloudwatch_event_rule" "break_glass_used" {
  name = "break-glass-assumed"
  event_pattern = jsonencode({
    source        = ["aws.sts"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventName         = ["AssumeRole"]
      requestParameters = { roleArn = [aws_iam_role.break_glass.arn] }
    }
  })
}
