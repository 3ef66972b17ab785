variable "trigger_topics" {
  description = "SNS topics that fan out to the notifier"
  type        = map(string)
  default = {
    billing  = "arn:aws:sns:eu-west-1:210987654321:billing-events"
    accounts = "arn:aws:sns:eu-west-1:210987654321:account-events"
  }
}

variable "notifier_role_arn" {
  type = string
}

resource "aws_lambda_function" "notifier" {
  function_name = "customer-notifier"
  role          = var.notifier_role_arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "${path.module}/build/notifier.zip"
  timeout       = 30
}

resource "aws_sns_topic_subscription" "notifier" {
  for_each  = var.trigger_topics
  topic_arn = each.value
  protocol  = "lambda"
  endpoint  = aws_lambda_function.notifier.arn
}

resource "aws_lambda_permission" "from_sns" { # flaw: resource-policy-public
  for_each      = var.trigger_topics
  statement_id  = "AllowSNS-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.notifier.function_name
  principal     = "sns.amazonaws.com"
}

resource "aws_secretsmanager_secret" "smtp" {
  name        = "notifier/smtp-relay"
  description = "SMTP relay credentials for the notifier"
}

resource "aws_secretsmanager_secret_policy" "smtp" { # flaw: resource-policy-public
  secret_arn = aws_secretsmanager_secret.smtp.arn
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "NotifierRead",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "*"
    }
  ]
}
EOF
}
