# modules/analytics-platform: private GKE, internal dashboards, curated datasets.
variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "us-central1"
}

variable "dashboard_viewers" {
  type    = list(string)
  default = ["group:analysts@acme.example", "group:finance@acme.example"]
}

locals {
  node_sa = "analytics-nodes@${var.project_id}.iam.gserviceaccount.com"
  datasets = {
    staging = "Staging tables"
    marts   = "Reporting marts"
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = var.project_id
  key     = "enable-oslogin"
  value   = "TRUE"
}

resource "google_container_cluster" "analytics" {
  name     = "analytics-${var.region}"
  project  = var.project_id
  location = var.region

  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = false # near-miss: managed-identity-setting

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}

resource "google_container_node_pool" "general" {
  name     = "general"
  project  = var.project_id
  cluster  = google_container_cluster.analytics.name
  location = var.region

  node_config {
    machine_type    = "e2-standard-8"
    service_account = local.node_sa
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_bigquery_dataset" "this" {
  for_each   = local.datasets
  project    = var.project_id
  dataset_id = each.key
  location   = "US"
  description = each.value
}

resource "google_bigquery_dataset_iam_member" "marts_readers" {
  for_each   = toset(var.dashboard_viewers)
  project    = var.project_id
  dataset_id = google_bigquery_dataset.this["marts"].dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value
}

resource "google_cloud_run_v2_service" "dashboards" {
  name     = "dashboards"
  project  = var.project_id
  location = var.region
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"

  template {
    service_account = "dashboards@${var.project_id}.iam.gserviceaccount.com"
    containers {
      image = "us-docker.pkg.dev/${var.project_id}/apps/dashboards:2.3.1"
    }
  }
}

resource "google_cloud_run_v2_service_iam_binding" "dashboards_invokers" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.dashboards.name
  role     = "roles/run.invoker"
  members  = ["serviceAccount:iap-proxy@${var.project_id}.iam.gserviceaccount.com"]
}

resource "google_service_account_iam_member" "composer_runs_as_etl" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/etl@${var.project_id}.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser" # near-miss: public-grant
  member             = "serviceAccount:composer@${var.project_id}.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "node_logging" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${local.node_sa}"
}
