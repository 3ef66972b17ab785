# Bramble recipe platform: admin API on Cloud Run and the import topic.

locals {
  project = "bramble-recipes-prod"
  region  = "us-central1"
}

resource "google_service_account" "admin_api" {
  project      = local.project
  account_id   = "bramble-admin-api"
  display_name = "Bramble admin API runtime"
}

resource "google_cloud_run_v2_service" "admin_api" {
  name     = "bramble-admin-api"
  project  = local.project
  location = local.region

  template {
    service_account = google_service_account.admin_api.email
    containers {
      image = "us-central1-docker.pkg.dev/bramble-recipes-prod/services/admin-api:2025.03.1"
      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "admin_api_invoker" {
  project  = local.project
  location = local.region
  name     = google_cloud_run_v2_service.admin_api.name
  role     = "roles/run.invoker"
  member   = "allUsers" # flaw: public-grant
}

resource "google_pubsub_topic" "recipe_imports" {
  project = local.project
  name    = "recipe-imports"
}

resource "google_pubsub_topic_iam_binding" "import_publishers" {
  project = local.project
  topic   = google_pubsub_topic.recipe_imports.name
  role    = "roles/pubsub.publisher"
  members = [
    "serviceAccount:${google_service_account.admin_api.email}",
    "allAuthenticatedUsers", # flaw: public-grant
  ]
}
