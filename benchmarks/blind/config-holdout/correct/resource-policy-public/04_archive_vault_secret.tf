variable "audit_account_id" {
  type    = string
  default = "445566778899"
}

resource "aws_glacier_vault" "ledger_archive" {
  name = "ledger-archive"

  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AuditRetrieval"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.audit_account_id}:role/ledger-auditor" }
        Action    = ["glacier:InitiateJob", "glacier:GetJobOutput", "glacier:ListJobs"]
        Resource  = "arn:aws:glacier:eu-central-1:${var.audit_account_id}:vaults/ledger-archive"
      },
      {
        Sid       = "DenyDeleteBeforeRetention"
        Effect    = "Deny"
        Principal = "*" # near-miss: resource-policy-public
        Action    = "glacier:DeleteArchive"
        Resource  = "arn:aws:glacier:eu-central-1:${var.audit_account_id}:vaults/ledger-archive"
        Condition = {
          NumericLessThan = { "glacier:ArchiveAgeInDays" = "2555" }
        }
      }
    ]
  })
}

resource "aws_secretsmanager_secret" "ledger_db" {
  name = "ledger/db-readonly"
}

resource "aws_secretsmanager_secret_policy" "ledger_db" {
  secret_arn = aws_secretsmanager_secret.ledger_db.arn
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReportingRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${var.audit_account_id}:role/ledger-reporting"},
      "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      "Resource": "*"
    }
  ]
}
EOF
}
