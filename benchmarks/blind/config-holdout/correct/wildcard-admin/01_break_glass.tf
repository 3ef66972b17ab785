# Emergency access role; only assumable with MFA from the security account.
variable "security_account_id" {
  type    = string
  default = "556677889900"
}

data "aws_iam_policy_document" "break_glass_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.security_account_id}:role/incident-commander"]
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
  name                 = "break-glass-admin"
  assume_role_policy   = data.aws_iam_policy_document.break_glass_trust.json
  max_session_duration = 3600
  tags = {
    Purpose = "emergency-access"
  }
}

resource "aws_iam_role_policy_attachment" "break_glass_admin" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # near-miss: wildcard-admin
}

resource "aws_iam_role" "read_only_ops" {
  name               = "ops-read-only"
  assume_role_policy = data.aws_iam_policy_document.break_glass_trust.json
}

resource "aws_iam_role_policy_attachment" "read_only_ops" {
  role       = aws_iam_role.read_only_ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
