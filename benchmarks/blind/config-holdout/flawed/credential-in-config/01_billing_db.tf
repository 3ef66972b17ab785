provider "aws" {
  region     = "us-east-2"
  access_key = var.deploy_access_key
  secret_key = var.deploy_secret_key
}

variable "deploy_access_key" {
  type = string
}

variable "deploy_secret_key" {
  type      = string
  sensitive = true
  default   = "q8Vt3LwZr0NcX5bYp2HsKj7MfE4aUd9GiR6oTn1W" # flaw: credential-in-config
}

locals {
  db_name        = "billing"
  admin_username = "billing_admin"
  admin_password = "Tr0ub4dor&Billing-26" # flaw: credential-in-config
}

resource "aws_db_subnet_group" "billing" {
  name       = "billing-db"
  subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_db_instance" "billing" {
  identifier                          = "billing-primary"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 200
  db_name                             = local.db_name
  username                            = local.admin_username
  password                            = local.admin_password
  db_subnet_group_name                = aws_db_subnet_group.billing.name
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "billing-primary-final"
}
