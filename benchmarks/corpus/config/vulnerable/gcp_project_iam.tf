resource "google_service_account" "ci" {
  account_id   = "ci-deployer"
  display_name = "CI deployer"
}

resource "google_project_iam_member" "ci_editor" {
  project = var.project_id
  role    = "roles/editor" # expect: IDG241
  member  = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_project_iam_member" "ci_token_creator" {
  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator" # expect: IDG242
  member  = "serviceAccount:${google_service_account.ci.email}"
}

resource "google_project_iam_binding" "sa_users" {
  project = var.project_id
  role    = "roles/iam.serviceAccountUser" # expect: IDG242
  members = [
    "group:developers@example.com",
  ]
}

resource "google_storage_bucket_iam_member" "exports_public" {
  bucket = google_storage_bucket.exports.name
  role   = "roles/storage.objectAdmin"
  member = "allUsers" # expect: IDG240
}
