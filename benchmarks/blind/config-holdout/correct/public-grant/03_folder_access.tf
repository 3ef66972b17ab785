variable "data_folder" {
  type    = string
  default = "folders/551203948817"
}

# Folder-level visibility only; write access is granted per project.
resource "google_folder_iam_member" "data_browsers" {
  folder = var.data_folder
  role   = "roles/resourcemanager.folderViewer" # near-miss: public-grant
  member = "group:data-engineering@acme.example"
}

resource "google_project_iam_member" "etl_bq_jobs" {
  project = "acme-data-etl"
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:etl-runner@acme-data-etl.iam.gserviceaccount.com"
}

resource "google_service_account" "etl_runner" {
  project    = "acme-data-etl"
  account_id = "etl-runner"
}

# The scheduler may mint tokens for this one service account only.
resource "google_service_account_iam_member" "scheduler_impersonates_etl" {
  service_account_id = google_service_account.etl_runner.name
  role               = "roles/iam.serviceAccountTokenCreator" # near-miss: public-grant
  member             = "serviceAccount:scheduler@acme-data-etl.iam.gserviceaccount.com"
}

resource "google_dataproc_cluster_iam_member" "spark_editors" {
  project = "acme-data-etl"
  region  = "europe-west1"
  cluster = "spark-batch"
  role    = "roles/dataproc.editor"
  member  = "group:data-engineering@acme.example"
}
