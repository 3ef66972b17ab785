resource "google_bigquery_dataset" "campaign_stats" {
  project    = "ambergris-ads"
  dataset_id = "campaign_stats"
  location   = "EU"

  default_table_expiration_ms = 7776000000
}

resource "google_bigquery_dataset_iam_member" "stats_readers" {
  project    = "ambergris-ads"
  dataset_id = google_bigquery_dataset.campaign_stats.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "allAuthenticatedUsers" # flaw: public-grant
}

resource "google_bigquery_dataset_iam_member" "stats_loader" {
  project    = "ambergris-ads"
  dataset_id = google_bigquery_dataset.campaign_stats.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:stats-loader@ambergris-ads.iam.gserviceaccount.com"
}

resource "google_artifact_registry_repository" "sdk" {
  project       = "ambergris-ads"
  location      = "europe-west1"
  repository_id = "partner-sdk"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository_iam_member" "sdk_pull" {
  for_each = toset([
    "group:partner-integrations@ambergris.example",
    "allUsers", # flaw: public-grant
  ])

  project    = "ambergris-ads"
  location   = google_artifact_registry_repository.sdk.location
  repository = google_artifact_registry_repository.sdk.name
  role       = "roles/artifactregistry.reader"
  member     = each.value
}
