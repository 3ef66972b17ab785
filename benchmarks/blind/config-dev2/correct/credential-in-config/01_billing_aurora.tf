variable "master_username" {
  type    = string
  default = "billing_admin"
}

variable "stripe_webhook_secret" {
  description = "Injected by the pipeline from the vault; never committed"
  type        = string
  sensitive   = true
}

resource "aws_rds_cluster" "billing" {
  cluster_identifier                  = "billing-aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "15.4"
  master_username                     = var.master_username
  manage_master_user_password         = true # near-miss: credential-in-config
  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  deletion_protection                 = true
}

resource "aws_secretsmanager_secret" "stripe_webhook" {
  name       = "billing/stripe-webhook"
  kms_key_id = "alias/billing"
}

resource "aws_secretsmanager_secret_version" "stripe_webhook" {
  secret_id     = aws_secretsmanager_secret.stripe_webhook.id
  secret_string = var.stripe_webhook_secret # near-miss: credential-in-config
}

data "aws_ssm_parameter" "ledger_token" {
  name            = "/billing/ledger/api-token"
  with_decryption = true
}

resource "aws_lambda_function" "invoice_webhook" {
  function_name = "billing-invoice-webhook"
  role          = "arn:aws:iam::123456789012:role/billing-invoice-webhook"
  runtime       = "python3.12"
  handler       = "webhook.handler"
  filename      = "${path.module}/build/webhook.zip"

  environment {
    variables = {
      DB_CLUSTER_ENDPOINT = aws_rds_cluster.billing.endpoint
      DB_SECRET_ARN       = aws_rds_cluster.billing.master_user_secret[0].secret_arn # near-miss: credential-in-config
      STRIPE_SECRET_ID    = aws_secretsmanager_secret.stripe_webhook.arn
      LEDGER_TOKEN_PARAM  = data.aws_ssm_parameter.ledger_token.name
      PASSWORD_MIN_LENGTH = "12" # near-miss: credential-in-config
    }
  }
}
