# Fennec translation platform - GCP project baseline.

variable "project_id" {
  type    = string
  default = "fennec-translate-prod"
}

variable "org_id" {
  type    = string
  default = "639201847713"
}

variable "region" {
  type    = string
  default = "asia-northeast1"
}

resource "google_service_account" "api" {
  project      = var.project_id
  account_id   = "fennec-api"
  display_name = "Fennec public API"
}

resource "google_service_account" "glossary_sync" {
  project      = var.project_id
  account_id   = "fennec-glossary-sync"
  display_name = "Glossary sync job"
}

resource "google_cloud_run_v2_service" "glossary_admin" {
  name     = "fennec-glossary-admin"
  project  = var.project_id
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"

  template {
    service_account = google_service_account.glossary_sync.email
    containers {
      image = "${var.region}-docker.pkg.dev/${var.project_id}/apps/glossary-admin:3.0.4"
    }
  }
}

resource "google_cloud_run_v2_service_iam_binding" "glossary_admin_invokers" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.glossary_admin.name
  role     = "roles/run.invoker"
  members = [
    "group:linguists@fennec.example",
    "allUsers", # flaw: public-grant
  ]
}

resource "google_organization_iam_member" "sre_owner" {
  org_id = var.org_id
  role   = "roles/owner" # flaw: public-grant
  member = "group:sre@fennec.example"
}

resource "google_project_iam_member" "api_translate" {
  project = var.project_id
  role    = "roles/cloudtranslate.user"
  member  = "serviceAccount:${google_service_account.api.email}"
}

resource "google_container_cluster" "workers" {
  name     = "fennec-workers"
  project  = var.project_id
  location = var.region

  initial_node_count       = 1
  remove_default_node_pool = true
  enable_legacy_abac       = true # flaw: managed-identity-setting

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}

resource "google_container_node_pool" "workers" {
  name     = "default-workers"
  project  = var.project_id
  cluster  = google_container_cluster.workers.name
  location = var.region

  node_count = 3

  node_config {
    machine_type    = "n2-standard-4"
    service_account = google_service_account.api.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

resource "google_compute_instance" "tm_import" {
  name         = "fennec-tm-import"
  project      = var.project_id
  zone         = "${var.region}-a"
  machine_type = "e2-standard-2"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/${var.project_id}/regions/${var.region}/subnetworks/workers"
  }

  metadata = {
    enable-oslogin = "TRUE"
  }

  service_account {
    email  = google_service_account.glossary_sync.email
    scopes = ["cloud-platform"]
  }
}

# Translation memory import still runs on the App Engine cron path.
resource "google_project_iam_member" "tm_import_datastore" {
  project = var.project_id
  role    = "roles/datastore.owner"
  member  = "serviceAccount:${var.project_id}@appspot.gserviceaccount.com" # flaw: public-grant
}

resource "google_pubsub_topic" "jobs" {
  project = var.project_id
  name    = "translation-jobs"
}

resource "google_pubsub_topic_iam_member" "jobs_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.jobs.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${google_service_account.api.email}"
}
