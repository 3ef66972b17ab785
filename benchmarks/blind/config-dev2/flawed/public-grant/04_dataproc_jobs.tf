data "google_project" "jobs" {
  project_id = "acme-etl-prod"
}

locals {
  compute_default_sa = "${data.google_project.jobs.number}-compute@developer.gserviceaccount.com"
}

resource "google_project_iam_member" "dataproc_worker" {
  project = data.google_project.jobs.project_id
  role    = "roles/dataproc.worker"
  member  = "serviceAccount:${local.compute_default_sa}" # flaw: public-grant
}

resource "google_project_iam_member" "gcs_writer" {
  project = data.google_project.jobs.project_id
  role    = "roles/storage.objectAdmin"
  member  = "serviceAccount:${data.google_project.jobs.project_id}@appspot.gserviceaccount.com" # flaw: public-grant
}

resource "google_dataproc_cluster" "etl" {
  name    = "etl-nightly"
  project = data.google_project.jobs.project_id
  region  = "europe-west1"

  cluster_config {
    gce_cluster_config {
      subnetwork       = "etl-private"
      internal_ip_only = true
    }
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-4"
    }
    worker_config {
      num_instances = 4
      machine_type  = "n2-standard-8"
    }
  }
}

resource "google_dataproc_cluster_iam_binding" "etl_users" {
  project = data.google_project.jobs.project_id
  region  = "europe-west1"
  cluster = google_dataproc_cluster.etl.name
  role    = "roles/dataproc.viewer"
  members = ["allAuthenticatedUsers"] # flaw: public-grant
}
