"""Share links for exported reports, served from S3 and GCS."""
import datetime

import boto3
from google.cloud import storage
from joserfc import jwt
from joserfc.jwk import OctKey

EXPORT_BUCKET = "acme-report-exports"
SHARE_LINK_TTL = 60 * 60 * 4
SHARE_KEY = OctKey.import_key(open("/run/secrets/share_key").read())


def s3_share_url(key: str) -> str:
    s3 = boto3.client("s3")
    return s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": EXPORT_BUCKET, "Key": key},
        ExpiresIn=SHARE_LINK_TTL,
    )


def gcs_share_url(blob_name: str) -> str:
    blob = storage.Client().bucket(EXPORT_BUCKET).blob(blob_name)
    return blob.generate_signed_url(version="v4", expiration=datetime.timedelta(days=180), method="GET")  # flaw: token-without-expiry


def share_token(report_id: str, viewer_email: str) -> str:
    claims = {"rid": report_id, "email": viewer_email, "iat": int(datetime.datetime.now().timestamp())}
    return jwt.encode({"alg": "HS256"}, claims, SHARE_KEY)  # flaw: token-without-expiry


def open_share_token(token: str) -> dict:
    return jwt.decode(token, SHARE_KEY, algorithms=["HS256"]).claims
