variable "db_admin_password" {
  type        = string
  sensitive   = true
  description = "Supplied by the pipeline from the vault; never committed" # near-miss: credential-in-config
}

variable "payments_api_key_ssm_path" {
  type    = string
  default = "/cobalt/orders/payments-api-key"
}

data "aws_secretsmanager_secret_version" "replica_reader" {
  secret_id = "cobalt/orders/replica-reader"
}

data "aws_ssm_parameter" "payments_api_key" {
  name            = var.payments_api_key_ssm_path
  with_decryption = true
}

resource "aws_db_instance" "orders" {
  identifier                          = "cobalt-orders"
  engine                              = "postgres"
  engine_version                      = "16.2"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 200
  username                            = "orders_admin"
  password                            = var.db_admin_password # near-miss: credential-in-config
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}

resource "aws_db_instance" "analytics" {
  identifier                          = "cobalt-analytics"
  engine                              = "postgres"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 500
  username                            = "analytics_admin"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

resource "aws_lambda_function" "order_events" {
  function_name = "cobalt-order-events"
  filename      = "dist/order-events.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::604218733915:role/cobalt-order-events"

  environment {
    variables = {
      PAYMENTS_KEY_PARAM    = data.aws_ssm_parameter.payments_api_key.name
      REPLICA_SECRET_ARN    = data.aws_secretsmanager_secret_version.replica_reader.arn
      PASSWORD_RESET_TTL_MIN = "30" # near-miss: credential-in-config
    }
  }
}
