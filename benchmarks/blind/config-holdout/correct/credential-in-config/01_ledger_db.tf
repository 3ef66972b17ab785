provider "aws" {
  region = "eu-central-1"
  # Credentials come from the CI OIDC role; no static keys here.
}

variable "db_master_username" {
  type    = string
  default = "ledger_admin"
}

variable "db_master_password" { # near-miss: credential-in-config
  type        = string
  sensitive   = true
  description = "Injected by the pipeline from the vault; no default on purpose"
}

data "aws_secretsmanager_secret_version" "reporting" {
  secret_id = "ledger/reporting-user"
}

locals {
  reporting_creds = jsondecode(data.aws_secretsmanager_secret_version.reporting.secret_string)
}

resource "aws_db_instance" "ledger" {
  identifier                          = "ledger-main"
  engine                              = "mysql"
  engine_version                      = "8.0.36"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  username                            = var.db_master_username
  password                            = var.db_master_password # near-miss: credential-in-config
  iam_database_authentication_enabled = true
  storage_encrypted                   = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "ledger-main-final"
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier          = "ledger-analytics"
  engine                      = "aurora-postgresql"
  master_username             = "analytics_admin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_ssm_parameter" "reporting_user" {
  name  = "/ledger/reporting/username"
  type  = "String"
  value = local.reporting_creds["username"]
}
