# modules/tidewater-pipeline: landing bucket, catalogue DB, Glue tooling and
# the ingest host for the Tidewater tide-gauge data pipeline.

variable "name" {
  type    = string
  default = "tidewater"
}

variable "vpc_subnet_ids" {
  type = list(string)
}

variable "ingest_ami" {
  type    = string
  default = "ami-0e4b7c19d2a6f3850"
}

data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  tags = {
    project = var.name
    owner   = "ocean-data"
  }
}

resource "aws_s3_bucket" "landing" {
  bucket = "${var.name}-gauge-landing"
  tags   = local.tags
}

resource "aws_s3_bucket_policy" "landing" {
  bucket = aws_s3_bucket.landing.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "GaugeUploads"
        Effect    = "Allow"
        Principal = { AWS = "*" } # flaw: resource-policy-public
        Action    = ["s3:PutObject"]
        Resource  = "${aws_s3_bucket.landing.arn}/incoming/*"
      }
    ]
  })
}

resource "aws_db_subnet_group" "catalogue" {
  name       = "${var.name}-catalogue"
  subnet_ids = var.vpc_subnet_ids
}

resource "aws_db_instance" "catalogue" {
  identifier                          = "${var.name}-catalogue"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.large"
  allocated_storage                   = 100
  username                            = "catalogue"
  password                            = "T1degauge-Cat4logue" # flaw: credential-in-config
  db_subnet_group_name                = aws_db_subnet_group.catalogue.name
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.name}-catalogue-final"
  tags                                = local.tags
}

resource "aws_iam_role" "analysts" {
  name = "${var.name}-analysts"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_role_policy" "analysts_glue" {
  name = "glue-notebooks"
  role = aws_iam_role.analysts.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "glue:CreateDevEndpoint", # flaw: privilege-escalation
          "glue:GetDevEndpoints",
          "glue:UpdateDevEndpoint",
          "glue:GetTables",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:PassRole"] # flaw: privilege-escalation
        Resource = "arn:aws:iam::${local.account_id}:role/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [aws_s3_bucket.landing.arn, "${aws_s3_bucket.landing.arn}/*"]
      }
    ]
  })
}

resource "aws_iam_role" "ingest" {
  name = "${var.name}-ingest-host"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_instance_profile" "ingest" {
  name = "${var.name}-ingest-host"
  role = aws_iam_role.ingest.name
}

resource "aws_instance" "ingest" { # flaw: managed-identity-setting
  ami                  = var.ingest_ami
  instance_type        = "m7g.large"
  subnet_id            = var.vpc_subnet_ids[0]
  iam_instance_profile = aws_iam_instance_profile.ingest.name

  root_block_device {
    encrypted   = true
    volume_size = 60
  }

  tags = merge(local.tags, { Name = "${var.name}-ingest" })
}

output "landing_bucket" {
  value = aws_s3_bucket.landing.bucket
}
