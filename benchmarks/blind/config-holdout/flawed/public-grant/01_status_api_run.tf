variable "project_id" {
  type    = string
  default = "acme-status-prod"
}

variable "region" {
  type    = string
  default = "us-central1"
}

locals {
  invokers = toset([
    "serviceAccount:uptime-checker@acme-monitoring.iam.gserviceaccount.com",
    "group:sre@acme.example",
    "allUsers", # flaw: public-grant
  ])
}

resource "google_service_account" "status_api" {
  project      = var.project_id
  account_id   = "status-api"
  display_name = "Status API runtime"
}

resource "google_cloud_run_v2_service" "status_api" {
  name     = "status-api"
  project  = var.project_id
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"

  template {
    service_account = google_service_account.status_api.email
    containers {
      image = "us-docker.pkg.dev/acme-status-prod/apps/status-api:1.9.3"
      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "invokers" {
  for_each = local.invokers
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.status_api.name
  role     = "roles/run.invoker"
  member   = each.value
}
