resource "google_service_account" "ci" {
  account_id   = "ci-deployer"
  display_name = "CI deployer"
}

resource "google_project_iam_member" "ci_run_developer" {
  project = var.project_id
  role    = "roles/run.developer" # ok: IDG241
  member  = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_service_account" "runtime" {
  account_id = "orders-runtime"
}

# CI may act as the runtime account only, not as every account of the project.
resource "google_service_account_iam_member" "ci_acts_as_runtime" {
  service_account_id = google_service_account.runtime.name
  role               = "roles/iam.serviceAccountUser" # ok: IDG242
  member             = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_storage_bucket_iam_member" "exports_readers" {
  bucket = google_storage_bucket.exports.name
  role   = "roles/storage.objectViewer"
  member = "group:analysts@example.com" # ok: IDG240
}
