"""Short-lived download links for exported audit reports."""
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config
from botocore.signers import CloudFrontSigner

BUCKET = "acme-audit-exports"
LINK_TTL_SECONDS = 300
CDN_LINK_TTL = timedelta(minutes=10)
STATIC_CACHE_MAX_AGE = 60 * 60 * 24 * 365  # near-miss: token-without-expiry

_s3 = boto3.client("s3", config=Config(signature_version="s3v4"))


def export_download_url(key: str) -> str:
    return _s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": BUCKET, "Key": key, "ResponseContentDisposition": "attachment"},
        ExpiresIn=LINK_TTL_SECONDS,
    )


def upload_export(key: str, body: bytes) -> None:
    _s3.put_object(
        Bucket=BUCKET,
        Key=key,
        Body=body,
        ServerSideEncryption="aws:kms",
        ContentType="text/csv",
    )


def cdn_url(signer: CloudFrontSigner, path: str) -> str:
    expires = datetime.now(timezone.utc) + CDN_LINK_TTL
    return signer.generate_presigned_url(f"https://exports.cdn.example.com/{path}", date_less_than=expires)


def static_asset_headers() -> dict:
    """Fingerprinted JS/CSS bundles are immutable and cached for a year."""
    return {"Cache-Control": f"public, max-age={STATIC_CACHE_MAX_AGE}, immutable"}
