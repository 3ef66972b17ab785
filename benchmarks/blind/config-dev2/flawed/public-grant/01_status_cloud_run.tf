variable "project_id" {
  type    = string
  default = "acme-status-prod"
}

variable "region" {
  type    = string
  default = "us-east1"
}

variable "invoker_members" {
  description = "Who may call the status API"
  type        = list(string)
  default     = ["allUsers"] # flaw: public-grant
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
      image = "us-docker.pkg.dev/acme-status-prod/apps/status-api:1.8.0"
      ports {
        container_port = 8080
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "invokers" {
  for_each = toset(var.invoker_members)
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.status_api.name
  role     = "roles/run.invoker"
  member   = each.value
}

resource "google_pubsub_topic" "incidents" {
  name    = "status-incidents"
  project = var.project_id
}

resource "google_pubsub_topic_iam_binding" "incident_subscribers" {
  project = var.project_id
  topic   = google_pubsub_topic.incidents.name
  role    = "roles/pubsub.subscriber"
  members = [
    "group:sre@acme.example",
    "allAuthenticatedUsers", # flaw: public-grant
  ]
}
