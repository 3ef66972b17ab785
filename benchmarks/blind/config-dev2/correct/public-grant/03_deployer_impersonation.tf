variable "project_id" {
  type    = string
  default = "acme-payments-prod"
}

resource "google_service_account" "deployer" {
  project      = var.project_id
  account_id   = "payments-deployer"
  display_name = "Payments deployment pipeline"
}

# CI impersonates exactly one deployer account; no project/folder-wide token creation.
resource "google_service_account_iam_member" "ci_token_creator" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountTokenCreator" # near-miss: public-grant
  member             = "serviceAccount:ci-runner@acme-ci.iam.gserviceaccount.com"
}

resource "google_service_account_iam_member" "deployer_uses_runtime" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/payments-runtime@${var.project_id}.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser" # near-miss: public-grant
  member             = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_project_iam_member" "deployer_run_admin" {
  project = var.project_id
  role    = "roles/run.developer"
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_folder_iam_member" "auditors" {
  folder = "folders/456789012345"
  role   = "roles/iam.securityReviewer" # near-miss: public-grant
  member = "group:security-audit@acme.example"
}
