# Project factory for the search team: project, runtime identities, GKE,
# public docs bucket and internal Cloud Run API.

variable "org_id" {
  type    = string
  default = "998877665544"
}

variable "billing_account" {
  type    = string
  default = "01AB23-CD45EF-678901"
}

variable "team" {
  type    = string
  default = "search"
}

locals {
  project_id = "acme-${var.team}-prod"
  runtime_roles = [
    "roles/cloudtrace.agent",
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
  ]
}

resource "google_project" "team" {
  name                = local.project_id
  project_id          = local.project_id
  org_id              = var.org_id
  billing_account     = var.billing_account
  auto_create_network = false
}

resource "google_service_account" "runtime" {
  project    = google_project.team.project_id
  account_id = "${var.team}-runtime"
}

resource "google_project_iam_member" "runtime" {
  for_each = toset(local.runtime_roles)
  project  = google_project.team.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_service_account_iam_member" "ci_act_as_runtime" {
  service_account_id = google_service_account.runtime.name
  role               = "roles/iam.serviceAccountUser" # near-miss: public-grant
  member             = "serviceAccount:ci-builder@acme-ci.iam.gserviceaccount.com"
}

resource "google_organization_iam_member" "team_leads_browser" {
  org_id = var.org_id
  role   = "roles/browser" # near-miss: public-grant
  member = "group:${var.team}-leads@acme.example"
}

resource "google_container_cluster" "team" {
  name                     = "${var.team}-prod"
  project                  = google_project.team.project_id
  location                 = "europe-west3"
  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = false # near-miss: managed-identity-setting

  master_auth {
    client_certificate_config {
      issue_client_certificate = false # near-miss: managed-identity-setting
    }
  }

  workload_identity_config {
    workload_pool = "${local.project_id}.svc.id.goog"
  }
}

resource "google_storage_bucket" "docs" {
  name                        = "acme-${var.team}-public-docs"
  project                     = google_project.team.project_id
  location                    = "EU"
  uniform_bucket_level_access = true

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }
}

resource "google_storage_bucket_iam_member" "docs_public" {
  bucket = google_storage_bucket.docs.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # near-miss: public-grant
}

resource "google_cloud_run_v2_service" "api" {
  name     = "${var.team}-api"
  project  = google_project.team.project_id
  location = "europe-west3"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"

  template {
    service_account = google_service_account.runtime.email
    containers {
      image = "europe-docker.pkg.dev/${local.project_id}/apps/search-api:4.1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "api_invoker" {
  project  = google_project.team.project_id
  location = google_cloud_run_v2_service.api.location
  name     = google_cloud_run_v2_service.api.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:frontend@acme-web-prod.iam.gserviceaccount.com"
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = google_project.team.project_id
  key     = "enable-oslogin"
  value   = "TRUE"
}
