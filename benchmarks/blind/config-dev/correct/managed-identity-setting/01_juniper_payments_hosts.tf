resource "aws_db_instance" "payments" {
  identifier                          = "juniper-payments"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r7g.large"
  allocated_storage                   = 150
  username                            = "payments_admin"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

resource "aws_elasticache_replication_group" "tokens" {
  replication_group_id       = "juniper-token-cache"
  description                = "Short-lived payment tokens"
  engine                     = "redis"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = data.aws_secretsmanager_secret_version.redis_auth.secret_string
}

data "aws_secretsmanager_secret_version" "redis_auth" {
  secret_id = "juniper/token-cache/auth"
}

resource "aws_launch_template" "gateway" {
  name_prefix   = "juniper-gateway-"
  image_id      = "ami-08f3c1d7e2b94a605"
  instance_type = "c7i.large"

  iam_instance_profile {
    name = "juniper-gateway"
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled" # near-miss: managed-identity-setting
  }
}

# Build box without an instance profile; IMDS is not used at all.
resource "aws_instance" "artifact_mirror" {
  ami           = "ami-08f3c1d7e2b94a605"
  instance_type = "t3.small"

  metadata_options {
    http_endpoint = "disabled" # near-miss: managed-identity-setting
  }
}
