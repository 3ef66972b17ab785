# Cross-account read access for Ocelot logistics partners.

variable "partner_external_id" {
  type      = string
  sensitive = true
}

resource "aws_iam_role" "partner_reports" {
  name = "ocelot-partner-reports"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # flaw: trust-too-broad
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "partner_reports" {
  name = "read-reports"
  role = aws_iam_role.partner_reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::ocelot-partner-reports", "arn:aws:s3:::ocelot-partner-reports/*"]
    }]
  })
}

resource "aws_iam_role" "carrier_sync" {
  name = "ocelot-carrier-sync"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::215903847761:root" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "sts:ExternalId" = var.partner_external_id }
      }
    }]
  })
}
