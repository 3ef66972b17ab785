variable "vendor_name" {
  type    = string
  default = "northwind-observability"
}

locals {
  vendor_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "VendorAssume"
        Effect    = "Allow"
        Principal = { AWS = "*" } # flaw: trust-too-broad
        Action    = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role" "vendor" {
  name               = "${var.vendor_name}-integration"
  assume_role_policy = local.vendor_trust
}

resource "aws_iam_role_policy" "vendor_metrics" {
  name = "metrics-read"
  role = aws_iam_role.vendor.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "cloudwatch:GetMetricData",
        "cloudwatch:ListMetrics",
        "tag:GetResources",
      ]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "oncall_engineer" {
  name                 = "oncall-engineer"
  max_session_duration = 129600 # flaw: trust-too-broad
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
