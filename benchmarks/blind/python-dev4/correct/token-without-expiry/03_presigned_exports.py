"""Short-lived S3 links for report exports in the Marbleway app."""
import os

import boto3
from botocore.config import Config

EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "marbleway-exports")
LINK_SECONDS = 15 * 60
RETENTION_DAYS = 365

s3 = boto3.client("s3", config=Config(signature_version="s3v4"))


def export_key(account_id: str, report_id: str) -> str:
    return f"exports/{account_id}/{report_id}.csv"


def apply_retention() -> None:
    s3.put_bucket_lifecycle_configuration(
        Bucket=EXPORT_BUCKET,
        LifecycleConfiguration={"Rules": [{"ID": "expire-exports", "Status": "Enabled",
                                           "Filter": {"Prefix": "exports/"},
                                           "Expiration": {"Days": RETENTION_DAYS}}]},  # near-miss: token-without-expiry
    )


def download_link(account_id: str, report_id: str) -> str:
    return s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": EXPORT_BUCKET, "Key": export_key(account_id, report_id)},
        ExpiresIn=LINK_SECONDS,
    )
