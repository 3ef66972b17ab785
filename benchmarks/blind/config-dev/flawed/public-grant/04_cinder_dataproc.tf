variable "project_id" {
  type    = string
  default = "cinder-ml-research"
}

variable "project_number" {
  type    = string
  default = "771204583319"
}

resource "google_dataproc_cluster" "features" {
  name    = "cinder-feature-build"
  project = var.project_id
  region  = "us-east1"

  cluster_config {
    master_config {
      num_instances = 1
      machine_type  = "n2-standard-4"
    }
    worker_config {
      num_instances = 4
      machine_type  = "n2-highmem-8"
    }
    gce_cluster_config {
      service_account = "dataproc-features@cinder-ml-research.iam.gserviceaccount.com"
    }
  }
}

resource "google_dataproc_cluster_iam_binding" "features_viewers" {
  project = var.project_id
  region  = "us-east1"
  cluster = google_dataproc_cluster.features.name
  role    = "roles/dataproc.viewer"
  members = ["allUsers"] # flaw: public-grant
}

# Legacy notebooks still run as the default compute identity.
resource "google_project_iam_member" "notebooks_storage" {
  project = var.project_id
  role    = "roles/storage.admin"
  member  = "serviceAccount:${var.project_number}-compute@developer.gserviceaccount.com" # flaw: public-grant
}

resource "google_project_iam_member" "scheduler_act_as" {
  project = var.project_id
  role    = "roles/iam.serviceAccountUser"
  member  = "serviceAccount:${var.project_id}@appspot.gserviceaccount.com" # flaw: public-grant
}

resource "google_project_iam_member" "features_worker" {
  project = var.project_id
  role    = "roles/dataproc.worker"
  member  = "serviceAccount:dataproc-features@cinder-ml-research.iam.gserviceaccount.com"
}
