provider "aws" {
  region = "eu-central-1"
}

variable "db_username" {
  type    = string
  default = "orders_app"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "Or3ders-Pr0d-2024!" # flaw: credential-in-config
}

locals {
  db_identifier = "orders-primary"
  common_tags = {
    service = "orders"
    owner   = "commerce-platform"
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "${local.db_identifier}-subnets"
  subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_db_instance" "orders" {
  identifier                          = local.db_identifier
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 200
  storage_encrypted                   = true
  db_subnet_group_name                = aws_db_subnet_group.orders.name
  username                            = var.db_username
  password                            = var.db_password
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  deletion_protection                 = true
  tags                                = local.common_tags
}

resource "aws_lambda_function" "orders_reconciler" {
  function_name = "orders-reconciler"
  role          = "arn:aws:iam::123456789012:role/orders-reconciler"
  runtime       = "python3.12"
  handler       = "reconcile.main"
  filename      = "${path.module}/build/reconciler.zip"

  environment {
    variables = {
      DB_HOST          = aws_db_instance.orders.address
      DB_USER          = var.db_username
      DB_PASS          = var.db_password # flaw: credential-in-config
      LEDGER_API_TOKEN = "a7f3c9e2b18d4f6a9c0e5b7d2f1a8c3e" # flaw: credential-in-config
      LOG_LEVEL        = "info"
    }
  }
}
