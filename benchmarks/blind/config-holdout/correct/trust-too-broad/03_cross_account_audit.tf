variable "auditor_account_id" {
  type    = string
  default = "667788990011"
}

variable "external_id" {
  type      = string
  sensitive = true
}

resource "aws_iam_role" "auditor" {
  name                 = "external-auditor"
  max_session_duration = 14400
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.auditor_account_id}:role/audit-collector" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "sts:ExternalId" = var.external_id }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "auditor" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}

# Nightly batch role; long sessions are for the job, not for humans.
resource "aws_iam_role" "nightly_batch" {
  name                 = "nightly-batch"
  max_session_duration = 43200 # near-miss: trust-too-broad
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
