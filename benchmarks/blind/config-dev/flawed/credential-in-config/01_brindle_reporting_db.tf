terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

# Sandbox account used by the reporting squad for quick experiments.
provider "aws" {
  region     = "ap-southeast-2"
  access_key = "BRNDLSANDBOXDEPLOY01" # flaw: credential-in-config
  secret_key = "q8Zr2mVt0XwLp4Nc7YhKe1BsUa9DfJ3gTo6RiWx5" # flaw: credential-in-config
}

resource "aws_db_subnet_group" "reporting" {
  name       = "brindle-reporting"
  subnet_ids = ["subnet-0a1f4c2d9e7b3a601", "subnet-0b7e3a9c1d4f2e802"]
}

resource "aws_db_instance" "reporting" {
  identifier              = "brindle-reporting"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 100
  db_name                 = "reporting"
  username                = "reporting_admin"
  password                = "Brindle-Rep0rts!2025" # flaw: credential-in-config
  db_subnet_group_name    = aws_db_subnet_group.reporting.name
  storage_encrypted       = true
  backup_retention_period = 7
  skip_final_snapshot     = true

  iam_database_authentication_enabled = true
}

output "reporting_endpoint" {
  value = aws_db_instance.reporting.address
}
