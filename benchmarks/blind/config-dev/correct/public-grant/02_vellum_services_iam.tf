variable "project_id" {
  type    = string
  default = "vellum-docs-prod"
}

resource "google_service_account" "renderer" {
  project    = var.project_id
  account_id = "vellum-renderer"
}

resource "google_service_account" "gateway" {
  project    = var.project_id
  account_id = "vellum-gateway"
}

resource "google_cloud_run_v2_service_iam_member" "renderer_invoker" {
  project  = var.project_id
  location = "europe-west2"
  name     = "vellum-renderer"
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.gateway.email}"
}

# The gateway mints short-lived tokens for the renderer identity only.
resource "google_service_account_iam_member" "gateway_mints_renderer" {
  service_account_id = google_service_account.renderer.name
  role               = "roles/iam.serviceAccountTokenCreator" # near-miss: public-grant
  member             = "serviceAccount:${google_service_account.gateway.email}"
}

resource "google_project_iam_member" "renderer_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.renderer.email}"
}

resource "google_folder_iam_member" "docs_browse" {
  folder = "folders/301958274466"
  role   = "roles/resourcemanager.folderViewer"
  member = "group:docs-engineering@vellum.example"
}
