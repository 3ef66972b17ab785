"""Share links for exported reports, served from S3 and GCS."""
import datetime
import time

import boto3
from google.cloud import storage
from joserfc import jwt
from joserfc.jwk import OctKey
from joserfc.jwt import JWTClaimsRegistry

EXPORT_BUCKET = "acme-report-exports"
SHARE_LINK_TTL = 60 * 60
SHARE_KEY = OctKey.import_key(open("/run/secrets/share_key").read())
REPORT_RETENTION = datetime.timedelta(days=365)  # near-miss: token-without-expiry


def s3_share_url(key: str) -> str:
    return boto3.client("s3").generate_presigned_url(
        "get_object", Params={"Bucket": EXPORT_BUCKET, "Key": key}, ExpiresIn=SHARE_LINK_TTL,
    )


def gcs_share_url(blob_name: str) -> str:
    blob = storage.Client().bucket(EXPORT_BUCKET).blob(blob_name)
    return blob.generate_signed_url(version="v4", expiration=datetime.timedelta(minutes=30), method="GET")


def share_token(report_id: str, viewer_email: str) -> str:
    now = int(time.time())
    claims = {"rid": report_id, "email": viewer_email, "iat": now, "exp": now + SHARE_LINK_TTL}
    return jwt.encode({"alg": "HS256"}, claims, SHARE_KEY)


def open_share_token(token: str) -> dict:
    tok = jwt.decode(token, SHARE_KEY, algorithms=["HS256"])
    JWTClaimsRegistry(exp={"essential": True}).validate(tok.claims)
    return tok.claims
