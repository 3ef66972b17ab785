variable "project_id" {
  type    = string
  default = "acme-billing-prod"
}

locals {
  invokers = {
    gateway = "serviceAccount:api-gateway@acme-edge.iam.gserviceaccount.com"
    batch   = "serviceAccount:billing-batch@acme-billing-prod.iam.gserviceaccount.com"
  }
}

resource "google_cloud_run_v2_service" "billing_api" {
  name     = "billing-api"
  project  = var.project_id
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"

  template {
    service_account = "billing-api@acme-billing-prod.iam.gserviceaccount.com"
    containers {
      image = "europe-docker.pkg.dev/acme-billing-prod/apps/billing-api:4.2.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "invokers" {
  for_each = local.invokers
  project  = var.project_id
  location = "europe-west1"
  name     = google_cloud_run_v2_service.billing_api.name
  role     = "roles/run.invoker"
  member   = each.value
}

resource "google_bigquery_dataset_iam_member" "finance_readers" {
  project    = var.project_id
  dataset_id = "invoices"
  role       = "roles/bigquery.dataViewer"
  member     = "group:finance-analysts@acme.example"
}

resource "google_pubsub_topic_iam_member" "invoice_events" {
  project = var.project_id
  topic   = "invoice-events"
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:billing-api@acme-billing-prod.iam.gserviceaccount.com"
}
