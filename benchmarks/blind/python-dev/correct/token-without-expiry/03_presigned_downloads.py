"""Presigned S3 URLs for invoice PDFs (Celery task + helper)."""
import boto3
from celery import shared_task

from billing.models import Invoice
from billing.notify import email_user

INVOICE_BUCKET = "billing-invoices"
DOWNLOAD_TTL_SECONDS = 15 * 60
EMAIL_LINK_TTL_SECONDS = 24 * 3600

_s3 = boto3.client("s3")


def invoice_download_url(invoice: Invoice, ttl: int = DOWNLOAD_TTL_SECONDS) -> str:
    return _s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": INVOICE_BUCKET, "Key": invoice.storage_key},
        ExpiresIn=ttl,  # near-miss: token-without-expiry
    )


@shared_task
def email_invoice(invoice_id: int) -> None:
    invoice = Invoice.objects.select_related("account__owner").get(pk=invoice_id)
    url = invoice_download_url(invoice, ttl=EMAIL_LINK_TTL_SECONDS)
    email_user(invoice.account.owner, "invoice_ready", {"url": url, "number": invoice.number})
