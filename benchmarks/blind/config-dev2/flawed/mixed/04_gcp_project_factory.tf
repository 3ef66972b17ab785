# Project factory for a product team: project, runtime identities, GKE cluster,
# Cloud Run frontend and shared artifact repository.

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
  default = "loyalty"
}

variable "frontend_invokers" {
  type    = list(string)
  default = ["group:loyalty-devs@acme.example"]
}

locals {
  project_id = "acme-${var.team}-prod"
  apis = [
    "run.googleapis.com",
    "container.googleapis.com",
    "artifactregistry.googleapis.com",
  ]
}

resource "google_project" "team" {
  name            = local.project_id
  project_id      = local.project_id
  org_id          = var.org_id
  billing_account = var.billing_account
}

resource "google_project_service" "apis" {
  for_each = toset(local.apis)
  project  = google_project.team.project_id
  service  = each.value
}

resource "google_service_account" "runtime" {
  project    = google_project.team.project_id
  account_id = "${var.team}-runtime"
}

resource "google_organization_iam_member" "team_leads_sa_user" {
  org_id = var.org_id
  role   = "roles/iam.serviceAccountUser" # flaw: public-grant
  member = "group:${var.team}-leads@acme.example"
}

resource "google_project_iam_member" "default_compute_editor" {
  project = google_project.team.project_id
  role    = "roles/editor"
  member  = "serviceAccount:${google_project.team.number}-compute@developer.gserviceaccount.com" # flaw: public-grant
}

resource "google_container_cluster" "team" {
  name                     = "${var.team}-prod"
  project                  = google_project.team.project_id
  location                 = "europe-west3"
  remove_default_node_pool = true
  initial_node_count       = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = true # flaw: managed-identity-setting
    }
  }

  workload_identity_config {
    workload_pool = "${local.project_id}.svc.id.goog"
  }
}

resource "google_cloud_run_v2_service" "frontend" {
  name     = "${var.team}-frontend"
  project  = google_project.team.project_id
  location = "europe-west3"

  template {
    service_account = google_service_account.runtime.email
    containers {
      image = "europe-docker.pkg.dev/${local.project_id}/apps/frontend:2.0.3"
    }
  }
}

resource "google_cloud_run_v2_service_iam_binding" "frontend_invokers" {
  project  = google_project.team.project_id
  location = google_cloud_run_v2_service.frontend.location
  name     = google_cloud_run_v2_service.frontend.name
  role     = "roles/run.invoker"
  members  = concat(var.frontend_invokers, ["allUsers"]) # flaw: public-grant
}

resource "google_artifact_registry_repository" "apps" {
  project       = google_project.team.project_id
  location      = "europe"
  repository_id = "apps"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository_iam_member" "ci_writer" {
  project    = google_project.team.project_id
  location   = google_artifact_registry_repository.apps.location
  repository = google_artifact_registry_repository.apps.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:ci-builder@acme-ci.iam.gserviceaccount.com"
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = google_project.team.project_id
  key     = "enable-oslogin"
  value   = "FALSE" # flaw: managed-identity-setting
}
