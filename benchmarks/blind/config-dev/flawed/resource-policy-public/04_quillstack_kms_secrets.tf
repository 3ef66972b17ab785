data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "ledger_key" {
  statement {
    sid       = "AccountAdmin"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid    = "LedgerServicesDecrypt"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey",
      "kms:DescribeKey",
    ]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"] # flaw: resource-policy-public
    }
  }
}

resource "aws_kms_key" "ledger" {
  description             = "Quillstack ledger envelope key"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.ledger_key.json
}

resource "aws_kms_alias" "ledger" {
  name          = "alias/quillstack-ledger"
  target_key_id = aws_kms_key.ledger.key_id
}

resource "aws_secretsmanager_secret" "ledger_signing" {
  name       = "quillstack/ledger/signing-salt"
  kms_key_id = aws_kms_key.ledger.arn
}

data "aws_iam_policy_document" "ledger_signing" {
  statement {
    sid       = "ReadSigningSalt"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"] # flaw: resource-policy-public
    }
  }
}

resource "aws_secretsmanager_secret_policy" "ledger_signing" {
  secret_arn = aws_secretsmanager_secret.ledger_signing.arn
  policy     = data.aws_iam_policy_document.ledger_signing.json
}
